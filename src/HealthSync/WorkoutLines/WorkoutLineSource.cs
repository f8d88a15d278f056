using System.Runtime.CompilerServices;
using System.Text.Json;
using HealthSync.Workouts;

namespace HealthSync.WorkoutLines;

/// <summary>The workouts another process read, from its workout lines (<see cref="WorkoutLineWriter"/>), as a source.</summary>
/// <remarks>
/// One line is held at a time, as UTF-8 bytes in one buffer that grows to the longest line and is read in place (a
/// workout with a long 1 Hz route is a line of megabytes: as a string it would cost twice that, and again to parse),
/// so this side's memory is one workout whatever the size of what the other side reads. An output that stops
/// without its end line (the other process died or was killed) breaks off like a cut file.
/// </remarks>
public sealed class WorkoutLineSource : IWorkoutSource
{
    private const int MaxLineBytes = 512 * 1024 * 1024;
    private readonly Stream _lines;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _scanned;
    private int _end;
    private readonly List<SourceProblem> _problems = [];
    private long _bytesRead;
    private long _totalBytes;

    /// <summary>Reads lines from <paramref name="lines"/>; <paramref name="kind"/> and <paramref name="name"/> are those of the source the other side reads.</summary>
    public WorkoutLineSource(Stream lines, string kind, string name)
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
        while (await NextLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            number++;
            var line = Parse(text.Span, number);
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

    /// <summary>The next line's bytes (without its newline), valid until the next call; null at the end of the output.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> NextLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, _scanned + newline - _start);
                _start = _scanned = _scanned + newline + 1;
                return line;
            }

            _scanned = _end;
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                (_end, _scanned, _start) = (_end - _start, _scanned - _start, 0);
            }

            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes)
                {
                    throw new SourceReadException(Name, null, "a line of the reader's output is longer than 512 MB");
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _lines.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start)
                {
                    return null;
                }

                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _scanned = _end;
                return last;
            }

            _end += read;
        }
    }

    private WorkoutLine Parse(ReadOnlySpan<byte> text, int number)
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
