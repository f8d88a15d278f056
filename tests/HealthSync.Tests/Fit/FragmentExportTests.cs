using HealthSync.Fit;
using HealthSync.Tests.Support;
using HealthSync.Workouts;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>
/// The watchOS 11 fragments in ../shared (bare &lt;Workout&gt; elements), wrapped in an export, read by the export
/// reader, encoded, and judged by Garmin's decoder against the workout they were read as.
/// </summary>
public sealed class FragmentExportTests : IClassFixture<FragmentExportTests.Encoded>
{
    private readonly Encoded _encoded;

    public FragmentExportTests(Encoded encoded) => _encoded = encoded;

    public static TheoryData<string> Fragments => ["swimming", "running-parts", "strength", "swimming-yards"];

    [Theory]
    [MemberData(nameof(Fragments))]
    public void Should_Carry_The_Workouts_Session_Totals(string name)
    {
        var (workout, fit) = _encoded[name];
        var session = fit.Session;
        var sport = SportMappings.For(workout);

        Assert.True(fit.Integrity);
        Assert.Empty(fit.Errors);
        Assert.Equal(sport.FitSport, Number(session, "sport"));
        Assert.Equal(sport.FitSubSport, Number(session, "subSport"));
        Assert.Equal(Truncate(workout.Start), Time(session, "startTime"));
        Assert.Equal(workout.Elapsed.TotalSeconds, Number(session, "totalElapsedTime"), 3);
        Assert.Equal((workout.Elapsed - workout.PausedTime).TotalSeconds, Number(session, "totalTimerTime"), 3);
        Assert.Equal(workout.DistanceMeters, OptionalNumber(session, "totalDistance") is { } d ? Math.Round(d, 2) : null);
        Assert.Equal(Rounded(workout.EnergyKilocalories), OptionalNumber(session, "totalCalories"));
        Assert.NotNull(workout.HeartRate);
        Assert.Equal(Rounded(workout.HeartRate.Average), OptionalNumber(session, "avgHeartRate"));
        Assert.Equal(Rounded(workout.HeartRate.Maximum), OptionalNumber(session, "maxHeartRate"));
        Assert.Equal(fit.Messages("lapMesgs").Count, Number(session, "numLaps"));
        Assert.Equal(File.ReadAllBytes(_encoded.Path(name)), FitActivityEncoder.Encode(workout));
        DistanceChecks.AssertLapsAndRecordsMatchSession(workout, fit);
    }

    [Fact]
    public void Should_Read_The_Fragments_As_Expected()
    {
        var swim = _encoded["swimming"].Workout;
        var run = _encoded["running-parts"].Workout;
        var strength = _encoded["strength"].Workout;

        Assert.Equal(("HKWorkoutActivityTypeSwimming", SwimLocation.Pool, 50.0, false, 750.0), (swim.ActivityType, swim.SwimLocation, swim.PoolLengthMeters, swim.IsPoolLengthInYards, swim.DistanceMeters));
        Assert.Equal(15, swim.SwimLengths.Count);
        Assert.Equal(17, run.Parts.Count);
        Assert.Equal(5963.38, run.DistanceMeters);
        Assert.Equal("HKWorkoutActivityTypeFunctionalStrengthTraining", strength.ActivityType);
        Assert.Null(strength.DistanceMeters);
    }

    [Fact]
    public void Should_Write_The_Swims_Lengths_Strokes_And_Laps()
    {
        var (workout, fit) = _encoded["swimming"];
        var lengths = fit.Messages("lengthMesgs");
        var laps = fit.Messages("lapMesgs");

        Assert.Equal(15, lengths.Count);
        Assert.Equal(15, Number(fit.Session, "numLengths"));
        Assert.Equal(50, Number(fit.Session, "poolLength"), 2);
        Assert.Equal(0, Number(fit.Session, "poolLengthUnit"));

        var strokes = lengths.Select(l => OptionalNumber(l, "swimStroke")).ToList();
        Assert.Equal(13, strokes.Count(s => s == 2)); // breaststroke
        Assert.Equal(1, strokes.Count(s => s == 0)); // freestyle
        Assert.Equal(1, strokes.Count(s => s is null)); // unknown: left invalid
        Assert.Null(strokes[^1]);

        // Nine Segment events with eight rests between them and a tail after the last: 18 laps.
        Assert.Equal(9, workout.Laps.Count);
        Assert.Equal(18, laps.Count);
        Assert.Equal([2, 0, 2, 0, 2, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1, 0, 2, 0], laps.Select(l => (int)Number(l, "numLengths")));
        Assert.All(laps, l => Assert.Equal(Number(l, "numLengths") * 50, Number(l, "totalDistance"), 2));
        Assert.Equal(750, laps.Sum(l => Number(l, "totalDistance")), 2);
    }

