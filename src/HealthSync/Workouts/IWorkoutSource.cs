namespace HealthSync.Workouts;

/// <summary>A source of workouts (the Health app's export, a Health Auto Export document, ...): read once, in order.</summary>
/// <remarks>
/// The sync never knows which source it reads: every source yields the same normalized <see cref="Workout"/>, and the
/// run writes each one into the inbox as it arrives, so a source of any size is read in bounded memory.
/// </remarks>
public interface IWorkoutSource
{
    /// <summary>What kind of source this is, stored with each inbox row ("apple-health-export", "health-auto-export").</summary>
    string Kind { get; }

    /// <summary>The file or document being read, for messages.</summary>
    string Name { get; }

    /// <summary>Size of the input in bytes, for progress (0 when unknown).</summary>
    long TotalBytes { get; }

    /// <summary>Input bytes consumed so far, for progress.</summary>
    long BytesRead { get; }

    /// <summary>What could not be read so far, each with where it was; the rest was read.</summary>
    IReadOnlyList<SourceProblem> Problems { get; }

    /// <summary>Reads the workouts in the source's order.</summary>
    /// <exception cref="SourceReadException">The source breaks off; thrown after the workouts before the break.</exception>
    IAsyncEnumerable<Workout> ReadWorkoutsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Something a source could not read, with where it was.</summary>
/// <param name="Where">File and place, e.g. "export.zip › apple_health_export/export.xml, line 270".</param>
/// <param name="Reason">What was wrong and what the reader did about it.</param>
public sealed record SourceProblem(string Where, string Reason)
{
    /// <summary>True when a workout is missing or incomplete because the source is damaged (a fresh export may fix it): a run that meets one must not end as a success.</summary>
    public bool IsDamage { get; init; }

    /// <summary>A workout that could not be read at all, with what could still be read of it: the run records it as failed.</summary>
    public WorkoutKey? Unreadable { get; init; }
}

/// <summary>What identifies a workout (its type, start and end): all a source may still read of one it could not read whole, enough for a history line.</summary>
/// <param name="ActivityType">The HKWorkoutActivityType name.</param>
/// <param name="Start">The start instant.</param>
/// <param name="End">The end instant.</param>
public sealed record WorkoutKey(string ActivityType, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The id the workout would have had.</summary>
    public string Id => WorkoutId.Create(ActivityType, Start, End);
}

/// <summary>A source cannot be read (any further): not the expected format, truncated, damaged.</summary>
public class SourceReadException : Exception
{
    /// <summary>Creates the error from its three parts.</summary>
    public SourceReadException(string file, string? place, string problem, Exception? inner = null)
        : base(place is null ? $"{file}: {problem}" : $"{file}, {place}: {problem}", inner)
    {
        File = file;
        Place = place;
        Problem = problem;
    }

    /// <summary>The file (and entry) that could not be read.</summary>
    public string File { get; }

    /// <summary>Where in it (line or entry), when known.</summary>
    public string? Place { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
