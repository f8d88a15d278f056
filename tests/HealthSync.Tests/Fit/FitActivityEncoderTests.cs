using HealthSync.Fit;
using HealthSync.Workouts;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>Every file the encoder writes, judged by Garmin's own decoder against the workout it came from.</summary>
public sealed class FitActivityEncoderTests(EncodedCases cases) : IClassFixture<EncodedCases>
{
    [Theory]
    [MemberData(nameof(EncodedCases.Names), MemberType = typeof(EncodedCases))]
    public void Should_Decode_Without_Errors_And_Pass_The_Integrity_Check(string name)
    {
        var fit = cases.Decoded[name];

        Assert.True(fit.IsFit);
        Assert.True(fit.Integrity);
        Assert.Empty(fit.Errors);
        Assert.NotEmpty(fit.Messages("recordMesgs"));
        Assert.Equal(4, Number(Assert.Single(fit.Messages("fileIdMesgs")), "type"));
    }

    [Theory]
    [MemberData(nameof(EncodedCases.Names), MemberType = typeof(EncodedCases))]
    public void Should_Carry_The_Workouts_Session_Totals(string name)
    {
        var workout = cases.Cases[name].Workout;
        var session = cases.Decoded[name].Session;
        var sport = SportMappings.For(workout);
        var timer = workout.Elapsed - workout.PausedTime;

        Assert.Equal(sport.FitSport, Number(session, "sport"));
        Assert.Equal(sport.FitSubSport, Number(session, "subSport"));
        Assert.Equal(Truncate(workout.Start), Time(session, "startTime"));
        Assert.Equal(workout.Elapsed.TotalSeconds, Number(session, "totalElapsedTime"), 3);
        Assert.Equal(timer.TotalSeconds, Number(session, "totalTimerTime"), 3);
        Assert.Equal(Rounded(workout.EnergyKilocalories), OptionalNumber(session, "totalCalories"));
        Assert.Equal(Rounded(workout.HeartRate?.Average), OptionalNumber(session, "avgHeartRate"));
        Assert.Equal(Rounded(workout.HeartRate?.Maximum), OptionalNumber(session, "maxHeartRate"));
        Assert.Equal(Rounded(workout.ElevationGainMeters), OptionalNumber(session, "totalAscent"));
        if (workout.DistanceMeters is { } distance)
        {
            Assert.Equal(distance, Number(session, "totalDistance"), 2);
        }
    }

    [Theory]
    [MemberData(nameof(EncodedCases.Names), MemberType = typeof(EncodedCases))]
    public void Should_Write_Laps_That_Tile_The_Workout(string name)
    {
        var workout = cases.Cases[name].Workout;
        var fit = cases.Decoded[name];
        var laps = fit.Messages("lapMesgs");

        Assert.Equal(laps.Count, Number(fit.Session, "numLaps"));
        Assert.Equal(0, Number(fit.Session, "firstLapIndex"));
        Assert.Equal(Truncate(workout.Start), Time(laps[0], "startTime"));
        Assert.Equal(workout.Elapsed.TotalSeconds, laps.Sum(l => Number(l, "totalElapsedTime")), 2);
        Assert.Equal(Number(fit.Session, "totalTimerTime"), laps.Sum(l => Number(l, "totalTimerTime")), 2);
        for (var i = 1; i < laps.Count; i++)
        {
            Assert.True(Time(laps[i], "startTime") >= Time(laps[i - 1], "startTime"));
        }
    }

    [Theory]
    [MemberData(nameof(EncodedCases.Names), MemberType = typeof(EncodedCases))]
    public void Should_Write_Laps_And_Records_That_Add_Up_To_The_Session_Distance(string name)
    {
        var workout = cases.Cases[name].Workout;
        var fit = cases.Decoded[name];
        DistanceChecks.AssertLapsAndRecordsMatchSession(workout, fit);
    }

