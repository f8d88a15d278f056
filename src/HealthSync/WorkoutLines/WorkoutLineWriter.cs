using System.Text.Json;
using HealthSync.Workouts;

namespace HealthSync.WorkoutLines;

/// <summary>Writes a source's workouts as workout lines (<see cref="WorkoutLine"/>): what `healthsync inspect --lines` prints.</summary>
public static class WorkoutLineWriter
{
    /// <summary>Every workout, then the source's problems, then the end (or where it broke off).</summary>
    /// <returns>How the source ended: read whole, read with damage, or broken off.</returns>
    public static async Task<WorkoutLinesEnd> WriteAsync(IWorkoutSource source, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        LineBroken? broken = null;
        try
        {
            await foreach (var workout in source.ReadWorkoutsAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteAsync(output, new WorkoutLine { Workout = workout }).ConfigureAwait(false);
                await WriteAsync(output, new WorkoutLine { Progress = new LineProgress(source.BytesRead, source.TotalBytes) }).ConfigureAwait(false);
                count++;
            }
        }
        catch (SourceReadException ex)
        {
            broken = new LineBroken(ex.File, ex.Place, ex.Problem);
        }

        await WriteAsync(output, new WorkoutLine { Progress = new LineProgress(source.BytesRead, source.TotalBytes) }).ConfigureAwait(false);
        foreach (var problem in source.Problems)
        {
            await WriteAsync(output, new WorkoutLine { Problem = new LineProblem(problem.Where, problem.Reason, problem.IsDamage, problem.Unreadable) }).ConfigureAwait(false);
        }

        await WriteAsync(output, broken is null ? new WorkoutLine { End = new LineEnd(count) } : new WorkoutLine { Broken = broken }).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return broken is not null ? (count == 0 ? WorkoutLinesEnd.Unreadable : WorkoutLinesEnd.BrokenOff)
            : source.Problems.Any(p => p.IsDamage) ? WorkoutLinesEnd.Damaged : WorkoutLinesEnd.Whole;
    }

    /// <summary>A source that could not even be opened: its one line says why.</summary>
    public static async Task WriteUnreadableAsync(SourceReadException error, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(output);
        await WriteAsync(output, new WorkoutLine { Broken = new LineBroken(error.File, error.Place, error.Problem) }).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteAsync(TextWriter output, WorkoutLine line) =>
        output.WriteLineAsync(JsonSerializer.Serialize(line, WorkoutLineJson.Default.WorkoutLine));
}

/// <summary>How a source written as workout lines ended.</summary>
public enum WorkoutLinesEnd
{
    /// <summary>Read whole.</summary>
    Whole,

    /// <summary>Read to its end, but some workouts or routes were lost to damage.</summary>
    Damaged,

    /// <summary>Broke off after some workouts.</summary>
    BrokenOff,

    /// <summary>Broke off before any workout: not a source this reader knows.</summary>
    Unreadable,
}
