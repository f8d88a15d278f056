using System.Text;
using HealthSync.HealthAutoExport;
using HealthSync.Workouts;
using static HealthSync.Tests.HealthAutoExport.HaeFixtures;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>A Health Auto Export document read into the same normalized workouts as the Health app's export.</summary>
public sealed class HealthAutoExportDocumentTests
{
    [Fact]
    public async Task Should_Read_A_V2_English_Walk_With_Route_Heart_Rate_And_Kilojoules()
    {
        var (workouts, issues) = await ReadAsync(V2EnglishWalk);

        var walk = Assert.Single(workouts);
        Assert.Equal("HKWorkoutActivityTypeWalking", walk.ActivityType);
        Assert.False(walk.Indoor);
        Assert.Equal(new DateTimeOffset(2026, 5, 3, 5, 12, 4, TimeSpan.Zero), walk.Start);
        Assert.Equal(TimeSpan.Zero, walk.Start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 5, 3, 5, 58, 40, TimeSpan.Zero), walk.End);
        Assert.Equal("UTC+02:00", walk.TimeZoneId); // the offset the phone wrote: HAE names no zone
        Assert.Equal(TimeSpan.FromSeconds(2796.2), walk.Duration);
        Assert.Equal(3912, walk.DistanceMeters!.Value, 6);
        Assert.Equal(812.4 / 4.184, walk.EnergyKilocalories!.Value, 6);
        Assert.Equal(42.5, walk.ElevationGainMeters);
        Assert.Equal(WorkoutId.Create("HKWorkoutActivityTypeWalking", walk.Start, walk.End), walk.Id);
        Assert.Equal("Apple Watch", walk.Source);

        Assert.Equal(104.2, walk.HeartRate!.Average);
        Assert.Equal(122, walk.HeartRate.Maximum);
        Assert.Equal([86.5, 110], walk.HeartRate.Samples.Select(s => s.Value));
        Assert.Equal([85.0, 90.0], walk.DistanceSamples.Select(s => Math.Round(s.Value, 6)));

        Assert.Equal(2, walk.Route.Count);
        Assert.Equal(new RoutePoint(new DateTimeOffset(2026, 5, 3, 5, 12, 5, TimeSpan.Zero), 47.3769, 8.5417, 408.2, 1.41, 87.0, 4.1), walk.Route[0]);
        Assert.Null(walk.Route[1].Speed);
        Assert.Null(walk.Route[1].Course);

