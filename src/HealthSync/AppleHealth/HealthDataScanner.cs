using System.Buffers;
using System.Runtime.CompilerServices;

namespace HealthSync.AppleHealth;

/// <summary>A Workout element's bytes, cut out of the document, and the line it starts on.</summary>
internal readonly record struct WorkoutElement(byte[] Xml, long Line);

/// <summary>
/// One forward pass over the HealthData document's bytes: keeps the samples of the Records worth joining and
/// cuts out each Workout element for <see cref="WorkoutElementParser"/>.
/// </summary>
/// <remarks>
/// A general XML reader spends its time on the millions of Records this pass skips in a few instructions each,
/// which is what makes the reader several times faster than an XmlReader pass. It understands exactly what an
/// export holds: a prologue, a DTD (skipped unread: the v12 one is not well-formed), comments, and elements
/// whose attributes are double-quoted. Workout elements, which need real XML handling, go to XmlReader.
/// </remarks>
internal sealed class HealthDataScanner
{
    private const byte VerticalTab = 0x0B;

    private readonly ExportSource _source;
    private readonly SampleStore? _samples;
    private RecordParser? _records;
    private readonly int _bufferSize;
    private readonly int _maxElementBytes;

    private byte[] _buffer = [];
    private int _position;
    private int _end;
    private bool _endOfInput;

    // Lines are counted lazily, each byte once: up to _lineMark (an index into the buffer) there are _lines newlines.
    private long _lines;
    private int _lineMark;

    public HealthDataScanner(ExportSource source, SampleStore? samples, int bufferSize, int maxElementBytes = int.MaxValue)
    {
        _source = source;
        _samples = samples;
        _bufferSize = bufferSize;
        _maxElementBytes = maxElementBytes;
    }

    /// <summary>Waits for the records handed to the parser, then seals the store (idempotent).</summary>
    private void FinishSamples()
    {
        if (_samples is null || _samples.IsSealed)
        {
            return;
        }

        _records!.Finish();
        _samples.Seal();
    }

    /// <summary>Records of a joined type skipped because a date or number in them could not be read.</summary>
    public long UnreadableRecords => _records?.UnreadableRecords ?? 0;

    /// <summary>Where the first unreadable record is, and why.</summary>
    public ReadProblem? FirstUnreadableRecord => _records?.FirstUnreadableRecord;

    /// <summary>Whether the document's root element was seen.</summary>
    public bool SawRoot { get; private set; }

