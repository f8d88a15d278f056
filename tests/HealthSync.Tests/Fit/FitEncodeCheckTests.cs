using HealthSync.Fit;
using HealthSync.Tests.Support;
using HealthSync.Workouts;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>A workout that lasts no time is refused with a typed problem, before and by Encode, not written as a 0 s file.</summary>
public sealed class FitEncodeCheckTests
{
    private static readonly Workout Walk = TestWorkouts.Basic("Walking", TestWorkouts.Morning, TimeSpan.FromMinutes(30));

    public static TheoryData<string, Workout> Empty => new()
    {
        { "ends at its start", Walk with { End = Walk.Start, Duration = TimeSpan.Zero } },
        { "ends before its start", Walk with { End = Walk.Start.AddSeconds(-5) } },
        { "paused throughout", Walk with { Pauses = [new TimeInterval(Walk.Start, Walk.End)] } },
        { "under a second of timer", Walk with { End = Walk.Start.AddMilliseconds(800) } },
    };

    [Theory]
    [MemberData(nameof(Empty))]
    public void Should_Report_An_Empty_Workout_And_Refuse_To_Encode_It(string because, Workout workout)
    {
        var problem = FitActivityEncoder.Check(workout);

        Assert.NotNull(problem);
        Assert.Equal("empty-workout", problem.Code);
        Assert.Contains(workout.Id, problem.Message, StringComparison.Ordinal);
        var thrown = Assert.Throws<FitEncodeException>(() => FitActivityEncoder.Encode(workout));
        Assert.Equal(problem, thrown.Problem);
        Assert.IsAssignableFrom<ArgumentException>(thrown);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Fact]
    public void Should_Report_A_Workout_Before_The_FIT_Epoch()
    {
        var old = TestWorkouts.Basic("Walking", new DateTimeOffset(1989, 6, 1, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30));

        Assert.Equal("before-fit-epoch", FitActivityEncoder.Check(old)?.Code);
        Assert.Equal("before-fit-epoch", Assert.Throws<FitEncodeException>(() => FitActivityEncoder.Encode(old)).Problem.Code);
    }

    [Fact]
    public void Should_Accept_And_Write_A_Workout_With_One_Second_Of_Timer()
    {
        var workout = Walk with
        {
            Pauses = [new TimeInterval(Walk.Start.AddSeconds(1), Walk.End)],
        };

        Assert.Null(FitActivityEncoder.Check(workout));
        Assert.Null(FitActivityEncoder.Check(Walk));
        using var directory = new TempDirectory();
        var path = directory.File("one-second.fit");
        File.WriteAllBytes(path, FitActivityEncoder.Encode(workout));
        var fit = FitDecoder.Decode([path])[path];

        Assert.True(fit.Integrity);
        Assert.Empty(fit.Errors);
        Assert.Equal(1, Number(fit.Session, "totalTimerTime"), 3);
        Assert.Equal(1800, Number(fit.Session, "totalElapsedTime"), 3);
    }
}
