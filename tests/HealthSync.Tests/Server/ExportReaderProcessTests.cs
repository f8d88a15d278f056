using System.Net;
using HealthSync.Server;
using HealthSync.Server.Work;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Server;

/// <summary>A browser backfill whose export is read by the command-line tool in a process of its own (as an installed server does).</summary>
public sealed class ExportReaderProcessTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Category", "Slow")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the logging wrapper is a shell script
    public async Task Should_Preview_And_Backfill_An_Export_The_Tool_Reads_And_Say_When_It_Cannot()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.ExportReader = Logged(o.StateDirectory));
        var walk = new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2)); // before sync was turned on
        var zip = new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", walk, 10, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>"""))
            .Add(SyncHarness.Workout("Yoga", walk.AddDays(1), 30))
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx([(48.85, 2.35, "2025-05-20T06:00:00Z"), (48.851, 2.351, "2025-05-20T06:05:00Z"), (48.852, 2.352, "2025-05-20T06:10:00Z")]))
            .WriteZip(harness.Dir.File("export.zip"));
        using var browser = await harness.SignedInBrowserAsync();

        var uploaded = await ServerHarness.UploadExportAsync(browser, zip);
        await harness.Server.Jobs.WhenIdle();
        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Contains("2 workouts, <strong>2 would be uploaded</strong>", preview, StringComparison.Ordinal);
        var stored = Path.GetFileName(Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir))));
        await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", stored)));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(["Walk", "Yoga"], harness.StandIn.Activities.All.Select(a => a["type"]!.ToString()).Order());
        var calls = await File.ReadAllLinesAsync(LogOf(harness.StateDir));
        Assert.Equal(2, calls.Length); // the preview's read and the backfill's, each by the tool
        Assert.All(calls, c => Assert.EndsWith($"inspect {Path.Combine(Uploads.Folder(harness.StateDir), stored)} --lines", c, StringComparison.Ordinal));

        // Not a zip: the tool's words reach the page, and the upload is dropped.
        var notes = harness.Dir.File("notes.zip");
        await File.WriteAllTextAsync(notes, "not a zip");
        var refused = await ServerHarness.UploadExportAsync(browser, notes, "notes.zip");
        await harness.Server.Jobs.WhenIdle();
        using var answer = await browser.GetAsync(refused.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("This file cannot be read: notes.zip: ", html, StringComparison.Ordinal); // the tool was given the path: the page names the upload
        Assert.DoesNotContain(harness.StateDir, html, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Uploads.Folder(harness.StateDir)));
    }

    [Fact]
    public void Should_Find_The_Native_Tool_Before_The_Managed_One_And_Nothing_Where_Neither_Is()
    {
        using var dir = new TempDirectory();
        Assert.Null(ExportReaderCommand.Beside(dir.Path, "/usr/bin/dotnet"));

        File.WriteAllText(dir.File("HealthSync.Cli.dll"), "");
        File.WriteAllText(dir.File("HealthSync.Cli.runtimeconfig.json"), "{}");
        Assert.Equal(("/usr/bin/dotnet", dir.File("HealthSync.Cli.dll")), (ExportReaderCommand.Beside(dir.Path, "/usr/bin/dotnet")!.Program, ExportReaderCommand.Beside(dir.Path, "/usr/bin/dotnet")!.Arguments.Single()));

        File.WriteAllText(dir.File(OperatingSystem.IsWindows() ? "HealthSync.Cli.exe" : "HealthSync.Cli"), "");
        var native = ExportReaderCommand.Beside(dir.Path, "/usr/bin/dotnet")!;
        Assert.Equal(dir.File(OperatingSystem.IsWindows() ? "HealthSync.Cli.exe" : "HealthSync.Cli"), native.Program);
        Assert.Empty(native.Arguments);
    }

    private static string LogOf(string stateDir) => Path.Combine(Path.GetDirectoryName(stateDir)!, "reader-calls.log");

    /// <summary>The tool built beside these tests, behind a script that logs each call (its environment is emptied, so the log's path is written in).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static ExportReaderCommand Logged(string stateDir)
    {
        var tool = ExportReaderCommand.Beside(AppContext.BaseDirectory, Environment.ProcessPath) ?? throw new InvalidOperationException("the tool is not built beside the tests");
        var script = Path.Combine(Path.GetDirectoryName(stateDir)!, "reader.sh");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        var quoted = string.Join(' ', new[] { tool.Program }.Concat(tool.Arguments).Select(a => $"'{a}'"));
        File.WriteAllText(script, $"#!/bin/sh\necho \"$*\" >> '{LogOf(stateDir)}'\nexec {quoted} \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new ExportReaderCommand(script, []);
    }
}
