using HealthSync.Tests.Sync;
using IntervalsStandIn;

namespace HealthSync.Tests.Cli;

/// <summary>The key only where it belongs (issue 12, point 5): login, logout, and which URL a stored key may go to.</summary>
public sealed class LoginTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Say_Connected_Only_After_A_Check_And_Read_The_Key_From_Stdin()
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var login = await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h));

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("Connected to", login.Console);
        Assert.DoesNotContain(SyncHarness.ApiKey, login.Console + login.Error);
        Assert.Contains(SyncHarness.ApiKey, await File.ReadAllTextAsync(Credentials(h)));
    }

    [Fact]
    public async Task Should_Turn_Sync_On_At_Login_So_A_Workout_Recorded_After_It_Is_New()
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var login = await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h));

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("Sync is on from now", login.Console);
        using (var state = HealthSync.State.SyncState.Open(h.StateDir, h.Time))
        {
            var settings = HealthSync.Sync.SyncSettings.Load(state, "UTC");
            Assert.True(settings.SyncOn);
            Assert.Equal(Now, settings.SyncSince);
        }

        // A second login (a new key) keeps the instant: sync was on already.
        h.Time.Advance(TimeSpan.FromDays(1));
        var again = await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h));
        Assert.DoesNotContain("Sync is on from now", again.Console);
        using (var state = HealthSync.State.SyncState.Open(h.StateDir, h.Time))
        {
            Assert.Equal(Now, HealthSync.Sync.SyncSettings.Load(state, "UTC").SyncSince);
        }
    }

    [Fact]
    public async Task Should_Not_Store_A_Refused_Key()
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var login = await h.RunWithInputAsync("wrong-key\n", "login", "--base-url", Url(h));

        Assert.Equal(3, login.ExitCode);
        Assert.Contains("was not stored", login.Error);
        Assert.False(File.Exists(Credentials(h)));
    }

    [Fact]
    public async Task Should_Say_Stored_Not_Checked_And_Keep_A_Stored_Login_Unless_Forced()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        Assert.Equal(0, (await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h))).ExitCode);
        var working = await File.ReadAllTextAsync(Credentials(h));

        // The check gets an answer that says nothing about the key: the new key is not known to work.
        h.Server.Faults.Enqueue(Fault.Error(404));
        var notChecked = await h.RunWithInputAsync("other-key\n", "login", "--base-url", Url(h));

        Assert.Equal(3, notChecked.ExitCode);
        Assert.Contains("was kept", notChecked.Error);
        Assert.Contains("--force", notChecked.Error);
        Assert.DoesNotContain("Connected", notChecked.Console);
        Assert.Equal(working, await File.ReadAllTextAsync(Credentials(h)));

        h.Server.Faults.Enqueue(Fault.Error(404));
        var forced = await h.RunWithInputAsync("other-key\n", "login", "--base-url", Url(h), "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("Stored, not checked", forced.Console);
        Assert.Contains("404", forced.Console);
        Assert.DoesNotContain("Connected", forced.Console);
        Assert.Contains("other-key", await File.ReadAllTextAsync(Credentials(h)));
    }

    [Fact]
    public async Task Should_Say_Stored_Not_Checked_With_No_Check_When_Nothing_Was_Stored()
    {
        await using var h = await SyncHarness.StartAsync(Now);

        var login = await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h), "--no-check");

        Assert.Equal(0, login.ExitCode);
        Assert.Contains("Stored, not checked", login.Console);
        Assert.Contains("--no-check", login.Console);
        Assert.Empty(h.Server.Received.All);
    }

    [Fact]
    public async Task Should_Send_The_Stored_Key_Only_To_The_Url_It_Was_Stored_For()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await using var other = await StandInServer.StartAsync(new StandInOptions { ApiKey = "other-service-key" });
        Assert.Equal(0, (await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h))).ExitCode);
        var export = h.Export(SyncHarness.Workout("Walking", Now.AddDays(-3), 30));

        var byOption = await h.RunAsync("backfill", export, "--no-account", "--base-url", other.BaseAddress.ToString());
        h.Environment["INTERVALS_BASE_URL"] = other.BaseAddress.ToString();
        var byEnvironment = await h.RunAsync("backfill", export, "--no-account");

        foreach (var run in new[] { byOption, byEnvironment })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"the stored key is for {h.Server.BaseAddress}, not {other.BaseAddress}", run.Error);
        }

        Assert.Empty(other.Received.All);
        Assert.Empty(h.Uploads);

        // With its own key, the other URL is fine; the stored key still goes to its own.
        var withKey = await h.RunAsync("backfill", export, "--no-account", "--api-key", "other-service-key", "--base-url", other.BaseAddress.ToString());
        Assert.True(withKey.ExitCode == 0, withKey.Error);
        Assert.Single(other.Received.All, r => r.Method == "POST");
        h.Environment.Clear();
        var another = h.Export(SyncHarness.Workout("Walking", Now.AddDays(-2), 30));
        Assert.Equal(0, (await h.RunAsync("backfill", another, "--no-account")).ExitCode);
        Assert.Single(h.Uploads);
    }

    [Theory]
    [InlineData("--base-url", "http://intervals.example.com")]
    [InlineData("INTERVALS_BASE_URL", "http://10.0.0.8:5700")]
    [InlineData("stored", "http://192.168.1.2/")]
    public async Task Should_Refuse_Plain_Http_To_Another_Machine_Wherever_The_Url_Comes_From(string where, string url)
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("Walking", Now.AddDays(-3), 30));
        var args = new List<string> { "backfill", export, "--no-account", "--api-key", SyncHarness.ApiKey };
        switch (where)
        {
            case "--base-url":
                args.AddRange(["--base-url", url]);
                break;
            case "INTERVALS_BASE_URL":
                h.Environment["INTERVALS_BASE_URL"] = url;
                break;
            default:
                Directory.CreateDirectory(h.StateDir);
                await File.WriteAllTextAsync(Credentials(h), $$"""{"apiKey":"{{SyncHarness.ApiKey}}","baseUrl":"{{url}}"}""");
                args.Remove("--api-key");
                args.Remove(SyncHarness.ApiKey);
                break;
        }

        var run = await h.RunAsync([.. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{url}' is plain http, which would send the API key in clear text", run.Error);
        Assert.Empty(h.Server.Received.All);
    }

    [Fact]
    public async Task Should_Accept_Plain_Http_To_Loopback()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var localhost = new UriBuilder(h.Server.BaseAddress) { Host = "localhost" }.Uri.ToString();

        var login = await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", localhost);

        Assert.True(login.ExitCode == 0, login.Error);
        Assert.Contains("Connected", login.Console);
    }

    [Fact]
    public async Task Should_Remove_The_Stored_Login_And_Say_So()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        Assert.Equal(0, (await h.RunWithInputAsync(SyncHarness.ApiKey + "\n", "login", "--base-url", Url(h))).ExitCode);

        var logout = await h.RunAsync("logout");
        var again = await h.RunAsync("logout");

        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("Logged out", logout.Console);
        Assert.False(File.Exists(Credentials(h)));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("No stored login", again.Console);
    }

    [Fact]
    public async Task Should_Warn_In_The_Help_That_Api_Key_Is_Visible_In_The_Process_List()
    {
        var help = await CliRunner.RunAsync("login", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("process list", help.Out + help.Console);
    }

    private static string Url(SyncHarness h) => h.Server.BaseAddress.ToString();

    private static string Credentials(SyncHarness h) => Path.Combine(h.StateDir, "credentials.json");
}
