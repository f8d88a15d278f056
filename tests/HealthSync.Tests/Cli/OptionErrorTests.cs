namespace HealthSync.Tests.Cli;

/// <summary>Option errors in the user's words (issue 12, point 7): the option, the value and the form expected; no .NET type names.</summary>
public sealed class OptionErrorTests
{
    [Theory]
    [InlineData(new[] { "backfill", "export.zip", "--since", "2025-13-01" }, "--since: '2025-13-01' is not a date in the form YYYY-MM-DD")]
    [InlineData(new[] { "backfill", "export.zip", "--since", "01/05/2025" }, "--since: '01/05/2025' is not a date in the form YYYY-MM-DD")]
    [InlineData(new[] { "sync", "export.zip", "--base-url", "intervals.icu" }, "--base-url: 'intervals.icu' is not a URL; give the full address, e.g. https://intervals.icu")]
    [InlineData(new[] { "login", "--base-url", "ftp://intervals.icu" }, "--base-url: 'ftp://intervals.icu' is not a URL")]
    [InlineData(new[] { "history", "--limit", "lots" }, "--limit: 'lots' is not a whole number from 1 to 1,000,000")]
    [InlineData(new[] { "history", "--limit", "0" }, "--limit: '0' is not a whole number from 1 to 1,000,000")]
    [InlineData(new[] { "history", "--status", "faild" }, "--status: 'faild' is not one of uploaded, skipped, failed; did you mean 'failed'?")]
    [InlineData(new[] { "sync", "export.zip", "--batch-size", "0" }, "--batch-size: '0' is not a whole number from 1 to 10,000")]
    [InlineData(new[] { "sync", "export.zip", "--rate", "fast" }, "--rate: 'fast' is not a number from 0.1 to 100")]
    [InlineData(new[] { "sync", "export.zip", "--burst", "500" }, "--burst: '500' is not a whole number from 1 to 100")]
    [InlineData(new[] { "sync", "export.zip", "--short-budget", "-3" }, "--short-budget: '-3' is not a whole number from 1 to 1,000,000")]
    [InlineData(new[] { "sync", "export.zip", "--daily-budget", "1e3" }, "--daily-budget: '1e3' is not a whole number from 1 to 1,000,000")]
    [InlineData(new[] { "settings", "set", "gps-route", "on" }, "KEY: 'gps-route' is not one of sync, gps-routes, time-zone, self-delivering-sources, resend-deleted, keep-documents-days; did you mean 'gps-routes'?")]
    [InlineData(new[] { "synk", "export.zip" }, "unknown command 'synk'; did you mean 'sync'?")]
    [InlineData(new[] { "backfil", "export.zip" }, "unknown command 'backfil'; did you mean 'backfill'?")]
    [InlineData(new[] { "backfill", "export.zip", "--sinse", "2025-01-01" }, "unknown option '--sinse'; did you mean '--since'?")]
    public async Task Should_Name_The_Option_The_Value_And_The_Expected_Form(string[] args, string expected)
    {
        using var home = new Support.TempDirectory();
        var run = await CliRunner.RunAsync(new Dictionary<string, string> { ["HEALTHSYNC_HOME"] = home.Path }, null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: " + expected, run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home.Path));
        Assert.DoesNotContain("System.", run.Error);
        Assert.DoesNotContain("Invalid URI", run.Error);
        Assert.DoesNotContain("Required command was not provided", run.Error);
    }

    [Fact]
    public async Task Should_Not_Guess_A_Command_Far_From_Any()
    {
        var run = await CliRunner.RunAsync("zzzzzz");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: unknown command 'zzzzzz'", run.Error);
        Assert.DoesNotContain("did you mean", run.Error);
    }

    [Fact]
    public async Task Should_Suggest_The_Nearest_Sport()
    {
        using var dir = new Support.TempDirectory();

        var run = await CliRunner.RunAsync("sports", "enable", "yogga", "--state-dir", dir.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: unknown sport 'yogga'; did you mean 'yoga-mobility'?", run.Error);
    }

    [Fact]
    public async Task Should_Accept_A_Date_In_The_Documented_Form()
    {
        using var dir = new Support.TempDirectory();

        var run = await CliRunner.RunAsync("backfill", Path.Combine(Support.RepoPaths.Root, "samples", "export.zip"), "--since", "2025-01-01", "--dry-run", "--json", "--state-dir", dir.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("--since", run.Error);
    }
}
