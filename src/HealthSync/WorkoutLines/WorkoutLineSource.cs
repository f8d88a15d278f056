using System.Runtime.CompilerServices;
using System.Text.Json;
using HealthSync.Workouts;

namespace HealthSync.WorkoutLines;

/// <summary>The workouts another process read, from its workout lines (<see cref="WorkoutLineWriter"/>), as a source.</summary>
/// <remarks>
/// One line is held at a time, so this side's memory is one workout whatever the size of what the other side reads.
/// An output that stops without its end line (the other process died or was killed) breaks off like a cut file.
/// </remarks>
public sealed class WorkoutLineSource : IWorkoutSource
{
    private readonly TextReader _lines;
    private readonly List<SourceProblem> _problems = [];
    private long _bytesRead;
    private long _totalBytes;

    /// <summary>Reads lines from <paramref name="lines"/>; <paramref name="kind"/> and <paramref name="name"/> are those of the source the other side reads.</summary>
    public WorkoutLineSource(TextReader lines, string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _lines = lines;
        Kind = kind;
        Name = name;
    }

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <inheritdoc />
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <inheritdoc />
    public IReadOnlyList<SourceProblem> Problems => _problems;

    /// <inheritdoc />
    public async IAsyncEnumerable<Workout> ReadWorkoutsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var number = 0;
        while (await _lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            number++;
            var line = Parse(text, number);
            if (line.Workout is { } workout)
            {
                yield return workout;
            }
            else if (line.Progress is { } progress)
            {
                Interlocked.Exchange(ref _totalBytes, progress.Total);
                Interlocked.Exchange(ref _bytesRead, progress.Read);
            }
            else if (line.Problem is { } problem)
            {
                _problems.Add(new SourceProblem(problem.Where, problem.Reason) { IsDamage = problem.Damage, Unreadable = problem.Unreadable });
            }
            else if (line.Broken is { } broken)
            {
                throw new SourceReadException(broken.File, broken.Place, broken.Problem);
            }
            else if (line.End is not null)
            {
                yield break;
            }
        }

        throw new SourceReadException(Name, null, "the reader stopped before the end of the file (it was stopped, or ran out of memory); nothing after this point was read");
    }

    private WorkoutLine Parse(string text, int number)
    {
        try
        {
            return JsonSerializer.Deserialize(text, WorkoutLineJson.Default.WorkoutLine)
                ?? throw new SourceReadException(Name, $"line {number} of the reader's output", "an empty line");
        }
        catch (JsonException ex)
        {
            throw new SourceReadException(Name, $"line {number} of the reader's output", "not a workout line: " + ex.Message, ex);
        }
    }
}
