using System.Runtime.CompilerServices;
using System.Text.Json;
using HealthSync.Workouts;

namespace HealthSync.HealthAutoExport;

/// <summary>A Health Auto Export JSON document (`{"data": {"workouts": [...]}}`, v1 or v2 workouts), read as a stream of workouts.</summary>
/// <remarks>
/// The document is read into one buffer (HAE documents are megabytes: 3.5 MB for a 105-minute run with a 1 Hz route),
/// then walked with a forward JSON reader; each workout is parsed over its slice of that buffer and converted, so the
/// peak is the buffer plus one workout's index and its <see cref="Workout"/>. A workout that cannot be read, or whose
/// name maps to no type, is listed in <see cref="Issues"/> and the rest are read; a document that is not well-formed
/// throws <see cref="SourceReadException"/> (with its line and byte) after the workouts before the fault.
/// </remarks>
public sealed class HealthAutoExportDocument : IWorkoutSource, IDisposable
{
    /// <summary>The <see cref="IWorkoutSource.Kind"/> of this source.</summary>
    public const string SourceKind = "health-auto-export";

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly HaeWorkoutReader _reader;
    private readonly List<HealthAutoExportProblem> _issues = [];
    private long _bytesRead;

    /// <summary>Reads a document from a stream; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ArgumentException">A user activity mapping names an unknown type.</exception>
    public HealthAutoExportDocument(Stream stream, string name, HealthAutoExportOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options ??= new HealthAutoExportOptions();
        _stream = stream;
        _leaveOpen = leaveOpen;
        Name = name;
        _reader = new HaeWorkoutReader(new ActivityNameMatcher(options.ExtraActivityNames), options.ReadRoutes);
    }

    /// <inheritdoc />
    public string Kind => SourceKind;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public long TotalBytes => _stream.CanSeek ? _stream.Length : 0;

    /// <inheritdoc />
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>What could not be read, each with its code, where it was, and for unknown names the name and its language.</summary>
    public IReadOnlyList<HealthAutoExportProblem> Issues => _issues;

    /// <inheritdoc />
    public IReadOnlyList<SourceProblem> Problems => [.. _issues.Select(p => p.ToSourceProblem())];

    /// <summary>Whether <paramref name="path"/> is a Health Auto Export JSON document (rather than the Health app's export): a .json file, or one whose first byte past white space is '{'.</summary>
    public static bool IsDocument(string path)
    {
        if (!File.Exists(path))
        {
            return false; // a folder or a missing path: the export reader says what is wrong
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            // export.xml starts with '<' and a zip with "PK": one byte tells them from JSON.
            using var file = File.OpenRead(path);
            int b;
            while ((b = file.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
            {
            }

            return b == '{';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Opens a document file.</summary>
    /// <exception cref="SourceReadException">The file cannot be opened.</exception>
    public static HealthAutoExportDocument Open(string path, HealthAutoExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new HealthAutoExportDocument(File.OpenRead(path), Path.GetFileName(path), options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SourceReadException(path, null, $"cannot be opened ({ex.Message})", ex);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Workout> ReadWorkoutsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _issues.Clear();
        var json = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (found, where) in Slices(json, Name, cancellationToken))
        {
            Workout? workout;
            using (found)
            {
                workout = _reader.Read(found.RootElement, where, _issues);
            }

            if (workout is not null)
            {
                yield return workout;
            }
        }
    }

    /// <summary>
    /// The ids of a document's workouts and what could not be read, without reading their series or routes: what the
    /// push endpoint answers with, and its check that the document is one (one pass, no workout built).
    /// </summary>
    /// <exception cref="SourceReadException">Not well-formed JSON, or not a Health Auto Export workouts document.</exception>
    /// <param name="json">The document.</param>
    /// <param name="name">Its name in messages.</param>
    /// <param name="options">The user's activity names.</param>
    /// <param name="maxWorkouts">The most workouts it may hold: past that the look stops and <see cref="HealthAutoExportIdentities.TooMany"/> says so.</param>
    public static HealthAutoExportIdentities Identify(ReadOnlyMemory<byte> json, string name, HealthAutoExportOptions? options = null, int maxWorkouts = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(name);
        var reader = new HaeWorkoutReader(new ActivityNameMatcher((options ?? new HealthAutoExportOptions()).ExtraActivityNames), readRoutes: false);
        var ids = new List<string>();
        var issues = new List<HealthAutoExportProblem>();
        var count = 0;
        foreach (var (found, where) in Slices(json, name, CancellationToken.None))
        {
            if (++count > maxWorkouts)
            {
                found.Dispose();
                return new HealthAutoExportIdentities(ids, issues) { TooMany = true };
            }

            using (found)
            {
                if (reader.Identify(found.RootElement, where, issues) is { } header)
                {
                    ids.Add(header.Id);
                }
            }
        }

        return new HealthAutoExportIdentities(ids, issues);
    }

    /// <summary>Each workout of the document as its own JSON value (to be disposed) with where it is, in order.</summary>
    private static IEnumerable<(JsonDocument Workout, string Where)> Slices(ReadOnlyMemory<byte> json, string name, CancellationToken cancellationToken)
    {
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new SourceReadException(name, null, "the document is empty");
        }

        var scanner = new WorkoutArrayScanner(json);
        for (var index = 1; ; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Next(scanner, name) is not { } found)
            {
                break;
            }

            yield return (found.Workout, $"{name}, workout {index} (line {found.Line})");
        }

        if (!scanner.SawWorkouts)
        {
            throw new SourceReadException(name, null, "no \"data\": {\"workouts\": [...]} array: this is not a Health Auto Export workouts document");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static (JsonDocument Workout, int Line)? Next(WorkoutArrayScanner scanner, string name)
    {
        try
        {
            return scanner.Next();
        }
        catch (JsonException ex)
        {
            throw new SourceReadException(name, $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}", Reason(ex.Message), ex);
        }
        catch (FormatException ex)
        {
            throw new SourceReadException(name, null, ex.Message, ex);
        }
    }

    /// <summary>The reader's message without its own "LineNumber: ..." tail, which the place already says.</summary>
    private static string Reason(string message)
    {
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return "not well-formed JSON: " + (tail > 0 ? message[..tail] : message).TrimEnd('.', ' ');
    }

    /// <summary>The whole document in one buffer, sized from the stream when it can say, grown by doubling when not.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _bytesRead, 0);
        if (_stream is MemoryStream memory && memory.TryGetBuffer(out var whole))
        {
            // A document already in memory (a stored document, a file given whole) is read where it is, not copied.
            var at = (int)Math.Min(memory.Position, whole.Count);
            memory.Position = memory.Length;
            Interlocked.Add(ref _bytesRead, whole.Count - at);
            return whole.AsMemory(at);
        }

        var remaining = _stream.CanSeek ? _stream.Length - _stream.Position : 0;
        var buffer = new byte[remaining is > 0 and < int.MaxValue ? (int)remaining + 1 : 64 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, checked(buffer.Length * 2));
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
            Interlocked.Add(ref _bytesRead, read);
        }
    }
}

/// <summary>What <see cref="HealthAutoExportDocument.Identify"/> found: the ids of the workouts it could name, and the problems of the rest.</summary>
public sealed record HealthAutoExportIdentities(IReadOnlyList<string> Ids, IReadOnlyList<HealthAutoExportProblem> Issues)
{
    /// <summary>The document holds more workouts than it may: the look stopped there, and the lists are partial.</summary>
    public bool TooMany { get; init; }
}
