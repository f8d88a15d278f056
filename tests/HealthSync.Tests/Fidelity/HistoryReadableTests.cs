using System.Text.Json;
using HealthSync.Cli;
using HealthSync.Cli.Output;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;
using Spectre.Console.Testing;

namespace HealthSync.Tests.Fidelity;

/// <summary>What a person reads: names, not HealthKit constants; local times; `history` within 80 columns, no word cut.</summary>
public sealed class HistoryReadableTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_Fit_History_In_80_Columns_Without_Cutting_A_Word()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        await h.RunAsync("sports", "enable", "running");
        h.Server.Activities.Seed(new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "i555", ["start_date_local"] = "2025-06-12T08:01:10", ["start_date"] = "2025-06-12T06:01:10Z", ["type"] = "Run",
            ["elapsed_time"] = 1750, ["moving_time"] = 1700, ["distance"] = 5010.0, ["source"] = "GARMIN_CONNECT",
        }), "i1");
        var export = h.Export(
            SyncHarness.Workout("Running", SyncCommandTests.At(6, 12, 8), 30, km: 5),
            SyncHarness.Workout("TraditionalStrengthTraining", SyncCommandTests.At(6, 13, 18), 45, km: null, indoor: true),
            SyncHarness.Workout("Walking", SyncCommandTests.At(6, 14, 8), 30, indoor: false));
        await h.RunAsync("sync", export);

        var console = new TestConsole().Width(80);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HealthSyncApp.RunAsync(["history", "--state-dir", h.StateDir], new CliContext(console, output, error, h.Time));

        Assert.Equal(0, exit);
        var lines = console.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"longer than 80: '{l}'"));
        var words = new[] { "Intervals.icu", "Garmin Connect", "Strength Training", "Outdoor Walk", "already" };
        var text = string.Join(' ', lines.Select(l => l.Trim()));
        foreach (var word in words)
        {
            Assert.Contains(word, text); // whole, though the text was wrapped: a cut word would not be found
        }

        Assert.Contains("2025-06-12 08:00 · Run · skipped · i555", console.Output);
        Assert.DoesNotContain("TraditionalStrengthTraining", console.Output);
        Assert.DoesNotContain("GARMIN_CONNECT", console.Output);
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.DoesNotMatch(@"\w-$", l));
    }

    [Fact]
    public void Should_Wrap_At_Word_Boundaries_Only()
    {
        var text = string.Join(' ', Enumerable.Repeat("already in Intervals.icu: i555 from Garmin Connect (Run, started 70 s apart)", 4));

        var lines = HistoryView.Wrap(text, 30, "  ").ToList();

        Assert.True(lines.Count > 4);
        Assert.All(lines, l => Assert.True(l.Length <= 30, l));
        Assert.Equal(text, string.Join(' ', lines.Select(l => l.Trim())));
    }

    [Fact]
    public async Task Should_Show_Names_And_Local_Times_In_The_Sync_Table_And_Json()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var export = h.Export(SyncHarness.Workout("TraditionalStrengthTraining", SyncCommandTests.At(6, 13, 18), 45, km: null, indoor: true));

        var table = await h.RunAsync("sync", export, "--dry-run");
        Assert.Matches(@"2025-06-13 18:00\s+Strength Training\s+would upload", table.Console);
        Assert.DoesNotContain("TraditionalStrengthTraining", table.Console);

        var json = SyncHarness.Json(await h.RunAsync("sync", export, "--json")).GetProperty("workouts")[0];
        Assert.Equal("Strength Training", json.GetProperty("name").GetString());
        Assert.Equal("2025-06-13 18:00 +02:00", json.GetProperty("start").GetString());
        var history = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement[0];
        Assert.Equal("Strength Training", history.GetProperty("name").GetString());
        Assert.Equal("Europe/Paris", history.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Should_Leave_Out_Of_Failed_History_A_Failure_A_Later_Run_Resolved()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var walk = SyncHarness.Workout("Walking", SyncCommandTests.At(6, 12, 8), 10, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>""");
        var damaged = h.Export(walk); // the route file is missing: never sent without it
        var first = SyncHarness.Json(await h.RunAsync("sync", damaged, "--json")).GetProperty("workouts")[0];
        Assert.Equal("failed", first.GetProperty("kind").GetString());
        Assert.Equal(1, JsonDocument.Parse((await h.RunAsync("history", "--status", "failed", "--json")).Out).RootElement.GetArrayLength());

        var whole = new ExportBuilder().Add(walk)
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx([(48.85, 2.35, "2025-06-12T06:00:00Z"), (48.851, 2.351, "2025-06-12T06:05:00Z"), (48.852, 2.352, "2025-06-12T06:10:00Z")]))
            .WriteZip(h.Dir.File("whole.zip"));
        Assert.Equal("uploaded", SyncHarness.Json(await h.RunAsync("sync", whole, "--json")).GetProperty("workouts")[0].GetProperty("kind").GetString());

        Assert.Equal(0, JsonDocument.Parse((await h.RunAsync("history", "--status", "failed", "--json")).Out).RootElement.GetArrayLength());
        var all = JsonDocument.Parse((await h.RunAsync("history", "--json")).Out).RootElement;
        Assert.True(all[1].GetProperty("resolved").GetBoolean());
        Assert.Contains("failed (resolved later)", (await h.RunAsync("history")).Console);
    }
}
