using HealthSync.Fit;
using HealthSync.Workouts;

namespace HealthSync.Tests.Fit;

/// <summary>Encodes every test workout once and decodes them all in one node process (xunit class fixture).</summary>
public sealed class EncodedCases : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("healthsync-fit-");

    public EncodedCases()
    {
        var files = new List<string>();
        foreach (var (name, workout, options) in All())
        {
            var path = Path.Combine(_directory.FullName, name + ".fit");
            File.WriteAllBytes(path, FitActivityEncoder.Encode(workout, options));
            Cases[name] = (workout, options, path);
            files.Add(path);
        }

        var decoded = FitDecoder.Decode(files);
        foreach (var (name, (_, _, path)) in Cases)
        {
            Decoded[name] = decoded[path];
        }
    }

    internal Dictionary<string, (Workout Workout, FitEncodeOptions Options, string Path)> Cases { get; } = [];

    internal Dictionary<string, DecodedFit> Decoded { get; } = [];

    public static TheoryData<string> Names => [.. All().Select(c => c.Name)];

    /// <summary>A zone whose offset differs from this machine's at the instant, so the test cannot pass by accident.</summary>
    public static string ZoneOtherThanMachine(DateTimeOffset instant)
    {
        string[] candidates = ["Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata"];
        var machine = TimeZoneInfo.Local.GetUtcOffset(instant);
        return candidates.First(id => TimeZoneInfo.FindSystemTimeZoneById(id).GetUtcOffset(instant) != machine);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    internal static IEnumerable<(string Name, Workout Workout, FitEncodeOptions Options)> All()
    {
        var withRoutes = FitEncodeOptions.Default;
        yield return ("run-route-hr", TestWorkouts.RunWithRoute(), withRoutes);
        yield return ("run-no-routes", TestWorkouts.RunWithRoute(), withRoutes with { IncludeRoute = false });
        yield return ("pool-swim", TestWorkouts.PoolSwim(), withRoutes);
        yield return ("yard-pool-rests", TestWorkouts.YardPoolSwimWithRests(), withRoutes);
        yield return ("pool-swim-no-lap-length", TestWorkouts.PoolSwim() with { PoolLengthMeters = null }, withRoutes);
        yield return ("yard-pool-no-lap-length", TestWorkouts.YardPoolSwimWithRests() with { PoolLengthMeters = null, IsPoolLengthInYards = false }, withRoutes);
        // 500 m over 20 lengths is 25 m; 546 m is 27.3 m a length, no real pool: nothing is guessed.
        yield return ("pool-swim-odd-distance", TestWorkouts.PoolSwim() with { PoolLengthMeters = null, DistanceMeters = 546 }, withRoutes);
        yield return ("paused-walk-total-only", TestWorkouts.PausedWalkTotalOnly(), withRoutes);
        yield return ("stationary-route", TestWorkouts.WalkWithStationaryRoute(), withRoutes);
        yield return ("partial-route", TestWorkouts.WalkWithPartialRoute(), withRoutes);
        yield return ("strength-no-samples", TestWorkouts.StrengthNoSamples(), withRoutes);
        yield return ("paused-walk", TestWorkouts.PausedWalk(), withRoutes);
        yield return ("unresumed-pause", TestWorkouts.WalkPausedToTheEnd(), withRoutes);
        yield return ("interval-run", TestWorkouts.IntervalRun(), withRoutes);
        yield return ("indoor-ride", TestWorkouts.IndoorRide(), withRoutes);
        yield return ("unknown-type", TestWorkouts.UnknownType(), withRoutes);
        yield return ("across-dst", TestWorkouts.AcrossDaylightSaving(), withRoutes);

        var other = TestWorkouts.RunWithRoute();
        yield return ("other-zone", other with { TimeZoneId = ZoneOtherThanMachine(other.Start) }, withRoutes);
        yield return ("no-zone-fallback", other with { TimeZoneId = null },
            withRoutes with { FallbackTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Australia/Adelaide") });
    }
}