        // The heart-rate entry after the end is reported as left out; nothing else is a problem.
        var issue = Assert.Single(issues);
        Assert.Equal(HealthAutoExportProblemCode.PartlyRead, issue.Code);
        Assert.Contains("1 heart-rate entry outside the workout's time", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Never_Take_The_Recovery_Series_As_The_Workouts_Heart_Rate()
    {
        var (workouts, _) = await ReadAsync(V2EnglishWalk);

        var samples = Assert.Single(workouts).HeartRate!.Samples;
        Assert.DoesNotContain(samples, s => s.Value is 99 or 93 or 150);
        Assert.All(samples, s => Assert.True(s.Start <= workouts[0].End));
    }

    [Fact]
    public async Task Should_Read_A_V1_Run_With_Lat_Lon_Route_Qty_Heart_Rate_Miles_And_Feet()
    {
        var (workouts, issues) = await ReadAsync(V1Run);

        var run = Assert.Single(workouts);
        Assert.Empty(issues);
        Assert.Equal("HKWorkoutActivityTypeRunning", run.ActivityType);
        Assert.False(run.Indoor);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 15, 0, 0, TimeSpan.Zero), run.Start);
        Assert.Equal(3.1 * 1609.344, run.DistanceMeters!.Value, 6);
        Assert.Equal(350, run.EnergyKilocalories);
        Assert.Equal(120 * 0.3048, run.ElevationGainMeters!.Value, 6);
        Assert.Equal(148, run.HeartRate!.Average);
        Assert.Equal(171, run.HeartRate.Maximum);
        Assert.Equal([132.0, 141.0], run.HeartRate.Samples.Select(s => s.Value));
        Assert.Equal([37.7749, 37.7750, 37.7751], run.Route.Select(p => p.Latitude));
        Assert.Equal(-122.4194, run.Route[0].Longitude);
        Assert.Equal(16.0, run.Route[0].Altitude);
        Assert.Equal(HaeWorkoutReader.DefaultSource, run.Source);
    }

    [Theory]
    [InlineData("kcal", 812.4)]
    [InlineData("kJ", 194.168)]
    [InlineData("Cal", 812.4)]
    public async Task Should_Read_Energy_In_Kilocalories_Or_Kilojoules(string units, double kilocalories)
    {
        var json = Document(Workout("Yoga", extra: $$""", "activeEnergyBurned": {"qty": 812.4, "units": "{{units}}"}"""));

        var (workouts, _) = await ReadAsync(json);

        Assert.Equal(kilocalories, Assert.Single(workouts).EnergyKilocalories!.Value, 3);
    }

    [Theory]
    [InlineData("km", 5000)]
    [InlineData("mi", 8046.72)]
    [InlineData("m", 5)]
    [InlineData("yd", 4.572)]
    public async Task Should_Read_Distance_In_Kilometres_Or_Miles(string units, double metres)
    {
        var json = Document(Workout("Outdoor Run", extra: $$""", "distance": {"qty": 5, "units": "{{units}}"}"""));

        var (workouts, _) = await ReadAsync(json);

        Assert.Equal(metres, Assert.Single(workouts).DistanceMeters!.Value, 6);
    }

    [Fact]
    public async Task Should_Report_An_Unknown_Unit_And_Not_Convert_It_By_Guess()
    {
        var json = Document(Workout("Outdoor Run", extra: """, "distance": {"qty": 5, "units": "furlong"}"""));

        var (workouts, issues) = await ReadAsync(json);

        Assert.Null(Assert.Single(workouts).DistanceMeters);
        Assert.Contains(issues, i => i.Code == HealthAutoExportProblemCode.PartlyRead && i.Reason.Contains("\"furlong\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2024-09-21 7:57:00 am +1000", "2024-09-20T21:57:00Z")]
    [InlineData("2024-09-21 7:57:00\u202Fam +1000", "2024-09-20T21:57:00Z")]
    [InlineData("2024-09-21 7:57:00\u202FPM +1000", "2024-09-21T09:57:00Z")]
    [InlineData("2024-09-21 12:05:00 AM +0000", "2024-09-21T00:05:00Z")]
    [InlineData("2024-09-21 12:05:00\u00A0pm +0000", "2024-09-21T12:05:00Z")]
    [InlineData("2024-09-21 19:57:00 +0200", "2024-09-21T17:57:00Z")]
    [InlineData("2024-02-06 07:00:00 -0800", "2024-02-06T15:00:00Z")]
    public void Should_Parse_Every_Date_Form_Hae_Sends(string text, string utc)
    {
        Assert.True(HaeDate.TryParse(text, out var instant));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("2024-09-21 13:57:00 pm +1000")]
    [InlineData("2024-09-21 7:57:00 xm +1000")]
    [InlineData("2024-09-21 07:57:00")]
    [InlineData("yesterday")]
    public void Should_Refuse_What_Is_Not_A_Date(string text) => Assert.False(HaeDate.TryParse(text, out _));

    [Fact]
    public async Task Should_Read_A_Workout_With_Twelve_Hour_Dates_And_Narrow_No_Break_Spaces()
    {
        var json = Document(Workout("Outdoor Walk", start: "2024-09-21 7:57:00\u202Fam +1000", end: "2024-09-21 8:27:30\u202FAM +1000"));

        var (workouts, _) = await ReadAsync(json);

        var walk = Assert.Single(workouts);
        Assert.Equal(new DateTimeOffset(2024, 9, 20, 21, 57, 0, TimeSpan.Zero), walk.Start);
        Assert.Equal(new DateTimeOffset(2024, 9, 20, 22, 27, 30, TimeSpan.Zero), walk.End);
    }

    [Fact]
    public async Task Should_Read_A_Document_Already_In_Memory_Where_It_Is_From_The_Streams_Position()
    {
        var prefix = "ignored before the position"u8.ToArray();
        var bytes = prefix.Concat(Encoding.UTF8.GetBytes(V2EnglishWalk)).ToArray();
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true) { Position = prefix.Length };
        using var document = new HealthAutoExportDocument(stream, "push.json", leaveOpen: true);

        var read = new List<Workout>();
        await foreach (var workout in document.ReadWorkoutsAsync())
        {
            read.Add(workout);
        }

        var (expected, _) = await ReadAsync(V2EnglishWalk);
        Assert.Equal(expected.Select(w => (w.Id, w.Route.Count)), read.Select(w => (w.Id, w.Route.Count)));
        Assert.Equal(bytes.Length - prefix.Length, document.BytesRead);
    }

    [Fact]
    public async Task Should_Skip_One_Bad_Workout_And_Read_The_Rest()
    {
        var json = Document(Workout("Yoga"), Workout("Yoga", start: "sometime"), "42", Workout("Pilates"));

        var (workouts, issues) = await ReadAsync(json);

        Assert.Equal(["HKWorkoutActivityTypeYoga", "HKWorkoutActivityTypePilates"], workouts.Select(w => w.ActivityType));
        Assert.Equal(2, issues.Count(i => i.Code == HealthAutoExportProblemCode.UnreadableWorkout));
        Assert.Contains(issues, i => i.Where.Contains("workout 2", StringComparison.Ordinal) && i.Reason.Contains("sometime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_Throw_Naming_The_Line_After_Yielding_The_Workouts_Before_Malformed_Json()
    {
        var json = "{\"data\": {\"workouts\": [\n" + Workout("Yoga") + ",\n" + Workout("Pilates") + ",\n{\"name\": \"Yoga\" \"start\": 1}\n]}}";
        using var document = new HealthAutoExportDocument(new MemoryStream(Encoding.UTF8.GetBytes(json)), "broken.json");
        var read = new List<Workout>();

        var error = await Assert.ThrowsAsync<SourceReadException>(async () =>
        {
            await foreach (var workout in document.ReadWorkoutsAsync())
            {
                read.Add(workout);
            }
        });

        Assert.Equal(2, read.Count);
        Assert.Equal("broken.json", error.File);
        Assert.StartsWith("line 4, byte ", error.Place, StringComparison.Ordinal);
        Assert.Contains("not well-formed JSON", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"data\": {\"metrics\": []}}", "not a Health Auto Export workouts document")]
    [InlineData("{\"data\": {\"workouts\": [", "not well-formed JSON")]
    public async Task Should_Throw_A_Source_Read_Exception_For_A_Document_That_Is_Not_One(string json, string expected)
    {
        var error = await Assert.ThrowsAsync<SourceReadException>(() => ReadAsync(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Ignore_Unknown_Keys_And_Read_An_Empty_Workouts_Array()
    {
        var (workouts, issues) = await ReadAsync("""{"data": {"symptoms": [], "workouts": [], "metrics": [{"name": "x", "data": [1, {"a": [2]}]}]}, "extra": true}""");

        Assert.Empty(workouts);
        Assert.Empty(issues);
    }

    [Fact]
    public async Task Should_Stay_Within_A_Small_Multiple_Of_A_Long_Runs_Document_Size()
    {
        var bytes = LongRun();
        Assert.InRange(bytes.Length, 3_000_000, 4_500_000);

        // Measured: about 3.4 times the document (the buffer, the JSON index, the Workout). Everything below completes synchronously on this thread (a MemoryStream never waits), so the thread's
        // allocation counter measures the reader alone, whatever other tests run meanwhile. Allocation bounds the peak.
        var thread = Environment.CurrentManagedThreadId;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var document = new HealthAutoExportDocument(new MemoryStream(bytes, writable: false), "long-run.json");
        var count = 0;
        await foreach (var run in document.ReadWorkoutsAsync())
        {
            Assert.Equal(6300, run.Route.Count);
            Assert.Equal(6300, run.HeartRate!.Samples.Count);
            count++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(thread, Environment.CurrentManagedThreadId);
        Assert.Equal(1, count);
        Assert.True(allocated < 4L * bytes.Length, $"allocated {allocated:N0} bytes for a {bytes.Length:N0}-byte document");
    }
}
