using System.Text.Json;
using HealthSync.Workouts;
using static HealthSync.HealthAutoExport.HaeJson;

namespace HealthSync.HealthAutoExport;

/// <summary>Turns one HAE workout object (v1 or v2) into the normalized <see cref="Workout"/> the export reader yields.</summary>
internal sealed class HaeWorkoutReader(ActivityNameMatcher names, bool readRoutes)
{
    /// <summary>What a workout's own data does not name: the app that pushed it.</summary>
    public const string DefaultSource = "Health Auto Export";

    /// <summary>The workout, or null (with a problem) when it cannot be read or its name maps to no type.</summary>
    public Workout? Read(JsonElement json, string where, List<HealthAutoExportProblem> problems)
    {
        if (Identify(json, where, problems) is not { } header)
        {
            return null;
        }

        try
        {
            return Build(json, where, header, problems);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException or InvalidOperationException or FormatException or UnusableValueException)
        {
            // Reading is per workout and total: one absurd value skips this workout (recorded as failed with the
            // reason), never the rest of the document or the documents after it.
            var reason = ex is UnusableValueException ? ex.Message : "a value is out of range (" + ex.Message.TrimEnd('.') + ")";
            problems.Add(new(HealthAutoExportProblemCode.UnreadableWorkout, where, $"workout {header.Id} (\"{header.Name}\", {header.Start:yyyy-MM-dd HH:mm}Z) cannot be used: {reason}; skipped")
            {
                ActivityName = header.Name,
                Start = header.Start,
                Key = new WorkoutKey(header.Match.ActivityType, header.Start, header.End),
            });
            return null;
        }
    }

    private Workout Build(JsonElement json, string where, WorkoutHeader header, List<HealthAutoExportProblem> problems)
    {
        var (name, start, end, match, id) = header;
        var zone = WorkoutZone.FixedOffsetId(header.Offset);
        void Partly(string reason) => problems.Add(new(HealthAutoExportProblemCode.PartlyRead, where, $"workout {id} (\"{name}\", {start:yyyy-MM-dd HH:mm}Z): {reason}"));

        var place = Place(json, match);
        var category = SportCategories.Of(match.ActivityType);
        var series = new HaeSeries(start, end, Partly);
        var heartRate = series.HeartRate(json);
        return new Workout
        {
            Id = id,
            ActivityType = match.ActivityType,
            Indoor = Bool(Prop(json, "isIndoor")) ?? place switch
            {
                WorkoutPlace.Indoor => true,
                WorkoutPlace.Outdoor => false,
                _ => null,
            },
            Start = start,
            End = end,
            TimeZoneId = zone, // the phone's offset at the start: the local time the user saw
            Duration = Duration(json, end - start, Partly),
            DistanceMeters = Convert(Quantity(Prop(json, "distance")), HaeUnits.Metres, "distance", Partly),
            EnergyKilocalories = Energy(json, Partly),
            ElevationGainMeters = Elevation(json, Partly),
            HeartRate = heartRate,
            DistanceSamples = series.Samples(json, DistanceSeries(category), HaeUnits.Metres),
            PowerSamples = series.Samples(json, "cyclingPower", Watts),
            CadenceSamples = series.Samples(json, "cyclingCadence", PerMinute),
            SpeedSamples = series.Samples(json, "cyclingSpeed", HaeUnits.MetresPerSecond),
            Route = readRoutes ? series.Route(json) : [],
            SwimLocation = place switch
            {
                WorkoutPlace.Pool => SwimLocation.Pool,
                WorkoutPlace.OpenWater => SwimLocation.OpenWater,
                _ => SwimLocation.Unknown,
            },
            PoolLengthMeters = Convert(Quantity(Prop(json, "lapLength")), HaeUnits.Metres, "lapLength", Partly),
            IsPoolLengthInYards = Quantity(Prop(json, "lapLength"))?.Units?.Trim() == "yd",
            Source = HaeSeries.SourceName(json) ?? DefaultSource,
        };
    }

