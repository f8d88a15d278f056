using HealthSync.Workouts;

namespace HealthSync.Tests.Fit;

/// <summary>Hand-built workouts covering what the encoder must handle; values are synthetic but shaped like Apple Health's.</summary>
internal static class TestWorkouts
{
    public static readonly DateTimeOffset Morning = new(2024, 6, 1, 6, 0, 0, TimeSpan.Zero);

    public static Workout Basic(string type, DateTimeOffset start, TimeSpan elapsed) => new()
    {
        Id = WorkoutId.Create("HKWorkoutActivityType" + type, start, start + elapsed),
        ActivityType = "HKWorkoutActivityType" + type,
        Start = start,
        End = start + elapsed,
        Duration = elapsed,
        Source = "Apple Watch",
        Device = new WorkoutDevice("Apple Watch", "Apple Inc.", "Watch", "Watch6,1", "10.5"),
    };

    /// <summary>Heart rate every <paramref name="every"/> from start to end, oscillating around 140 bpm.</summary>
    public static HeartRateSummary HeartRate(DateTimeOffset start, DateTimeOffset end, TimeSpan every)
    {
        var samples = new List<QuantitySample>();
        var i = 0;
        for (var t = start; t <= end; t += every, i++)
        {
            samples.Add(new QuantitySample(t, t, 140 + (20 * Math.Sin(i / 10.0))));
        }

        return new HeartRateSummary(samples.Average(s => s.Value), samples.Max(s => s.Value), samples);
    }

    /// <summary>Metres per interval, one sample per <paramref name="every"/>.</summary>
    public static IReadOnlyList<QuantitySample> Distances(DateTimeOffset start, DateTimeOffset end, TimeSpan every, double metersPerSample)
    {
        var samples = new List<QuantitySample>();
        for (var t = start; t + every <= end; t += every)
        {
            samples.Add(new QuantitySample(t, t + every, metersPerSample));
        }

        return samples;
    }

    /// <summary>A 1 Hz route heading north-east from central Amsterdam at about 3 m/s.</summary>
    public static IReadOnlyList<RoutePoint> Route(DateTimeOffset start, DateTimeOffset end)
    {
        var points = new List<RoutePoint>();
        var i = 0;
        for (var t = start; t <= end; t += TimeSpan.FromSeconds(1), i++)
        {
            points.Add(new RoutePoint(t, 52.3731234 + (i * 0.0000191), 4.8923456 + (i * 0.0000307), 2 + (i % 50 * 0.2), 3.1));
        }

        return points;
    }

    public static Workout RunWithRoute()
    {
        var w = Basic("Running", Morning, TimeSpan.FromMinutes(30).Add(TimeSpan.FromMilliseconds(400)));
        return w with
        {
            TimeZoneId = "Europe/Amsterdam",
            DistanceMeters = 5_012.34,
            EnergyKilocalories = 351.6,
            ElevationGainMeters = 42,
            HeartRate = HeartRate(w.Start, w.End, TimeSpan.FromSeconds(5)),
            Route = Route(w.Start, w.End),
        };
    }

    public static Workout PoolSwim()
    {
        var w = Basic("Swimming", Morning.AddHours(1), TimeSpan.FromMinutes(20));
        var lengths = new List<SwimLength>();
        SwimStroke[] strokes = [SwimStroke.Freestyle, SwimStroke.Backstroke, SwimStroke.Breaststroke, SwimStroke.Butterfly, SwimStroke.Kickboard, SwimStroke.Mixed, SwimStroke.Unknown];
        for (var i = 0; i < 20; i++)
        {
            var start = w.Start.AddSeconds(30 + (i * 55));
            lengths.Add(new SwimLength(start, start.AddSeconds(42.5), strokes[i % strokes.Length]));
        }

        var half = w.Start.AddMinutes(10);
        return w with
        {
            TimeZoneId = "Europe/London",
            SwimLocation = SwimLocation.Pool,
            PoolLengthMeters = 25,
            DistanceMeters = 500,
            EnergyKilocalories = 180,
            SwimLengths = lengths,
            DistanceSamples = [.. lengths.Select(l => new QuantitySample(l.Start, l.End, 25))],
            Laps = [new WorkoutLap(w.Start, half, LapKind.Segment), new WorkoutLap(half, w.End, LapKind.Segment)],
            HeartRate = HeartRate(w.Start, w.End, TimeSpan.FromSeconds(10)),
        };
    }

