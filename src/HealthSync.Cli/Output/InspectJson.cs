using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthSync.Sync;
using HealthSync.Workouts;

namespace HealthSync.Cli.Output;

/// <summary>The `inspect --json` document: the contract scripts rely on. Add fields; never rename or remove them.</summary>
internal sealed record InspectDocument(IReadOnlyList<WorkoutJson> Workouts, IReadOnlyList<ProblemJson> Problems);

/// <summary>One problem: where and why.</summary>
internal sealed record ProblemJson(string Where, string Reason)
{
    /// <summary>A run's read problems, and the break that stopped its source early, if any.</summary>
    public static IReadOnlyList<ProblemJson> From(SyncRunResult result)
    {
        var problems = result.Problems.Select(p => new ProblemJson(p.Where, p.Reason)).ToList();
        if (result.SourceBroken is { } broken)
        {
            problems.Add(new ProblemJson(broken.Place is null ? broken.File : $"{broken.File}, {broken.Place}", broken.Problem + "; the workouts after the break were not read"));
        }

        return problems;
    }
}

/// <summary>Heart rate summary; <see cref="Samples"/> is the number of samples joined to the workout.</summary>
internal sealed record HeartRateJson(double? Average, double? Maximum, int Samples);

/// <summary>One workout as `inspect --json` shows it. Counts stand in for lists (route points, laps).</summary>
internal sealed record WorkoutJson(
    string Id,
    string ActivityType,
    string Category,
    string Start,
    string End,
    string? TimeZone,
    bool? Indoor,
    string Source,
    string? Device,
    double DurationSeconds,
    double ElapsedSeconds,
    double PauseSeconds,
    double? DistanceMeters,
    double? EnergyKilocalories,
    double? ElevationGainMeters,
    HeartRateJson? HeartRate,
    int RoutePoints,
    int Laps,
    int Segments,
    int Parts,
    int SwimLengths,
    string? SwimLocation,
    double? PoolLengthMeters)
{
    /// <summary>Projects a workout; numbers are rounded so output stays stable and readable.</summary>
    public static WorkoutJson From(Workout w) => new(
        w.Id,
        w.ActivityType,
        w.Category.ToId(),
        Instant(w.Start),
        Instant(w.End),
        w.TimeZoneId,
        w.Indoor,
        w.Source,
        w.Device?.Name,
        Round(w.Duration.TotalSeconds, 3),
        Round(w.Elapsed.TotalSeconds, 3),
        Round(w.PausedTime.TotalSeconds, 3),
        Round(w.DistanceMeters, 2),
        Round(w.EnergyKilocalories, 3),
        Round(w.ElevationGainMeters, 2),
        w.HeartRate is { } hr ? new HeartRateJson(Round(hr.Average, 2), Round(hr.Maximum, 2), hr.Samples.Count) : null,
        w.Route.Count,
        w.Laps.Count,
        w.Segments.Count,
        w.Parts.Count,
        w.SwimLengths.Count,
        w.SwimLocation switch { Workouts.SwimLocation.Pool => "pool", Workouts.SwimLocation.OpenWater => "open-water", _ => null },
        Round(w.PoolLengthMeters, 2))
    {
        Name = SportTable.DisplayName(w),
    };

    /// <summary>The activity's name as a person reads it ("Outdoor Walk", "Pool Swim").</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>UTC, ISO 8601 with 'Z'.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static double Round(double value, int digits) => Math.Round(value, digits);

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}

/// <summary>Source-generated JSON for the command line's documents: camelCase, nulls written, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(InspectDocument))]
[JsonSerializable(typeof(SyncDocument))]
[JsonSerializable(typeof(List<HistoryJson>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>The context the commands use: non-ASCII text (source names, "›") is written as is, not \u-escaped.</summary>
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