    /// <summary>
    /// What names a workout: its type, start and end (whole seconds) and so its id; null (with a problem) when it
    /// cannot be read or its name maps to no type. The push answer counts with this alone, without the series.
    /// </summary>
    public WorkoutHeader? Identify(JsonElement json, string where, List<HealthAutoExportProblem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(HealthAutoExportProblemCode.UnreadableWorkout, where, $"a workout is a JSON object, not {json.ValueKind}; skipped"));
            return null;
        }

        var name = Text(Prop(json, "name"));
        var healthKitId = Text(Prop(json, "id"));
        var startText = Text(Prop(json, "start"));
        var endText = Text(Prop(json, "end"));
        if (!HaeDate.TryParse(startText, out var start, out var offset) || !HaeDate.TryParse(endText, out var end) || end < start)
        {
            problems.Add(new(HealthAutoExportProblemCode.UnreadableWorkout, where, $"workout \"{name}\" has no readable start and end (\"{startText}\", \"{endText}\"); skipped")
            {
                ActivityName = name,
                HealthKitId = healthKitId,
            });
            return null;
        }

        // The export writes whole seconds, and the id hashes whole seconds: a pushed workout keeps the exported one's id.
        start = DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds());
        end = DateTimeOffset.FromUnixTimeSeconds(end.ToUnixTimeSeconds());
        if (names.Match(name) is not { } match)
        {
            var language = ActivityNameMatcher.GuessLanguage(name);
            var said = language is null ? "" : $" ({language})";
            problems.Add(new(HealthAutoExportProblemCode.UnknownActivityName, where, $"workout \"{name}\"{said} at {start:yyyy-MM-dd HH:mm}Z: the name maps to no activity type; not read until the name is mapped")
            {
                ActivityName = name,
                Language = language,
                HealthKitId = healthKitId,
                Start = start,
            });
            return null;
        }

        return new WorkoutHeader(name, start, end, match, WorkoutId.Create(match.ActivityType, start, end)) { Offset = offset };
    }

    /// <summary>The `location` field first (it is the workout's own), then what the name implies.</summary>
    private static WorkoutPlace Place(JsonElement json, ActivityNameMatch match) =>
        ActivityNameMatcher.PlaceOf(Text(Prop(json, "location"))) is var place and not WorkoutPlace.Unspecified ? place : match.Place;

    private static string DistanceSeries(SportCategory category) => category switch
    {
        SportCategory.Cycling => "cyclingDistance",
        SportCategory.Swimming => "swimDistance",
        _ => "walkingAndRunningDistance",
    };

    private static double? Watts(string? unit) => unit is null or "W" or "w" or "watts" ? 1 : null;

    private static double? PerMinute(string? unit) => unit is null or "count/min" or "rpm" or "spm" ? 1 : null;

    private static TimeSpan Duration(JsonElement json, TimeSpan elapsed, Action<string> partly)
    {
        if (Quantity(Prop(json, "duration")) is not { } duration)
        {
            return elapsed;
        }

        if (HaeUnits.Seconds(duration.Units) is not { } factor || duration.Value < 0)
        {
            partly($"duration {duration.Value} \"{duration.Units}\" is not a duration; the elapsed time is used");
            return elapsed;
        }

        var seconds = duration.Value * factor;
        if (!(seconds <= WorkoutSanity.MaxDuration.TotalSeconds))
        {
            throw new UnusableValueException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"its duration of {seconds:G4} s is over {WorkoutSanity.MaxDuration.TotalDays:0} days"));
        }

        return TimeSpan.FromSeconds(Math.Round(seconds, 3));
    }

    /// <summary>v2: `activeEnergyBurned` (a quantity; `activeEnergy` is then a series). v1: `activeEnergy` is the quantity.</summary>
    private static double? Energy(JsonElement json, Action<string> partly)
    {
        var quantity = Quantity(Prop(json, "activeEnergyBurned")) ?? Quantity(Prop(json, "activeEnergy"));
        return Convert(quantity, HaeUnits.Kilocalories, "active energy", partly);
    }

    /// <summary>v2: `elevationUp`; v1: `elevation` {"ascent", "descent", "units"}.</summary>
    private static double? Elevation(JsonElement json, Action<string> partly)
    {
        if (Quantity(Prop(json, "elevationUp")) is { } up)
        {
            return Convert(up, HaeUnits.Metres, "elevationUp", partly);
        }

        return Prop(json, "elevation") is { } elevation && Number(Prop(elevation, "ascent")) is { } ascent
            ? Convert((ascent, Text(Prop(elevation, "units"))), HaeUnits.Metres, "elevation", partly)
            : null;
    }

    private static double? Convert((double Value, string? Units)? quantity, Func<string?, double?> factorOf, string what, Action<string> partly)
    {
        if (quantity is not { } q)
        {
            return null;
        }

        if (factorOf(q.Units) is { } factor)
        {
            return q.Value * factor;
        }

        partly($"{what} {q.Value} has the unknown unit \"{q.Units}\"; left out");
        return null;
    }
}

/// <summary>A value no workout can have (a duration of 1e300 s): the workout is skipped with this message as the reason.</summary>
internal sealed class UnusableValueException(string message) : Exception(message);

/// <summary>What names a HAE workout: its name as sent, start and end in whole seconds, the type its name maps to, and its id.</summary>
internal sealed record WorkoutHeader(string? Name, DateTimeOffset Start, DateTimeOffset End, ActivityNameMatch Match, string Id)
{
    /// <summary>The UTC offset the phone wrote beside the start: its local time's.</summary>
    public TimeSpan Offset { get; init; }
}