    /// <summary>A 25 yd pool: three sets of two lengths with rests between them (the rests become laps of their own).</summary>
    public static Workout YardPoolSwimWithRests()
    {
        var w = Basic("Swimming", Morning.AddHours(2), TimeSpan.FromMinutes(10));
        var lengths = new List<SwimLength>();
        var sets = new List<WorkoutLap>();
        for (var set = 0; set < 3; set++)
        {
            var start = w.Start.AddSeconds(10 + (set * 180));
            lengths.Add(new SwimLength(start, start.AddSeconds(30), SwimStroke.Freestyle));
            lengths.Add(new SwimLength(start.AddSeconds(32), start.AddSeconds(62), SwimStroke.Freestyle));
            sets.Add(new WorkoutLap(start, start.AddSeconds(62), LapKind.Segment));
        }

        return w with
        {
            SwimLocation = SwimLocation.Pool,
            PoolLengthMeters = 25 * 0.9144,
            IsPoolLengthInYards = true,
            DistanceMeters = 6 * 25 * 0.9144,
            EnergyKilocalories = 60,
            SwimLengths = lengths,
            Laps = sets,
        };
    }

    /// <summary>The paused walk with its total but no distance samples and no route, split in two laps.</summary>
    public static Workout PausedWalkTotalOnly()
    {
        var w = PausedWalk();
        var half = w.Start.AddMinutes(20);
        return w with
        {
            DistanceSamples = [],
            Laps = [new WorkoutLap(w.Start, half, LapKind.Segment), new WorkoutLap(half, w.End, LapKind.Segment)],
        };
    }

    /// <summary>A walk whose two route fixes are at the same spot (as in the 2019 inline-locations export); the total is known.</summary>
    public static Workout WalkWithStationaryRoute()
    {
        var w = Basic("Walking", Morning.AddDays(4), TimeSpan.FromMinutes(12));
        return w with
        {
            DistanceMeters = 800.13,
            Route = [new RoutePoint(w.Start.AddSeconds(3), 52.1, 4.3), new RoutePoint(w.Start.AddSeconds(50), 52.1, 4.3)],
            Laps = [new WorkoutLap(w.Start, w.Start.AddMinutes(6), LapKind.Segment)],
        };
    }

    /// <summary>A walk whose route covers only its middle ten minutes of thirty; the total is known.</summary>
    public static Workout WalkWithPartialRoute()
    {
        var w = Basic("Walking", Morning.AddDays(5), TimeSpan.FromMinutes(30));
        return w with
        {
            DistanceMeters = 2_256.3,
            Route = Route(w.Start.AddMinutes(10), w.Start.AddMinutes(20)),
            Laps =
            [
                new WorkoutLap(w.Start, w.Start.AddMinutes(10), LapKind.Segment),
                new WorkoutLap(w.Start.AddMinutes(10), w.Start.AddMinutes(20), LapKind.Segment),
            ],
        };
    }

    public static Workout StrengthNoSamples() => Basic("TraditionalStrengthTraining", Morning.AddHours(3), TimeSpan.FromMinutes(45)) with
    {
        EnergyKilocalories = 210,
    };

    public static Workout PausedWalk()
    {
        var w = Basic("Walking", Morning.AddHours(5), TimeSpan.FromMinutes(40));
        TimeInterval[] pauses =
        [
            new(w.Start.AddMinutes(10), w.Start.AddMinutes(13).AddMilliseconds(250)),
            new(w.Start.AddMinutes(25), w.Start.AddMinutes(27)),
        ];
        return w with
        {
            TimeZoneId = "America/New_York",
            Duration = w.Elapsed - pauses.Aggregate(TimeSpan.Zero, (s, p) => s + p.Duration),
            Pauses = pauses,
            DistanceMeters = 2_950,
            EnergyKilocalories = 120,
            DistanceSamples = Distances(w.Start, w.End, TimeSpan.FromSeconds(10), 12.29),
            HeartRate = HeartRate(w.Start, w.End, TimeSpan.FromSeconds(7)),
        };
    }