    /// <summary>Reads the document, yielding Workout elements as they come; samples go to the store.</summary>
    public async IAsyncEnumerable<WorkoutElement> ReadAsync(Stream document, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        _records = _samples is null ? null : new RecordParser(_samples, _source.DocumentName);
        try
        {
            while (true)
            {
                var lt = _buffer.AsSpan(_position, _end - _position).IndexOf((byte)'<');
                if (lt < 0)
                {
                    _position = _end;
                    if (!Fill(document, cancellationToken))
                    {
                        throw Truncated("the file ends before the HealthData element is closed");
                    }

                    continue;
                }

                _position += lt;
                var step = Step(out var workout);
                if (step == StepResult.NeedMore)
                {
                    if (!Fill(document, cancellationToken))
                    {
                        throw Truncated(SawRoot ? "the file ends in the middle of an element" : "the file ends before any HealthData element");
                    }

                    continue;
                }

                if (workout is { } element)
                {
                    yield return element;
                }

                if (step == StepResult.RootClosed)
                {
                    FinishSamples();
                    yield break;
                }
            }
        }
        finally
        {
            _records?.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>The 1-based line of a buffer index.</summary>
    private long LineAt(int index)
    {
        if (index > _lineMark)
        {
            _lines += _buffer.AsSpan(_lineMark, index - _lineMark).Count((byte)'\n');
            _lineMark = index;
        }

        return _lines + 1 - (index < _lineMark ? _buffer.AsSpan(index, _lineMark - index).Count((byte)'\n') : 0);
    }

    private ExportReadException Truncated(string what) =>
        new(_source.DocumentName, $"line {LineAt(_position)}", $"{what}: the export is truncated");

    /// <summary>Moves the unread bytes to the front, grows the buffer if one element fills it, and reads more.</summary>
    private bool Fill(Stream document, CancellationToken cancellationToken)
    {
        if (_endOfInput)
        {
            return false;
        }

        LineAt(_position);
        var keep = _end - _position;
        if (_position == 0 && keep == _buffer.Length)
        {
            if (_buffer.Length >= _maxElementBytes)
            {
                throw new ExportReadException(_source.DocumentName, $"line {LineAt(0)}",
                    $"an element is longer than {_maxElementBytes >> 20} MB, far more than any real one: the export is damaged");
            }

            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, keep).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_position > 0)
        {
            _buffer.AsSpan(_position, keep).CopyTo(_buffer);
        }

        _lineMark -= _position;
        _position = 0;
        _end = keep;

        try
        {
            while (_end < _buffer.Length)
            {
                // Synchronous on purpose: the input is a local file, and async reads through DeflateStream hop to the
                // thread pool for every 8 KB of compressed input, which made the whole pass several times slower.
                cancellationToken.ThrowIfCancellationRequested();
                var read = document.Read(_buffer.AsSpan(_end));
                if (read == 0)
                {
                    _endOfInput = true;
                    break;
                }

                _end += read;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ExportReadException(_source.DocumentName, $"line {LineAt(_end)}", $"the compressed data is damaged ({ex.Message}): the export is truncated or corrupt", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new ExportReadException(_source.DocumentName, $"line {LineAt(_end)}", $"reading failed ({ex.Message})", ex);
        }

        return _end > keep;
    }

    private enum StepResult
    {
        Continue,
        NeedMore,
        RootClosed,
    }

    /// <summary>Handles the markup at _position (a '&lt;').</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs for every element of a multi-GB file, once per process
    private StepResult Step(out WorkoutElement? workout)
    {
        workout = null;
        var span = _buffer.AsSpan(_position, _end - _position);
        if (span.Length < 12 && !_endOfInput)
        {
            return StepResult.NeedMore;
        }

        if (span.Length < 2)
        {
            return StepResult.NeedMore;
        }

        switch (span[1])
        {
            case (byte)'?':
                return SkipPast(span, "?>"u8);
            case (byte)'!':
                if (span.StartsWith("<!--"u8))
                {
                    return SkipPast(span, "-->"u8);
                }

                if (span.StartsWith("<![CDATA["u8))
                {
                    return SkipPast(span, "]]>"u8);
                }

                return SkipDoctype(span);
            case (byte)'/':
                if (span.StartsWith("</HealthData"u8))
                {
                    _position += 2;
                    return StepResult.RootClosed;
                }

                return SkipPast(span, ">"u8);
        }

        if (IsElement(span, "Record"u8))
        {
            return Record(span);
        }

        if (IsElement(span, "Workout"u8))
        {
            return Workout(span, out workout);
        }

        if (IsElement(span, "HealthData"u8))
        {
            SawRoot = true;
        }

        var tagEnd = FindTagEnd(span);
        if (tagEnd < 0)
        {
            return StepResult.NeedMore;
        }

        _position += tagEnd + 1;
        return StepResult.Continue;
    }

    private static bool IsElement(ReadOnlySpan<byte> span, ReadOnlySpan<byte> name) =>
        span.Length > name.Length + 1 && span[1..].StartsWith(name) && span[name.Length + 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/';

    private StepResult SkipPast(ReadOnlySpan<byte> span, ReadOnlySpan<byte> terminator)
    {
        var at = span[2..].IndexOf(terminator);
        if (at < 0)
        {
            return StepResult.NeedMore;
        }

        _position += 2 + at + terminator.Length;
        return StepResult.Continue;
    }

    /// <summary>Skips &lt;!DOCTYPE ...&gt; with its internal subset, without reading it (the v12 one is broken).</summary>
    private StepResult SkipDoctype(ReadOnlySpan<byte> span)
    {
        var bracketOrEnd = span.IndexOfAny((byte)'[', (byte)'>');
        if (bracketOrEnd < 0)
        {
            return StepResult.NeedMore;
        }

        if (span[bracketOrEnd] == '>')
        {
            _position += bracketOrEnd + 1;
            return StepResult.Continue;
        }

        var close = span[bracketOrEnd..].IndexOf("]>"u8);
        if (close < 0)
        {
            return StepResult.NeedMore;
        }

        _position += bracketOrEnd + close + 2;
        return StepResult.Continue;
    }

    /// <summary>The index of the '&gt;' that ends the start tag at the front of span, or -1 when it is not in the buffer yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs for every element of a multi-GB file, once per process
    private static int FindTagEnd(ReadOnlySpan<byte> span)
    {
        var from = 0;
        while (true)
        {
            var gt = span[from..].IndexOf((byte)'>');
            if (gt < 0)
            {
                return -1;
            }

            gt += from;

            // A '>' inside a quoted value leaves an odd number of quotes before it (Apple escapes it, others may not).
            if ((span[..gt].Count((byte)'"') & 1) == 0)
            {
                return gt;
            }

            from = gt + 1;
        }
    }

    private StepResult Workout(ReadOnlySpan<byte> span, out WorkoutElement? workout)
    {
        workout = null;
        var tagEnd = FindTagEnd(span);
        if (tagEnd < 0)
        {
            return StepResult.NeedMore;
        }

        int length;
        if (span[tagEnd - 1] == '/')
        {
            length = tagEnd + 1;
        }
        else
        {
            var close = span[tagEnd..].IndexOf("</Workout>"u8);
            if (close < 0)
            {
                return StepResult.NeedMore;
            }

            length = tagEnd + close + "</Workout>"u8.Length;
        }

        // Workouts follow the Records: the samples are complete, and are frozen for the workouts' assembly.
        FinishSamples();
        var xml = span[..length].ToArray();

        // A literal vertical tab has been seen in real exports; it is illegal XML and XmlReader rejects it.
        xml.AsSpan().Replace(VerticalTab, (byte)' ');
        workout = new WorkoutElement(xml, LineAt(_position));
        _position += length;
        return StepResult.Continue;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs for every element of a multi-GB file, once per process
    private StepResult Record(ReadOnlySpan<byte> span)
    {
        var tagEnd = FindTagEnd(span);
        if (tagEnd < 0)
        {
            return StepResult.NeedMore;
        }

        // Children (MetadataEntry, HeartRateVariabilityMetadataList) and </Record> are skipped as generic markup.
        // The attribute span keeps the white space before the first name, which StartTag requires before a name.
        // Only the type is read here, since most Records are of types not joined: the others are parsed on the
        // RecordParser's thread, so that scanning and parsing share the two cores.
        if (_records is not null)
        {
            var attributes = span[7..tagEnd];
            var cursor = 0;
            if (SampleKinds.TryRecognize(StartTag.Attribute(attributes, "type="u8, ref cursor), out var kind))
            {
                if (_samples!.IsSealed)
                {
                    _samples.CountLate(); // after the first Workout: not joined, only counted
                }
                else
                {
                    _records.Enqueue(attributes, kind, cursor, LineAt(_position));
                }
            }
        }

        _position += tagEnd + 1;
        return StepResult.Continue;
    }

}
