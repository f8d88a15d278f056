using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>Turns a <see cref="WorkoutDraft"/> into a <see cref="Workout"/>: totals, pauses, laps, samples and route.</summary>
internal sealed class WorkoutAssembler
{
    private const string DistancePrefix = "HKQuantityTypeIdentifierDistance";
    private static readonly TimeSpan RouteSlack = TimeSpan.FromMinutes(1);

    private readonly ExportSource _source;
    private readonly SampleStore? _samples;
    private readonly bool _readRoutes;

    public WorkoutAssembler(ExportSource source, SampleStore? samples, bool readRoutes)
    {
        _source = source;
        _samples = samples;
        _readRoutes = readRoutes;
    }

    /// <summary>Builds the workout; what could not be read goes to <paramref name="problems"/> and is left out.</summary>
    public Workout Assemble(WorkoutDraft draft, string where, ICollection<ReadProblem> problems)
    {
        var category = SportCategories.Of(draft.ActivityType);
        var shortName = SportCategories.ShortName(draft.ActivityType);
        var id = WorkoutId.Create(draft.ActivityType, draft.Start, draft.End);
        void Problem(ReadProblemKind kind, string reason) =>
            problems.Add(new ReadProblem(where, $"workout {id} ({shortName}, {draft.Start:yyyy-MM-dd HH:mm}Z): {reason}", kind) { WorkoutId = id });
        void Ignored(string reason) => Problem(ReadProblemKind.FieldIgnored, reason);

        foreach (var warning in draft.Warnings)
        {
            Ignored(warning);
        }

        var defects = new List<WorkoutDefect>();
        var route = _readRoutes ? Route(draft, Problem, defects) : [];

        var kinds = KindsFor(category, shortName);
        var heartRateSamples = Query(SampleKind.HeartRate, draft);
        var ownDistance = Distance(draft, kinds.Distance) ?? draft.TotalDistanceMeters;
        var (distanceMeters, distanceSamples) = DistanceFromSamples(category, shortName, kinds.Distance, ownDistance, draft);
        var heartRate = draft.Statistics.Find(s => s.Type == "HKQuantityTypeIdentifierHeartRate");
        var laps = Events(draft, "HKWorkoutEventTypeLap", LapKind.Lap);
        var segments = Events(draft, "HKWorkoutEventTypeSegment", LapKind.Segment);
        var isSwim = category == SportCategory.Swimming;

        return new Workout
        {
            Id = id,
            ActivityType = draft.ActivityType,
            Indoor = Metadata(draft, "HKIndoorWorkout") switch { "1" => true, "0" => false, _ => null },
            Start = draft.Start,
            End = draft.End,
            TimeZoneId = TimeZone(draft, Ignored),
            Duration = draft.Duration,
            Pauses = Pauses(draft),
            DistanceMeters = distanceMeters,
            EnergyKilocalories = draft.Statistics.Find(s => s.Type == "HKQuantityTypeIdentifierActiveEnergyBurned")?.Sum ?? draft.TotalEnergyKilocalories,
            ElevationGainMeters = Length(draft, "HKElevationAscended", Ignored),
            HeartRate = heartRate is null && heartRateSamples.Count == 0
                ? null
                : new HeartRateSummary(
                    heartRate?.Average ?? (heartRateSamples.Count > 0 ? heartRateSamples.Average(s => s.Value) : null),
                    heartRate?.Maximum ?? (heartRateSamples.Count > 0 ? heartRateSamples.Max(s => s.Value) : null),
                    heartRateSamples),
            DistanceSamples = distanceSamples,
            PowerSamples = Query(kinds.Power, draft),
            CadenceSamples = kinds.Cadence is { } cadence ? Query(cadence, draft) : [],
            SpeedSamples = Query(kinds.Speed, draft),
            Route = route,
            Laps = draft.Parts.Count > 0
                ? draft.Parts.Select(p => new WorkoutLap(p.Start, p.End, LapKind.Part)).ToList()
                : laps.Count > 0 && !isSwim ? laps : NonOverlapping(segments),
            Segments = segments,
            Parts = draft.Parts,
            SwimLengths = isSwim
                ? draft.Events.Where(e => e.Type == "HKWorkoutEventTypeLap").OrderBy(e => e.Date)
                    .Select(e => new SwimLength(e.Date, e.Date + e.Duration, e.Stroke ?? SwimStroke.Unknown)).ToList()
                : [],
            SwimLocation = Metadata(draft, "HKSwimmingLocationType") switch { "1" => SwimLocation.Pool, "2" => SwimLocation.OpenWater, _ => SwimLocation.Unknown },
            PoolLengthMeters = Length(draft, "HKLapLength", Ignored),
            IsPoolLengthInYards = InYards(draft, "HKLapLength"),
            Source = draft.Source,
            SourceVersion = draft.SourceVersion,
            Device = DeviceDescription.Parse(draft.DeviceDescription),
            Defects = defects,
        };
    }

