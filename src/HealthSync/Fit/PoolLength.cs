using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>A pool swim's pool length in metres, and whether the pool is measured in yards.</summary>
internal readonly record struct PoolLength(double Meters, bool InYards)
{
    private const double YardMeters = 0.9144;

    /// <summary>How far distance / lengths may be from a real pool size and still be that pool (sizes differ by 9 % or more).</summary>
    private const double Tolerance = 0.03;

    private static readonly PoolLength[] RealPools =
    [
        new(15, false), new(50.0 / 3, false), new(20, false), new(25, false), new(100.0 / 3, false), new(50, false),
        new(20 * YardMeters, true), new(25 * YardMeters, true), new(100.0 / 3 * YardMeters, true), new(50 * YardMeters, true),
    ];

    /// <summary>
    /// HKLapLength when the workout has it; otherwise, for a swim with lengths and a distance, the real pool size
    /// nearest to distance / lengths when within 3 % of it; otherwise null (the file then has no pool_length).
    /// </summary>
    public static PoolLength? Of(Workout workout)
    {
        if (workout.PoolLengthMeters is { } known)
        {
            return new PoolLength(known, workout.IsPoolLengthInYards);
        }

        if (workout.SwimLengths.Count == 0 || workout.DistanceMeters is not { } distance || !double.IsFinite(distance) || distance <= 0)
        {
            return null;
        }

        var perLength = distance / workout.SwimLengths.Count;
        var nearest = RealPools.MinBy(p => Math.Abs(p.Meters - perLength));
        return Math.Abs(nearest.Meters - perLength) <= nearest.Meters * Tolerance ? nearest : null;
    }
}
