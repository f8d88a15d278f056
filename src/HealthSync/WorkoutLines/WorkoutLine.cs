using System.Text.Json.Serialization;
using HealthSync.Workouts;

namespace HealthSync.WorkoutLines;

/// <summary>One line of the workout-lines format: exactly one of its members is set.</summary>
/// <remarks>
/// The format carries a source's workouts from one process to another, one JSON object a line: the server has the
/// command-line tool (native, and short-lived) read a multi-GB export and takes the workouts from its output, so
/// the long-running server never holds what reading an export costs. The workout is the inbox's own JSON of it.
/// </remarks>
internal sealed record WorkoutLine
{
    [JsonPropertyName("workout")]
    public Workout? Workout { get; init; }

    [JsonPropertyName("progress")]
    public LineProgress? Progress { get; init; }

    [JsonPropertyName("problem")]
    public LineProblem? Problem { get; init; }

    [JsonPropertyName("broken")]
    public LineBroken? Broken { get; init; }

    /// <summary>The last line: the reader got to the end (a cut output has none).</summary>
    [JsonPropertyName("end")]
    public LineEnd? End { get; init; }
}

/// <summary>Bytes of the source read so far and its size.</summary>
internal sealed record LineProgress([property: JsonPropertyName("read")] long Read, [property: JsonPropertyName("total")] long Total);

/// <summary>A <see cref="SourceProblem"/> as a line.</summary>
internal sealed record LineProblem(
    [property: JsonPropertyName("where")] string Where,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("damage")] bool Damage,
    [property: JsonPropertyName("unreadable")] WorkoutKey? Unreadable);

/// <summary>A <see cref="SourceReadException"/> as a line: the source broke off here.</summary>
internal sealed record LineBroken(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("place")] string? Place,
    [property: JsonPropertyName("problem")] string Problem);

/// <summary>The end of the source, with how many workouts were written.</summary>
internal sealed record LineEnd([property: JsonPropertyName("workouts")] int Workouts);

[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkoutLine))]
internal sealed partial class WorkoutLineJson : JsonSerializerContext;