    private static (SampleKind Distance, SampleKind Power, SampleKind? Cadence, SampleKind Speed) KindsFor(SportCategory category, string shortName) =>
        category switch
        {
            SportCategory.Cycling => (SampleKind.DistanceCycling, SampleKind.CyclingPower, SampleKind.CyclingCadence, SampleKind.CyclingSpeed),
            SportCategory.Swimming => (SampleKind.DistanceSwimming, SampleKind.RunningPower, null, SampleKind.RunningSpeed),
            _ when shortName.StartsWith("Wheelchair", StringComparison.Ordinal) => (SampleKind.DistanceWheelchair, SampleKind.RunningPower, null, SampleKind.RunningSpeed),
            _ => (SampleKind.DistanceWalkingRunning, SampleKind.RunningPower, null, SampleKind.RunningSpeed),
        };

    private List<QuantitySample> Query(SampleKind kind, WorkoutDraft draft) =>
        _samples?.Query(kind, draft.Start, draft.End, draft.Source) ?? [];

    /// <summary>
    /// The workout's distance and its distance series. The rule: a total comes from the workout itself (its
    /// WorkoutStatistics, else its totalDistance attribute). Samples may give a total only for a sport whose
    /// recording measures distance (walks, hikes, runs, rides, swims, wheelchair pushes) and only when the
    /// workout's own source wrote them. Any other device's samples, such as the iPhone pedometer counting the phone in a
    /// pocket during a 70-minute yoga session (571 m), may fill the series of a workout that has a total of its own
    /// (the FIT writer scales the series to it), and are dropped otherwise, since a series alone becomes a total
    /// in the FIT file. Sports without distance (yoga, strength, HIIT, rowing...) get no distance samples at all:
    /// even their own watch counts background steps as distance.
    /// </summary>
    private (double? Total, List<QuantitySample> Series) DistanceFromSamples(SportCategory category, string shortName, SampleKind kind, double? own, WorkoutDraft draft)
    {
        var measuresDistance = category is SportCategory.Cycling or SportCategory.Running or SportCategory.WalksHikes or SportCategory.Swimming
            || shortName.StartsWith("Wheelchair", StringComparison.Ordinal);
        if (!measuresDistance || _samples is null)
        {
            return (own, []);
        }

        var mine = _samples.Query(kind, draft.Start, draft.End, draft.Source, onlyPreferred: true);
        if (mine.Count > 0)
        {
            return (own ?? mine.Sum(s => s.Value), mine);
        }

        return own is null ? (null, []) : (own, Query(kind, draft));
    }

    private static double? Distance(WorkoutDraft draft, SampleKind kind)
    {
        var wanted = DistancePrefix + kind.ToString()["Distance".Length..];
        return (draft.Statistics.Find(s => s.Type == wanted) ?? draft.Statistics.Find(s => s.Type.StartsWith(DistancePrefix, StringComparison.Ordinal)))?.Sum;
    }

    private static string? Metadata(WorkoutDraft draft, string key) => draft.Metadata.GetValueOrDefault(key)?.Trim();

    private static double? Length(WorkoutDraft draft, string key, Action<string> problem)
    {
        var text = Metadata(draft, key);
        if (text is null)
        {
            return null;
        }

        if (Units.TryParseLength(text, out var meters))
        {
            return meters;
        }

        problem($"{key} \"{text}\" is not a length; ignored");
        return null;
    }

    /// <summary>True when the metadata length is written in yards ("25 yd"), as a yard pool's HKLapLength is.</summary>
    private static bool InYards(WorkoutDraft draft, string key) =>
        Units.TrySplitQuantity(Metadata(draft, key), out _, out var unit) && unit.SequenceEqual("yd");

    private static string? TimeZone(WorkoutDraft draft, Action<string> problem)
    {
        var id = Metadata(draft, "HKTimeZone");
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
        {
            return id;
        }

        problem($"HKTimeZone \"{id}\" is not a known time zone; the default zone will be used");
        return null;
    }

