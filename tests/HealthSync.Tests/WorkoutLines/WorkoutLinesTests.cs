using System.Text.Json;
using HealthSync.AppleHealth;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;
using HealthSync.WorkoutLines;
using HealthSync.Workouts;

namespace HealthSync.Tests.WorkoutLines;

/// <summary>Workouts carried from one process to another as lines: the same workouts, problems and breaks on the other side.</summary>
public sealed class WorkoutLinesTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Should_Carry_Every_Workout_Whole_With_Its_Route_And_The_Sources_Problems()
    {
        using var dir = new TempDirectory();
        var walk = SyncHarness.Workout("Walking", Start, 10, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>""");
        var run = SyncHarness.Workout("Running", Start.AddDays(1), 30, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/missing.gpx"/></WorkoutRoute>""");
        var zip = new ExportBuilder().Add(walk).Add(run).Add(SyncHarness.Workout("Yoga", Start.AddDays(2), 20))
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx([(48.85, 2.35, "2025-06-01T06:00:00Z"), (48.851, 2.351, "2025-06-01T06:05:00Z"), (48.852, 2.352, "2025-06-01T06:10:00Z")]))
            .WriteZip(dir.File("export.zip"));
        var (direct, directProblems) = await ReadAsync(AppleHealthExport.Open(zip, new ExportReaderOptions { ReadRoutes = true }));

        var lines = new StringWriter();
        using (var export = AppleHealthExport.Open(zip, new ExportReaderOptions { ReadRoutes = true }))
        {
            Assert.Equal(WorkoutLinesEnd.Damaged, await WorkoutLineWriter.WriteAsync(export, lines, CancellationToken.None)); // the missing route
        }

        var source = new WorkoutLineSource(Utf8(lines.ToString()), AppleHealthExport.SourceKind, "export.zip");
        var (carried, carriedProblems) = await ReadAsync(source);

        Assert.Equal(3, carried.Count);
        Assert.Equal(direct.Select(Json), carried.Select(Json)); // every field, the route's points and the samples included
        Assert.Equal(3, carried[0].Route.Count);
        Assert.Equal(directProblems.Select(p => (p.Where, p.Reason, p.IsDamage)), carriedProblems.Select(p => (p.Where, p.Reason, p.IsDamage)));
        Assert.Contains(carriedProblems, p => p.IsDamage);
        Assert.InRange(source.BytesRead, 1, source.TotalBytes); // the other side's progress, for the status page
    }

    [Fact]
    public async Task Should_Read_Lines_Of_Megabytes_Among_Short_Ones()
    {
        using var dir = new TempDirectory();
        var points = Enumerable.Range(0, 6_000).Select(i => (48.85 + (i * 1e-5), 2.35, Start.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var zip = new ExportBuilder()
            .Add(SyncHarness.Workout("Yoga", Start.AddDays(-1), 20))
            .Add(SyncHarness.Workout("Walking", Start, 100, inner: """<WorkoutRoute sourceName="Apple Watch"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>"""))
            .Add(SyncHarness.Workout("Yoga", Start.AddDays(1), 20))
            .Entry("apple_health_export/workout-routes/route_1.gpx", ExportBuilder.Gpx(points))
            .WriteZip(dir.File("export.zip"));
        var lines = new StringWriter();
        using (var export = AppleHealthExport.Open(zip, new ExportReaderOptions { ReadRoutes = true }))
        {
            await WorkoutLineWriter.WriteAsync(export, lines, CancellationToken.None);
        }

        Assert.True(lines.ToString().Split('\n').Max(l => l.Length) > 500_000, "the route's line is meant to be far longer than the reader's first buffer");

        var (carried, _) = await ReadAsync(new WorkoutLineSource(Utf8(lines.ToString()), AppleHealthExport.SourceKind, "export.zip"));

        Assert.Equal(["HKWorkoutActivityTypeYoga", "HKWorkoutActivityTypeWalking", "HKWorkoutActivityTypeYoga"], carried.Select(w => w.ActivityType));
        Assert.Equal(6_000, carried[1].Route.Count);
    }

    [Fact]
    public async Task Should_Break_Off_Where_The_Other_Side_Did_Or_Where_Its_Output_Stops()
    {
        using var dir = new TempDirectory();
        var zip = new ExportBuilder().Add(SyncHarness.Workout("Yoga", Start, 20)).WriteZip(dir.File("export.zip"));
        var lines = new StringWriter();
        using (var export = AppleHealthExport.Open(zip, new ExportReaderOptions()))
        {
            await WorkoutLineWriter.WriteAsync(export, lines, CancellationToken.None);
        }

        // Killed before its end line: never taken for a whole export.
        var cut = string.Join('\n', lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));
        var stopped = await Assert.ThrowsAsync<SourceReadException>(() => ReadAsync(new WorkoutLineSource(Utf8(cut), AppleHealthExport.SourceKind, "export.zip")));
        Assert.Contains("stopped before the end", stopped.Problem, StringComparison.Ordinal);

        // Not an export at all: the other side's words arrive whole.
        var unreadable = new StringWriter();
        await WorkoutLineWriter.WriteUnreadableAsync(new SourceReadException("notes.zip", "line 3", "not a Health export"), unreadable, CancellationToken.None);
        var broken = await Assert.ThrowsAsync<SourceReadException>(() => ReadAsync(new WorkoutLineSource(Utf8(unreadable.ToString()), AppleHealthExport.SourceKind, "notes.zip")));
        Assert.Equal(("notes.zip", "line 3", "not a Health export"), (broken.File, broken.Place, broken.Problem));

        var garbage = await Assert.ThrowsAsync<SourceReadException>(() => ReadAsync(new WorkoutLineSource(Utf8("Segmentation fault\n"), AppleHealthExport.SourceKind, "export.zip")));
        Assert.Equal("line 1 of the reader's output", garbage.Place);
    }

    private static MemoryStream Utf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Json(Workout workout) => JsonSerializer.Serialize(workout, HealthSync.State.InboxJson.Default.Workout);

    private static async Task<(List<Workout> Workouts, IReadOnlyList<SourceProblem> Problems)> ReadAsync(IWorkoutSource source)
    {
        var workouts = new List<Workout>();
        await foreach (var workout in source.ReadWorkoutsAsync())
        {
            workouts.Add(workout);
        }

        (source as IDisposable)?.Dispose();
        return (workouts, source.Problems);
    }
}