    [Theory]
    [MemberData(nameof(EncodedCases.Names), MemberType = typeof(EncodedCases))]
    public void Should_Write_Records_In_Time_Order_Within_The_Workout(string name)
    {
        var workout = cases.Cases[name].Workout;
        var times = cases.Decoded[name].Messages("recordMesgs").Select(r => Time(r, "timestamp")).ToList();

        Assert.Equal(Truncate(workout.Start), times[0]);
        Assert.Equal(Truncate(workout.End), times[^1]);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First < pair.Second, "one record per second, increasing"));
    }

    [Fact]
    public void Should_Round_Trip_The_Routes_First_And_Last_Positions()
    {
        var route = cases.Cases["run-route-hr"].Workout.Route;
        var positions = cases.Decoded["run-route-hr"].Messages("recordMesgs")
            .Where(r => r.TryGetProperty("positionLat", out _))
            .ToList();

        Assert.Equal(route.Count, positions.Count);
        Assert.Equal(route[0].Latitude, Degrees(Number(positions[0], "positionLat")), 1e-5);
        Assert.Equal(route[0].Longitude, Degrees(Number(positions[0], "positionLong")), 1e-5);
        Assert.Equal(route[^1].Latitude, Degrees(Number(positions[^1], "positionLat")), 1e-5);
        Assert.Equal(route[^1].Longitude, Degrees(Number(positions[^1], "positionLong")), 1e-5);
    }

    [Fact]
    public void Should_Leave_Positions_Out_But_Keep_Route_Distance_Without_Routes()
    {
        var records = cases.Decoded["run-no-routes"].Messages("recordMesgs");

        Assert.DoesNotContain(records, r => r.TryGetProperty("positionLat", out _));
        Assert.True(Number(records[^1], "distance") > 4_000, "distance is still measured along the route");
    }

    [Fact]
    public void Should_Write_Heart_Rate_And_Cumulative_Distance_Records()
    {
        var records = cases.Decoded["paused-walk"].Messages("recordMesgs");
        var distances = records.Select(r => OptionalNumber(r, "distance")).OfType<double>().ToList();

        Assert.Contains(records, r => OptionalNumber(r, "heartRate") is > 100);
        Assert.Equal(distances.Order(), distances);
        Assert.Equal(0, distances[0]);
    }

    [Fact]
    public void Should_Write_Power_And_Cadence_For_An_Indoor_Ride()
    {
        var records = cases.Decoded["indoor-ride"].Messages("recordMesgs");

        Assert.All(records.Skip(1), r => Assert.Equal(88, Number(r, "cadence")));
        Assert.Contains(records, r => OptionalNumber(r, "power") is >= 200);
    }

    [Fact]
    public void Should_Write_Start_And_End_Records_For_A_Workout_Without_Samples()
    {
        var records = cases.Decoded["strength-no-samples"].Messages("recordMesgs");

        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void Should_Write_Timer_Stop_And_Start_Around_Each_Pause()
    {
        var workout = cases.Cases["paused-walk"].Workout;
        var events = Events("paused-walk");

        (DateTimeOffset, int)[] expected =
        [
            (Truncate(workout.Start), 0),
            (Truncate(workout.Pauses[0].Start), 1),
            (Truncate(workout.Pauses[0].End), 0),
            (Truncate(workout.Pauses[1].Start), 1),
            (Truncate(workout.Pauses[1].End), 0),
            (Truncate(workout.End), 4),
        ];
        Assert.Equal(expected, events);
    }

    [Fact]
    public void Should_Leave_The_Timer_Stopped_After_A_Pause_Never_Resumed()
    {
        var workout = cases.Cases["unresumed-pause"].Workout;
        var events = Events("unresumed-pause");

        // No timer start at the end: the last pause was never resumed; stop_all closes the activity.
        (DateTimeOffset, int)[] expected =
        [
            (Truncate(workout.Start), 0),
            (Truncate(workout.Pauses[0].Start), 1),
            (Truncate(workout.Pauses[0].End), 0),
            (Truncate(workout.Pauses[1].Start), 1),
            (Truncate(workout.End), 4),
        ];
        Assert.Equal(expected, events);
    }

    [Fact]
    public void Should_Write_One_Length_Per_Pool_Length_With_Its_Stroke()
    {
        var workout = cases.Cases["pool-swim"].Workout;
        var fit = cases.Decoded["pool-swim"];
        var lengths = fit.Messages("lengthMesgs");
        var laps = fit.Messages("lapMesgs");

        Assert.Equal(workout.SwimLengths.Count, lengths.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], lengths.Take(6).Select(l => Number(l, "swimStroke")));
        Assert.False(lengths[6].TryGetProperty("swimStroke", out _), "an unknown stroke is left invalid");
        Assert.Equal(25, Number(fit.Session, "poolLength"), 2);
        Assert.Equal(workout.SwimLengths.Count, Number(fit.Session, "numLengths"));
        Assert.Equal(2, laps.Count);
        Assert.Equal(workout.SwimLengths.Count, laps.Sum(l => Number(l, "numLengths")));
        Assert.Equal(0, Number(laps[0], "firstLengthIndex"));
        Assert.Equal(Number(laps[0], "numLengths"), Number(laps[1], "firstLengthIndex"));
    }

    [Fact]
    public void Should_Give_A_Pool_Lap_Its_Lengths_Times_The_Pool_Length_And_A_Rest_Lap_Nothing()
    {
        var swim = cases.Decoded["pool-swim"].Messages("lapMesgs");
        Assert.Equal([11 * 25.0, 9 * 25.0], swim.Select(l => Number(l, "totalDistance")));

        var fit = cases.Decoded["yard-pool-rests"];
        var laps = fit.Messages("lapMesgs");
        // start gap, set, rest, set, rest, set, tail
        Assert.Equal([0, 2, 0, 2, 0, 2, 0], laps.Select(l => Number(l, "numLengths")));
        Assert.Equal([0, 45.72, 0, 45.72, 0, 45.72, 0], laps.Select(l => Number(l, "totalDistance")));
    }

    [Fact]
    public void Should_Mark_A_Yard_Pool_As_Statute_With_The_Length_Still_In_Metres()
    {
        var yards = cases.Decoded["yard-pool-rests"].Session;
        var metres = cases.Decoded["pool-swim"].Session;

        Assert.Equal(22.86, Number(yards, "poolLength"), 2);
        Assert.Equal(1, Number(yards, "poolLengthUnit"));
        Assert.Equal(0, Number(metres, "poolLengthUnit"));
    }

    [Fact]
    public void Should_Infer_The_Pool_Length_From_Distance_And_Lengths_Without_HKLapLength()
    {
        var metres = cases.Decoded["pool-swim-no-lap-length"];
        var yards = cases.Decoded["yard-pool-no-lap-length"];

        Assert.Equal(25, Number(metres.Session, "poolLength"), 2);
        Assert.Equal(0, Number(metres.Session, "poolLengthUnit"));
        Assert.Equal([11 * 25.0, 9 * 25.0], metres.Messages("lapMesgs").Select(l => Number(l, "totalDistance")));
        Assert.Equal(22.86, Number(yards.Session, "poolLength"), 2);
        Assert.Equal(1, Number(yards.Session, "poolLengthUnit"));
        Assert.Equal([0, 45.72, 0, 45.72, 0, 45.72, 0], yards.Messages("lapMesgs").Select(l => Number(l, "totalDistance")));
    }

    [Fact]
    public void Should_Leave_The_Pool_Length_Out_When_It_Cannot_Be_Inferred()
    {
        var fit = cases.Decoded["pool-swim-odd-distance"];

        Assert.Null(OptionalNumber(fit.Session, "poolLength"));
        Assert.Null(OptionalNumber(fit.Session, "poolLengthUnit"));
        Assert.Equal(20, Number(fit.Session, "numLengths"));
        Assert.Equal(546, Number(fit.Session, "totalDistance"), 2);
    }

    [Fact]
    public void Should_Spread_A_Total_Without_Samples_Over_Timer_Time_Holding_Still_In_Pauses()
    {
        var workout = cases.Cases["paused-walk-total-only"].Workout;
        var fit = cases.Decoded["paused-walk-total-only"];
        var records = fit.Messages("recordMesgs");
        var laps = fit.Messages("lapMesgs");
        var timer = (workout.Elapsed - workout.PausedTime).TotalSeconds;

        // 40 min with pauses of 3:15 (inside the first lap) and 2:00 (inside the second).
        var firstLapTimer = TimeSpan.FromMinutes(20) - workout.Pauses[0].Duration;
        Assert.Equal(2, laps.Count);
        Assert.Equal(workout.DistanceMeters!.Value * firstLapTimer.TotalSeconds / timer, Number(laps[0], "totalDistance"), 2);
        Assert.Equal(workout.DistanceMeters!.Value, Number(records[^1], "distance"), 2);
        Assert.Equal(0, Number(records[0], "distance"));
        Assert.Equal(Number(laps[0], "totalTimerTime"), firstLapTimer.TotalSeconds, 3);
    }

    [Fact]
    public void Should_Spread_The_Total_When_The_Route_Stayed_In_One_Spot()
    {
        var workout = cases.Cases["stationary-route"].Workout;
        var fit = cases.Decoded["stationary-route"];
        var records = fit.Messages("recordMesgs");
        var laps = fit.Messages("lapMesgs");

        Assert.Equal(800.13, Number(records[^1], "distance"), 2);
        Assert.True(Number(records[1], "distance") > 0, "the fix 3 s in already has its share of the total");
        Assert.Equal(2, laps.Count);
        Assert.InRange(Number(laps[0], "totalDistance"), 400.06, 400.07); // half the time, half the distance
        Assert.InRange(laps.Sum(l => Number(l, "totalDistance")), workout.DistanceMeters!.Value - 0.02, workout.DistanceMeters!.Value + 0.02);
    }

    [Fact]
    public void Should_Fill_The_Time_A_Route_Does_Not_Cover_At_Its_Pace_Then_Scale_To_The_Total()
    {
        var workout = cases.Cases["partial-route"].Workout;
        var fit = cases.Decoded["partial-route"];
        var records = fit.Messages("recordMesgs");
        var laps = fit.Messages("lapMesgs");

        Assert.Equal(2_256.3, Number(records[^1], "distance"), 2);
        Assert.Equal(3, laps.Count);
        // The route covers the middle ten minutes of thirty at a steady pace: the walk went on before and after it
        // (no GPS fix yet, then the fix lost), so each ten-minute lap gets a third, not 0 m, 2,256 m and 0 m.
        Assert.Equal([752.1, 752.1, 752.1], laps.Select(l => Math.Round(Number(l, "totalDistance"), 2)));
        Assert.Equal(workout.DistanceMeters!.Value, laps.Sum(l => Number(l, "totalDistance")), 2);
        var distances = records.Select(r => Number(r, "distance")).ToList();
        Assert.Equal(distances.Order(), distances); // never going back
    }

    [Fact]
    public void Should_Take_Interval_Parts_As_Laps_With_Their_Own_Totals()
    {
        var workout = cases.Cases["interval-run"].Workout;
        var laps = cases.Decoded["interval-run"].Messages("lapMesgs");

        Assert.Equal(workout.Parts.Count + 2, laps.Count); // warm-up before the parts and the tail after them
        var part = workout.Parts[1];
        var lap = laps[2];
        Assert.Equal(Truncate(part.Start), Time(lap, "startTime"));
        Assert.Equal(part.DistanceMeters!.Value, Number(lap, "totalDistance"), 2);
        Assert.Equal(part.EnergyKilocalories, Number(lap, "totalCalories"));
        Assert.Equal(part.AverageHeartRate, Number(lap, "avgHeartRate"));
        Assert.Equal(part.MaximumHeartRate, Number(lap, "maxHeartRate"));
    }

    [Fact]
    public void Should_Stamp_The_Offset_At_The_Start_Of_A_Workout_Across_Daylight_Saving()
    {
        var activity = cases.Decoded["across-dst"].Activity;

        // Berlin is +01:00 at the start (00:30Z) and +02:00 at the end (01:30Z): the start's offset wins.
        Assert.Equal(TimeSpan.FromHours(1), Time(activity, "localTimestamp") - Time(activity, "timestamp"));
    }

    [Fact]
    public void Should_Stamp_The_Workouts_Own_Zone_Not_The_Machines()
    {
        var (workout, _, _) = cases.Cases["other-zone"];
        var activity = cases.Decoded["other-zone"].Activity;
        var expected = TimeZoneInfo.FindSystemTimeZoneById(workout.TimeZoneId!).GetUtcOffset(workout.Start);

        Assert.NotEqual(TimeZoneInfo.Local.GetUtcOffset(workout.Start), expected);
        Assert.Equal(expected, Time(activity, "localTimestamp") - Time(activity, "timestamp"));
    }

    [Fact]
    public void Should_Use_The_Fallback_Zone_When_The_Workout_Has_None()
    {
        var activity = cases.Decoded["no-zone-fallback"].Activity;

        // Adelaide in June is +09:30.
        Assert.Equal(TimeSpan.FromMinutes(570), Time(activity, "localTimestamp") - Time(activity, "timestamp"));
    }

    [Theory]
    [MemberData(nameof(EncodedCases.Names), MemberType = typeof(EncodedCases))]
    public void Should_Encode_The_Same_Workout_To_The_Same_Bytes(string name)
    {
        var (workout, options, path) = cases.Cases[name];
        var copy = workout with { Route = [.. workout.Route], Laps = [.. workout.Laps] };

        Assert.Equal(File.ReadAllBytes(path), FitActivityEncoder.Encode(workout, options));
        Assert.Equal(File.ReadAllBytes(path), FitActivityEncoder.Encode(copy, options));
    }

    [Fact]
    public void Should_Write_Activity_With_One_Session_And_The_Timer_Time()
    {
        var fit = cases.Decoded["paused-walk"];
        var activity = fit.Activity;

        Assert.Equal(1, Number(activity, "numSessions"));
        Assert.Equal(Number(fit.Session, "totalTimerTime"), Number(activity, "totalTimerTime"), 3);
        Assert.Equal(26, Number(activity, "event"));
    }

    /// <summary>The decoded file's events: when, and their type (0 start, 1 stop, 4 stop all).</summary>
    private List<(DateTimeOffset Time, int Type)> Events(string name) =>
        [.. cases.Decoded[name].Messages("eventMesgs").Select(e => (Time(e, "timestamp"), (int)Number(e, "eventType")))];

    private static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, MidpointRounding.AwayFromZero) : null;
}