    /// <summary>Pairs each Pause (or MotionPaused) with the next Resume (or MotionResumed); a pause never resumed lasts to the end.</summary>
    private static List<TimeInterval> Pauses(WorkoutDraft draft)
    {
        var pauses = new List<TimeInterval>();
        DateTimeOffset? pausedAt = null;
        foreach (var e in draft.Events.OrderBy(e => e.Date))
        {
            switch (e.Type)
            {
                case "HKWorkoutEventTypePause" or "HKWorkoutEventTypeMotionPaused":
                    pausedAt ??= e.Date;
                    break;
                case "HKWorkoutEventTypeResume" or "HKWorkoutEventTypeMotionResumed" when pausedAt is { } from:
                    AddClamped(pauses, from, e.Date, draft);
                    pausedAt = null;
                    break;
            }
        }

        if (pausedAt is { } open)
        {
            AddClamped(pauses, open, draft.End, draft);
        }

        return pauses;
    }

    private static void AddClamped(List<TimeInterval> pauses, DateTimeOffset from, DateTimeOffset to, WorkoutDraft draft)
    {
        from = from < draft.Start ? draft.Start : from;
        to = to > draft.End ? draft.End : to;
        if (to > from)
        {
            pauses.Add(new TimeInterval(from, to));
        }
    }

    private static List<WorkoutLap> Events(WorkoutDraft draft, string type, LapKind kind) =>
        draft.Events.Where(e => e.Type == type).OrderBy(e => e.Date).Select(e => new WorkoutLap(e.Date, e.Date + e.Duration, kind)).ToList();

    /// <summary>Keeps the first of overlapping segments: kilometre and mile splits are written side by side.</summary>
    private static List<WorkoutLap> NonOverlapping(List<WorkoutLap> segments)
    {
        var chosen = new List<WorkoutLap>();
        foreach (var segment in segments)
        {
            // Apple rounds event dates to the second, so a split may start up to a second before the last one ended.
            if (chosen.Count == 0 || segment.Start >= chosen[^1].End - TimeSpan.FromSeconds(1))
            {
                chosen.Add(segment);
            }
        }

        return chosen;
    }

    /// <summary>
    /// Joins the inline route and the route files. A file that cannot be read is both a problem to list and a
    /// defect the workout carries: sent without it, the workout would be complete in the service's eyes and the
    /// route could never arrive from a later, intact export.
    /// </summary>
    private List<RoutePoint> Route(WorkoutDraft draft, Action<ReadProblemKind, string> problem, List<WorkoutDefect> defects)
    {
        void Unreadable(string file, string why)
        {
            var detail = $"route file {_source.DescribeRoute(file)} {why}";
            defects.Add(new WorkoutDefect(WorkoutDefectKind.RouteUnreadable, detail));
            problem(ReadProblemKind.RouteUnreadable, $"{detail}; the workout is kept without that part of its route");
        }

        var points = new List<RoutePoint>(draft.InlineRoute);
        foreach (var file in draft.RouteFiles)
        {
            var before = points.Count;
            try
            {
                using var gpx = _source.OpenRoute(file);
                GpxRouteReader.Read(gpx, points);
            }
            catch (RouteFileException ex)
            {
                points.RemoveRange(before, points.Count - before);
                Unreadable(file, ex.Message);
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // Half a file is not kept: the workout is marked as lacking this route, whole.
                points.RemoveRange(before, points.Count - before);
                Unreadable(file, $"cannot be read ({ex.Message})");
            }
        }

        // A route recorded at another time (seen in real exports) would put no position on the workout: say so.
        if (points.Count > 0 && !points.Any(p => p.Time >= draft.Start - RouteSlack && p.Time <= draft.End + RouteSlack))
        {
            problem(ReadProblemKind.RouteOutsideWorkout, $"its route ({points.Count} points, {points[0].Time:yyyy-MM-dd HH:mm}Z to {points[^1].Time:yyyy-MM-dd HH:mm}Z) has no point within the workout's time; the route is kept but will show nothing");
        }

        // Split routes and several segments are joined in time order (a stable sort keeps duplicate timestamps in
        // file order). Most routes are one file in order already: checking is cheaper than sorting a copy.
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time < points[i - 1].Time)
            {
                return [.. points.OrderBy(p => p.Time)];
            }
        }

        return points;
    }
}
