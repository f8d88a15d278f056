using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

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
    private readonly int _bufferSize;

    private readonly (byte[]? Unit, double? Factor)[] _unitCache = new (byte[]?, double?)[SampleKinds.Count];
    private byte[] _buffer = [];
    private int _position;
    private int _end;
    private bool _endOfInput;

    // Lines are counted lazily, each byte once: up to _lineMark (an index into the buffer) there are _lines newlines.
    private long _lines;
    private int _lineMark;

    public HealthDataScanner(ExportSource source, SampleStore? samples, int bufferSize)
    {
        _source = source;
        _samples = samples;
        _bufferSize = bufferSize;
    }

    /// <summary>Records of a joined type skipped because a date or number in them could not be read.</summary>
    public long UnreadableRecords { get; private set; }

    /// <summary>Where the first unreadable record is, and why.</summary>
    public ReadProblem? FirstUnreadableRecord { get; private set; }

    /// <summary>Whether the document's root element was seen.</summary>
    public bool SawRoot { get; private set; }

    /// <summary>Reads the document, yielding Workout elements as they come; samples go to the store.</summary>
    public async IAsyncEnumerable<WorkoutElement> ReadAsync(Stream document, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
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
                    yield break;
                }
            }
        }
        finally
        {
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
        _samples?.Seal();
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
        // The attribute span keeps the white space before the first name, which Attribute() requires before a name.
        if (_samples is not null)
        {
            ReadRecord(span[7..tagEnd]);
        }

        _position += tagEnd + 1;
        return StepResult.Continue;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs for every element of a multi-GB file, once per process
    private void ReadRecord(ReadOnlySpan<byte> attributes)
    {
        // Attributes are looked up in the order Apple writes them, each search starting where the last one ended
        // (any other order still works, from the start): one pass over the tag instead of one per attribute.
        var cursor = 0;

        // The type is decided first: most Records are of types not joined to workouts.
        if (!SampleKinds.TryRecognize(Attribute(attributes, "type="u8, ref cursor), out var kind))
        {
            return;
        }

        // After the first Workout the store is read by other threads: it takes nothing more.
        if (_samples!.IsSealed)
        {
            _samples.CountLate();
            return;
        }

        var source = Attribute(attributes, "sourceName="u8, ref cursor);
        var unit = Attribute(attributes, "unit="u8, ref cursor);
        var start = Attribute(attributes, "startDate="u8, ref cursor);
        var end = Attribute(attributes, "endDate="u8, ref cursor);
        var value = Attribute(attributes, "value="u8, ref cursor);
        if (!HealthDate.TryParseUnixSeconds(start, out var startUnix) || !HealthDate.TryParseUnixSeconds(end, out var endUnix))
        {
            Unreadable($"a {kind} record's date is not a date (\"{Encoding.UTF8.GetString(start)}\")");
            return;
        }

        var factor = UnitFactor(kind, unit);
        if (!FastNumber.TryParse(value, out var number) || factor is null)
        {
            Unreadable($"a {kind} record's value \"{Encoding.UTF8.GetString(value)}\" in unit \"{Encoding.UTF8.GetString(unit)}\" is not a number in a known unit");
            return;
        }

        _samples.Add(kind, startUnix, endUnix, number * factor.Value, _samples.InternSource(source));
    }

    /// <summary>The attribute's value, searched from <paramref name="cursor"/> and then, if need be, from the start; moves the cursor past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<byte> Attribute(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> nameEquals, ref int cursor)
    {
        var found = Attribute(attributes, nameEquals, cursor, out var end);
        if (found < 0 && cursor > 0)
        {
            found = Attribute(attributes, nameEquals, 0, out end);
        }

        if (found < 0)
        {
            return default;
        }

        cursor = end;
        return attributes[found..end];
    }

    /// <summary>
    /// Finds `name=` followed by a quoted value at or after <paramref name="from"/>: the name must follow white space
    /// and the value may be in either quote. Values are escaped XML, so this cannot start inside another value.
    /// Returns the value's start (and its end in <paramref name="end"/>), or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Attribute(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> nameEquals, int from, out int end)
    {
        end = 0;
        while (true)
        {
            var at = attributes[from..].IndexOf(nameEquals);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            from = at + nameEquals.Length;
            if (at == 0 || attributes[at - 1] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                continue; // the tail of a longer name
            }

            var quote = from;
            while (quote < attributes.Length && attributes[quote] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                quote++;
            }

            if (quote >= attributes.Length || attributes[quote] is not ((byte)'"' or (byte)'\''))
            {
                continue;
            }

            var close = attributes[(quote + 1)..].IndexOf(attributes[quote]);
            if (close < 0)
            {
                return -1;
            }

            end = quote + 1 + close;
            return quote + 1;
        }
    }

    /// <summary>The unit factor, remembered per kind: a type's records nearly always share one unit.</summary>
    private double? UnitFactor(SampleKind kind, ReadOnlySpan<byte> unit)
    {
        ref var cached = ref _unitCache[(int)kind];
        if (cached.Unit is not null && unit.SequenceEqual(cached.Unit))
        {
            return cached.Factor;
        }

        Span<char> chars = stackalloc char[16];
        if (unit.Length > chars.Length || !Encoding.UTF8.TryGetChars(unit, chars, out var length))
        {
            return null;
        }

        var factor = SampleKinds.Factor(kind, chars[..length]);
        cached = (unit.ToArray(), factor);
        return factor;
    }

    private void Unreadable(string reason)
    {
        UnreadableRecords++;
        FirstUnreadableRecord ??= new ReadProblem($"{_source.DocumentName}, line {LineAt(_position)}", reason);
    }
}
