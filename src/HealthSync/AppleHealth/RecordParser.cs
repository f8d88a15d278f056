using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace HealthSync.AppleHealth;

/// <summary>
/// Parses the Records worth joining (dates, value, unit, source) on a thread of its own and adds them to the
/// <see cref="SampleStore"/>: the scanner only copies their start tags into batches, so on two cores scanning and
/// parsing overlap instead of adding up. The store has one writer, this thread, until <see cref="Finish"/>.
/// </summary>
internal sealed class RecordParser : IDisposable
{
    private const int BatchBytes = 256 * 1024;
    private const int Batches = 4;

    private readonly SampleStore _store;
    private readonly string _documentName;
    private readonly BlockingCollection<Batch> _full = new(Batches - 2);
    private readonly BlockingCollection<Batch> _free = new(Batches);
    private readonly CancellationTokenSource _failed = new();
    private readonly (byte[]? Unit, double? Factor)[] _unitCache = new (byte[]?, double?)[SampleKinds.Count];
    private readonly Task _worker;
    private Batch _current;
    private bool _finished;

    public RecordParser(SampleStore store, string documentName)
    {
        _store = store;
        _documentName = documentName;
        for (var i = 0; i < Batches; i++)
        {
            _free.Add(new Batch());
        }

        _current = _free.Take();
        _worker = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Records of a joined type skipped because a date or number in them could not be read.</summary>
    public long UnreadableRecords { get; private set; }

    /// <summary>Where the first unreadable record is, and why.</summary>
    public ReadProblem? FirstUnreadableRecord { get; private set; }

    /// <summary>Copies a Record's attributes (already known to be of <paramref name="kind"/>) for the parser thread.</summary>
    public void Enqueue(ReadOnlySpan<byte> attributes, SampleKind kind, int cursor, long line)
    {
        if (!_current.TryAdd(attributes, kind, cursor, line))
        {
            Hand(_current);
            _current = _free.Take(_failed.Token);
            if (!_current.TryAdd(attributes, kind, cursor, line))
            {
                // A start tag larger than a batch: it gets one of its own.
                Hand(Batch.Single(attributes, kind, cursor, line));
            }
        }
    }

    /// <summary>Waits until every record handed over is in the store; after this the store may be sealed.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_current.Count > 0)
        {
            Hand(_current);
        }

        _full.CompleteAdding();
        _worker.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            _full.CompleteAdding();
            _worker.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        }

        _failed.Dispose();
        _full.Dispose();
        _free.Dispose();
    }

    private void Hand(Batch batch)
    {
        try
        {
            _full.Add(batch, _failed.Token);
        }
        catch (OperationCanceledException)
        {
            _worker.GetAwaiter().GetResult(); // the worker failed: surface its error
            throw;
        }
    }

    private void Work()
    {
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var item = ref batch.Items[i];
                    Parse(batch.Data.AsSpan(item.Offset, item.Length), item.Kind, item.Cursor, item.Line);
                }

                if (!batch.IsSingle)
                {
                    batch.Clear();
                    _free.Add(batch);
                }
            }
        }
        catch
        {
            _failed.Cancel();
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: runs for millions of records, once per process
    private void Parse(ReadOnlySpan<byte> attributes, SampleKind kind, int cursor, long line)
    {
        // Attributes are looked up in the order Apple writes them, each from where the last one ended.
        var source = StartTag.Attribute(attributes, "sourceName="u8, ref cursor);
        var unit = StartTag.Attribute(attributes, "unit="u8, ref cursor);
        var start = StartTag.Attribute(attributes, "startDate="u8, ref cursor);
        var end = StartTag.Attribute(attributes, "endDate="u8, ref cursor);
        var value = StartTag.Attribute(attributes, "value="u8, ref cursor);
        if (!HealthDate.TryParseUnixSeconds(start, out var startUnix) || !HealthDate.TryParseUnixSeconds(end, out var endUnix))
        {
            Unreadable(line, $"a {kind} record's date is not a date (\"{Encoding.UTF8.GetString(start)}\")");
            return;
        }

        var factor = UnitFactor(kind, unit);
        if (!FastNumber.TryParse(value, out var number) || factor is null)
        {
            Unreadable(line, $"a {kind} record's value \"{Encoding.UTF8.GetString(value)}\" in unit \"{Encoding.UTF8.GetString(unit)}\" is not a number in a known unit");
            return;
        }

        _store.Add(kind, startUnix, endUnix, number * factor.Value, _store.InternSource(source));
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

    private void Unreadable(long line, string reason)
    {
        UnreadableRecords++;
        FirstUnreadableRecord ??= new ReadProblem($"{_documentName}, line {line}", reason, ReadProblemKind.RecordsSkipped);
    }

    private readonly record struct Item(int Offset, int Length, SampleKind Kind, int Cursor, long Line);

    /// <summary>Copied start tags and where each lies, reused from batch to batch.</summary>
    private sealed class Batch
    {
        public byte[] Data { get; private init; } = new byte[BatchBytes];

        public Item[] Items { get; private init; } = new Item[BatchBytes / 128];

        public int Count { get; private set; }

        public bool IsSingle { get; private init; }

        private int Used { get; set; }

        public static Batch Single(ReadOnlySpan<byte> attributes, SampleKind kind, int cursor, long line)
        {
            var batch = new Batch { Data = attributes.ToArray(), Items = new Item[1], IsSingle = true };
            batch.Items[0] = new Item(0, attributes.Length, kind, cursor, line);
            batch.Count = 1;
            return batch;
        }

        public bool TryAdd(ReadOnlySpan<byte> attributes, SampleKind kind, int cursor, long line)
        {
            if (Count == Items.Length || Used + attributes.Length > Data.Length)
            {
                return false;
            }

            attributes.CopyTo(Data.AsSpan(Used));
            Items[Count++] = new Item(Used, attributes.Length, kind, cursor, line);
            Used += attributes.Length;
            return true;
        }

        public void Clear()
        {
            Count = 0;
            Used = 0;
        }
    }
}
