using HealthSync.Fit;
using HealthSync.Workouts;

namespace HealthSync.Tests.Fit;

/// <summary>Pool length from HKLapLength, else inferred from distance / lengths snapped to a real pool size.</summary>
public sealed class PoolLengthTests
{
    public static TheoryData<double, int, double?, bool> Cases => new()
    {
        // distance (m), lengths, expected metres (null: none), expected yards
        { 500, 20, 25, false },
        { 510, 20, 25, false },            // 25.5 m a length: within 3 %
        { 1000, 20, 50, false },
        { 400, 12, 100.0 / 3, false },
        { 400, 20, 20, false },
        { 457.2, 20, 22.86, true },        // 25 yd
        { 914.4, 20, 45.72, true },        // 50 yd
        { 365.76, 20, 18.288, true },      // 20 yd
        { 546, 20, null, false },          // 27.3 m: no real pool
        { 480, 20, null, false },          // 24 m: 4 % short of 25 m, 5 % over 25 yd
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_Infer_A_Real_Pool_Size_Or_None(double distance, int lengths, double? expectedMeters, bool expectedYards)
    {
        var workout = Swim(distance, lengths, poolLength: null);

        var pool = PoolLength.Of(workout);

        Assert.Equal(expectedMeters is null, pool is null);
        if (expectedMeters is { } meters)
        {
            Assert.Equal(meters, pool!.Value.Meters, 6);
            Assert.Equal(expectedYards, pool.Value.InYards);
        }
    }

    [Fact]
    public void Should_Take_HKLapLength_Over_Any_Inference()
    {
        var pool = PoolLength.Of(Swim(500, 20, poolLength: 33.33) with { IsPoolLengthInYards = false });

        Assert.Equal(new PoolLength(33.33, false), pool);
    }

    [Fact]
    public void Should_Not_Infer_Without_Lengths_Or_Distance()
    {
        Assert.Null(PoolLength.Of(Swim(500, 0, poolLength: null)));
        Assert.Null(PoolLength.Of(Swim(500, 20, poolLength: null) with { DistanceMeters = null }));
    }

    private static Workout Swim(double distance, int lengths, double? poolLength)
    {
        var w = TestWorkouts.Basic("Swimming", TestWorkouts.Morning, TimeSpan.FromMinutes(30));
        return w with
        {
            SwimLocation = SwimLocation.Pool,
            DistanceMeters = distance,
            PoolLengthMeters = poolLength,
            SwimLengths = [.. Enumerable.Range(0, lengths).Select(i => new SwimLength(w.Start.AddMinutes(i), w.Start.AddMinutes(i).AddSeconds(40), SwimStroke.Freestyle))],
        };
    }
}
