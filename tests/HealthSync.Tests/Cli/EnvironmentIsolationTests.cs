using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Cli;

/// <summary>Tests that change this process's environment variables: run alone, so no other test sees them.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>An in-process run reads the injected environment only, never the process's (issue 9, item 6).</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class EnvironmentIsolationTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Not_Use_The_Process_Key_Url_Or_State_Folder_In_An_In_Process_Run()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        using var home = new TempDirectory();
        var export = h.Export(SyncHarness.Workout("Walking", Now.AddHours(-2), 30));
        var variables = new Dictionary<string, string>
        {
            ["INTERVALS_API_KEY"] = SyncHarness.ApiKey,
            ["INTERVALS_BASE_URL"] = h.Server.BaseAddress.ToString(),
            ["HEALTHSYNC_HOME"] = home.Path,
            ["HOME"] = home.Path,
        };
        var saved = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        CliRunner.Run sync;
        CliRunner.Run settings;
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            sync = await h.RunAsync("sync", export, "--no-account");
            settings = await CliRunner.RunAsync("settings");
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        // Had the process's key and URL been read, the workout would have been uploaded to the stand-in.
        Assert.Equal(2, sync.ExitCode);
        Assert.Contains("no Intervals.icu account is connected", sync.Error);
        Assert.Empty(h.Server.Received.All);
        // Had HEALTHSYNC_HOME (or HOME) been read, the settings would have created a state there.
        Assert.Equal(2, settings.ExitCode);
        Assert.Contains("error: no state folder: none of HEALTHSYNC_HOME, XDG_DATA_HOME and HOME is set: give --state-dir DIR", settings.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home.Path));
    }

    [Fact]
    public async Task Should_Use_The_Injected_Environment()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        h.Environment["INTERVALS_API_KEY"] = SyncHarness.ApiKey;
        h.Environment["INTERVALS_BASE_URL"] = h.Server.BaseAddress.ToString();
        var export = h.Export(SyncHarness.Workout("Walking", Now.AddHours(-2), 30));

        // The first sync turns sync on at "now": a workout that ended before is history, so backfill it.
        var run = await h.RunAsync("backfill", export, "--no-account");

        Assert.True(run.ExitCode == 0, run.Error + run.Console);
        Assert.Single(h.Uploads);
    }
}