    /// <summary>A walk paused once and resumed, then paused 4 minutes before the end and never resumed (the reader ends that pause at the workout's end).</summary>
    public static Workout WalkPausedToTheEnd()
    {
        var w = Basic("Walking", Morning.AddHours(7), TimeSpan.FromMinutes(30));
        TimeInterval[] pauses =
        [
            new(w.Start.AddMinutes(10), w.Start.AddMinutes(12)),
            new(w.End.AddMinutes(-4), w.End),
        ];
        return w with
        {
            Duration = w.Elapsed - pauses.Aggregate(TimeSpan.Zero, (s, p) => s + p.Duration),
            Pauses = pauses,
            DistanceMeters = 2_400,
            DistanceSamples = Distances(w.Start, w.End.AddMinutes(-4), TimeSpan.FromSeconds(10), 10),
            HeartRate = HeartRate(w.Start, w.End, TimeSpan.FromSeconds(5)),
        };
    }

    public static Workout IntervalRun()
    {
        var w = Basic("Running", Morning.AddDays(1), TimeSpan.FromMinutes(30));
        var parts = new List<WorkoutPart>();
        var t = w.Start.AddMinutes(2); // a warm-up not covered by any part: becomes a lap of its own
        for (var i = 0; i < 5; i++)
        {
            var end = t.AddMinutes(i % 2 == 0 ? 4 : 2);
            parts.Add(new WorkoutPart(t, end, end - t, 800 + i, 50 + i, 150 + i, 170 + i));
            t = end;
        }

        return w with
        {
            TimeZoneId = "Europe/Paris",
            DistanceMeters = 6_100,
            EnergyKilocalories = 400,
            Parts = parts,
            Laps = [.. parts.Select(p => new WorkoutLap(p.Start, p.End, LapKind.Part))],
            DistanceSamples = Distances(w.Start, w.End, TimeSpan.FromSeconds(5), 17),
            HeartRate = HeartRate(w.Start, w.End, TimeSpan.FromSeconds(5)),
        };
    }

    public static Workout IndoorRide()
    {
        var w = Basic("Cycling", Morning.AddDays(2), TimeSpan.FromMinutes(20));
        var every = TimeSpan.FromSeconds(1);
        var power = new List<QuantitySample>();
        var cadence = new List<QuantitySample>();
        for (var t = w.Start; t <= w.End; t += every)
        {
            power.Add(new QuantitySample(t, t, 200 + ((t - w.Start).TotalSeconds % 30)));
            cadence.Add(new QuantitySample(t, t, 88));
        }

        return w with
        {
            Indoor = true,
            TimeZoneId = "Asia/Tokyo",
            EnergyKilocalories = 250,
            PowerSamples = power,
            CadenceSamples = cadence,
            HeartRate = HeartRate(w.Start, w.End, TimeSpan.FromSeconds(2)),
        };
    }

    public static Workout UnknownType() => Basic("Curling", Morning.AddDays(3), TimeSpan.FromMinutes(50)) with
    {
        EnergyKilocalories = 150,
        HeartRate = new HeartRateSummary(101, 133, []),
    };

    /// <summary>Europe/Berlin switches from +01:00 to +02:00 at 2024-03-31T01:00Z; this walk starts before and ends after.</summary>
    public static Workout AcrossDaylightSaving()
    {
        var w = Basic("Walking", new DateTimeOffset(2024, 3, 31, 0, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        return w with
        {
            TimeZoneId = "Europe/Berlin",
            DistanceMeters = 5_000,
            DistanceSamples = Distances(w.Start, w.End, TimeSpan.FromMinutes(1), 83.3),
        };
    }
}