    [Fact]
    public void Should_Mark_A_Yard_Pool_As_Statute()
    {
        var (workout, fit) = _encoded["swimming-yards"];

        Assert.True(workout.IsPoolLengthInYards);
        Assert.Equal(45.72, workout.PoolLengthMeters!.Value, 9);
        Assert.Equal(45.72, Number(fit.Session, "poolLength"), 2);
        Assert.Equal(1, Number(fit.Session, "poolLengthUnit"));
        Assert.Equal(685.8, Number(fit.Session, "totalDistance"), 2);
    }

    [Fact]
    public void Should_Write_One_Lap_Per_Interval_Part()
    {
        var (workout, fit) = _encoded["running-parts"];
        var laps = fit.Messages("lapMesgs");

        // The 17 parts run back to back from start to end, so the tiling adds no gap or tail lap.
        Assert.Equal(17, laps.Count);
        for (var i = 0; i < laps.Count; i++)
        {
            var part = workout.Parts[i];
            Assert.Equal(Truncate(part.Start), Time(laps[i], "startTime"));
            Assert.Equal(part.DistanceMeters!.Value, Number(laps[i], "totalDistance"), 2);
            Assert.Equal(Rounded(part.EnergyKilocalories), OptionalNumber(laps[i], "totalCalories"));
        }
    }

    [Fact]
    public void Should_Write_One_Lap_And_No_Distance_For_Strength()
    {
        var fit = _encoded["strength"].Fit;

        Assert.Single(fit.Messages("lapMesgs"));
        Assert.Null(OptionalNumber(fit.Session, "totalDistance"));
        Assert.Equal(2, fit.Messages("recordMesgs").Count);
    }

    private static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero) : null;

    /// <summary>Each fragment in an export zip of its own, read, encoded and decoded once for the class.</summary>
    public sealed class Encoded : IDisposable
    {
        private readonly TempDirectory _directory = new();
        private readonly Dictionary<string, (Workout Workout, DecodedFit Fit)> _cases = [];

        public Encoded()
        {
            (string Name, string Xml)[] fragments =
            [
                ("swimming", ExportBuilder.Fragment("workout_swimming.xml")),
                ("running-parts", ExportBuilder.Fragment("workout_running_multiple_parts.xml")),
                ("strength", ExportBuilder.Fragment("workout_strength.xml")),
                // The same swim in a 50 yd pool: HKLapLength and the distance statistic in yards, as a yard pool writes them.
                ("swimming-yards", ExportBuilder.Fragment("workout_swimming.xml")
                    .Replace("key=\"HKLapLength\" value=\"50 m\"", "key=\"HKLapLength\" value=\"50 yd\"", StringComparison.Ordinal)
                    .Replace("sum=\"750\" unit=\"m\"", "sum=\"750\" unit=\"yd\"", StringComparison.Ordinal)),
            ];

            var workouts = new Dictionary<string, Workout>();
            foreach (var (name, xml) in fragments)
            {
                var zip = new ExportBuilder().Add(xml).WriteZip(_directory.File(name + ".zip"));
                var (read, _) = ExportReading.ReadAllAsync(zip).GetAwaiter().GetResult();
                var workout = Assert.Single(read);
                File.WriteAllBytes(Path(name), FitActivityEncoder.Encode(workout));
                workouts[name] = workout;
            }

            var decoded = FitDecoder.Decode([.. workouts.Keys.Select(Path)]);
            foreach (var (name, workout) in workouts)
            {
                _cases[name] = (workout, decoded[Path(name)]);
            }
        }

        internal (Workout Workout, DecodedFit Fit) this[string name] => _cases[name];

        public string Path(string name) => _directory.File(name + ".fit");

        public void Dispose() => _directory.Dispose();
    }
}
