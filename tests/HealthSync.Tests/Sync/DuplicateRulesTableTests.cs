using HealthSync.Intervals;
using HealthSync.Sync;
using HealthSync.Workouts;

namespace HealthSync.Tests.Sync;

/// <summary>Rules 2 and 3 as pure functions, at their documented tolerances and just past them (docs/sync.md).</summary>
public sealed class DuplicateRulesTableTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset T0 = new(2025, 6, 12, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Workout type and minutes; activity type, start offset and elapsed seconds; whether rule 2 matches.</summary>
    public static TheoryData<string, string, int, string?, int, int?, bool> Rule2Cases => new()
    {
        // Start and duration: within 5 minutes and 20% or 5 min. Short workouts, so overlap cannot rescue a miss.
        { "same start, same length", "Running", 30, "Run", 0, 1800, true },
        { "starts 5 min apart (short)", "Running", 8, "Run", 300, 480, true },
        { "starts 5 min 1 s apart (short): start fails, overlap 2:59 of 8:00 fails", "Running", 8, "Run", 301, 480, false },
        { "another family, same times", "Running", 30, "Ride", 0, 1800, false },
        { "same family, other type (Hike for a walk)", "Walking", 30, "Hike", 60, 1800, true },

        // Overlap: at least half of the shorter.
        { "walk 4 min into a hike three times longer", "Walking", 30, "Hike", -240, 5400, true },
        { "ride that is the second half of a Garmin ride", "Cycling", 60, "Ride", -3600, 7200, true },
        { "overlap exactly half (20 min, 10 min late)", "Walking", 20, "Walk", 600, 1200, true },
        { "overlap just under half (10:01 late)", "Walking", 20, "Walk", 601, 1200, false },
        { "no overlap at all", "Walking", 20, "Walk", 1500, 1200, false },

        // Generic on either side: any family, only with a close overlap (80% of the longer).
        { "generic workout, close overlap with a Ride", "Other", 60, "Ride", 60, 3600, true },
        { "generic workout, 70% overlap with a Ride", "Other", 60, "Ride", 0, 5143, false },
        { "Run against a generic Garmin 'Workout', same times", "Running", 45, "Workout", 30, 2700, true },
        { "Run against a generic activity covering half", "Running", 30, "Workout", 900, 1800, false },

        // Strava stub: no type, no duration, local start only.
        { "stub 5 min after", "TraditionalStrengthTraining", 45, null, 300, null, true },
        { "stub 5 min 1 s after", "TraditionalStrengthTraining", 45, null, 301, null, false },
    };

    /// <summary>Workout minutes, activity elapsed seconds: the duration criterion at its floor and share.</summary>
    public static TheoryData<int, int, bool> DurationCases => new()
    {
        { 20, 20 * 60 + 299, true },   // 20 min: 5-minute floor beats 20% (4 min)
        { 20, 25 * 60, true },
        { 20, 25 * 60 + 1, false },
        { 20, 15 * 60 - 1, false },
        { 60, 72 * 60, true },         // 60 min: 20% (12 min) beats the floor
        { 60, 72 * 60 + 36, false },   // 21% longer
        { 60, 48 * 60, true },
        { 60, 47 * 60 + 24, false },   // 21% shorter
    };

    [Theory]
    [MemberData(nameof(Rule2Cases))]
    public void Should_Match_Another_Source_Only_Within_The_Tolerances(string name, string type, int minutes, string? activityType, int offsetSeconds, int? elapsed, bool matches)
    {
        var workout = Workout(type, T0, minutes);
        var activity = activityType is null
            ? Stub("s1", T0.AddSeconds(offsetSeconds))
            : Activity("i1", activityType, T0.AddSeconds(offsetSeconds), elapsed);

        var gap = DuplicateRules.Fits(workout, activity, Paris);

        Assert.True(matches == gap.HasValue, $"{name}: expected {(matches ? "a match" : "no match")}, got gap {gap}");
        if (gap is { } g)
        {
            Assert.Equal(TimeSpan.FromSeconds(Math.Abs(offsetSeconds)), g);
        }
    }

    [Theory]
    [MemberData(nameof(DurationCases))]
    public void Should_Compare_Elapsed_Time_Within_20_Percent_Or_5_Minutes(int minutes, int elapsed, bool matches)
    {
        var workout = Workout("Running", T0, minutes);

        Assert.Equal(matches, DuplicateRules.DurationMatches(workout, Activity("i1", "Run", T0, elapsed)));
    }

    [Fact]
    public void Should_Not_Match_An_Activity_Uploaded_By_HealthSync()
    {
        var workout = Workout("Walking", T0, 30);
        var ours = Activity("i1", "Walk", T0, 1800) with { ExternalId = "ah-0123456789abcdef0123" };

        Assert.Null(DuplicateRules.Fits(workout, ours, Paris));
    }

    [Fact]
    public void Should_Give_A_Stub_To_The_Workout_It_Fits_Best_Not_To_The_First()
    {
        // A 4-minute HIIT 4 minutes before a strength session: both pass against the stub; the strength session fits best.
        var hiit = Workout("HighIntensityIntervalTraining", T0.AddMinutes(-4), 4);
        var strength = Workout("TraditionalStrengthTraining", T0, 45);

        var matches = DuplicateRules.Assign([hiit, strength], [Stub("strava-1", T0)], Paris);

        Assert.Equal("strava-1", matches[strength.Id].Activity.Id);
        Assert.False(matches.ContainsKey(hiit.Id));
    }

    [Fact]
    public void Should_Assign_Each_Activity_Once_By_Increasing_Gap()
    {
        // Two runs 4 minutes apart and two Garmin runs: each pair by its closest start, not the first run taking the nearest.
        var a = Workout("Running", T0, 8);
        var b = Workout("Running", T0.AddMinutes(4), 8);
        var g1 = Activity("g1", "Run", T0.AddMinutes(2), 480);
        var g2 = Activity("g2", "Run", T0.AddMinutes(4).AddSeconds(10), 480);

        var matches = DuplicateRules.Assign([a, b], [g1, g2], Paris);

        Assert.Equal("g2", matches[b.Id].Activity.Id);
        Assert.Equal("g1", matches[a.Id].Activity.Id);
    }

    [Fact]
    public void Should_Recognise_The_Same_Workout_Under_Another_HealthSync_Id_Within_A_Second()
    {
        var workout = Workout("Walking", T0, 30);
        var renamed = Activity("i9", "Walk", T0.AddSeconds(1), 1800) with { ExternalId = "ah-ffffffffffffffffffff" };
        var twoSecondsOff = renamed with { Id = "i10", StartDate = T0.AddSeconds(2) };
        var otherFamily = renamed with { Id = "i11", Type = "Ride" };

        Assert.Equal("i9", DuplicateRules.SameWorkoutElsewhere(workout, Paris, [renamed])?.Id);
        Assert.Null(DuplicateRules.SameWorkoutElsewhere(workout, Paris, [twoSecondsOff, otherFamily]));
        Assert.Null(DuplicateRules.SameWorkoutElsewhere(workout, Paris, [renamed with { ExternalId = workout.Id }]));
    }

    /// <summary>Two Apple workouts: type, minutes and the second's start offset and minutes; one session or not.</summary>
    public static TheoryData<string, string, int, string, int, int, bool> Rule3Cases => new()
    {
        { "phone and watch, same walk", "Walking", 30, "Walking", 60, 28, true },
        { "overlap exactly half of the shorter", "Walking", 30, "Walking", 900, 30, true },
        { "overlap just under half", "Walking", 30, "Walking", 901, 30, false },
        { "walk and hike (one family)", "Walking", 30, "Hiking", 0, 30, true },
        { "walk and run, same times (another family)", "Walking", 30, "Running", 0, 30, false },
        { "back to back", "Walking", 30, "Walking", 1800, 30, false },
    };

    [Theory]
    [MemberData(nameof(Rule3Cases))]
    public void Should_Call_Two_Apple_Workouts_One_Session_Only_When_They_Overlap_By_Half(string name, string typeA, int minutesA, string typeB, int offsetB, int minutesB, bool same)
    {
        var a = Workout(typeA, T0, minutesA);
        var b = Workout(typeB, T0.AddSeconds(offsetB), minutesB);

        Assert.True(same == SessionRule.SameSession(a, b), name);
    }

    [Fact]
    public void Should_Not_Chain_Two_Back_To_Back_Workouts_Through_A_Copy_Of_The_Whole_Hour()
    {
        var first = Summary(Workout("Walking", T0, 30), heartRate: 30);
        var second = Summary(Workout("Walking", T0.AddMinutes(30), 30), heartRate: 30);
        var phone = Summary(Workout("Walking", T0, 60), heartRate: 0);
        var group = Assert.Single(SessionRule.Groups([first, second, phone]));

        var decided = SessionRule.Decide(group, new HashSet<string>());

        Assert.Equal(first.Id, decided[first.Id]);
        Assert.Equal(second.Id, decided[second.Id]);
        Assert.NotEqual(phone.Id, decided[phone.Id]);
    }

    [Fact]
    public void Should_Let_A_Copy_Already_There_Represent_Its_Session_Whatever_Its_Richness()
    {
        var rich = Summary(Workout("Walking", T0, 30), heartRate: 30);
        var poor = Summary(Workout("Walking", T0.AddMinutes(1), 28), heartRate: 0);

        var decided = SessionRule.Decide([rich, poor], new HashSet<string> { poor.Id });

        Assert.Equal(poor.Id, decided[rich.Id]);
        Assert.Equal(poor.Id, decided[poor.Id]);
    }

    private static WorkoutSummary Summary(Workout workout, int heartRate) => new(workout, 0, heartRate);

    private static Workout Workout(string type, DateTimeOffset start, int minutes) => new()
    {
        Id = WorkoutId.Create(type, start, start.AddMinutes(minutes)),
        ActivityType = "HKWorkoutActivityType" + type,
        Start = start,
        End = start.AddMinutes(minutes),
        Duration = TimeSpan.FromMinutes(minutes),
        Source = "Apple Watch",
        TimeZoneId = "Europe/Paris",
    };

    private static IntervalsActivity Activity(string id, string type, DateTimeOffset start, int? elapsed) => new()
    {
        Id = id,
        Type = type,
        StartDate = start,
        StartDateLocal = TimeZoneInfo.ConvertTime(start, Paris).DateTime,
        ElapsedTime = elapsed,
        Source = "GARMIN_CONNECT",
    };

    private static IntervalsActivity Stub(string id, DateTimeOffset start) => new()
    {
        Id = id,
        StartDateLocal = TimeZoneInfo.ConvertTime(start, Paris).DateTime,
        Source = "STRAVA",
    };
}
