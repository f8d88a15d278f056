using System.Text;
using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>
/// The samples read so far, packed to 16 bytes each, waiting for the workouts that follow them in the file.
/// </summary>
/// <remarks>
/// Records come before Workouts in an export, so the samples must be held until their workout is read. A real
/// export holds a few million heart-rate and distance records: packed, they fit in tens of megabytes.
/// Times are seconds since 2001-01-01 (Apple's reference date) in an int, good until 2069.
/// </remarks>
internal sealed class SampleStore
{
    private const long Epoch = 978307200; // 2001-01-01T00:00:00Z in Unix seconds

    private readonly Column[] _columns = Enumerable.Range(0, SampleKinds.Count).Select(_ => new Column()).ToArray();
    private readonly Dictionary<string, ushort> _sourceIds = new(StringComparer.Ordinal);

    // Sources seen, as UTF-8, for a lookup that allocates nothing: an export has a handful of sources, interleaved.
    private readonly List<(byte[] Utf8, ushort Id)> _recentSources = [];

    private bool _sealed;

    /// <summary>Records that came after the first Workout, and so were not joined (real exports put all Records first).</summary>
    public long LateRecords { get; private set; }

    /// <summary>Whether <see cref="Seal"/> was called: no more samples are taken.</summary>
    public bool IsSealed => _sealed;

    /// <summary>Counts a record that came after the first Workout.</summary>
    public void CountLate() => LateRecords++;

    /// <summary>Samples held, for tests and the benchmark.</summary>
    public long Count => _columns.Sum(c => (long)c.Count);

    /// <summary>Returns the id of a source name given as UTF-8 (the same few names repeat millions of times).</summary>
    public ushort InternSource(ReadOnlySpan<byte> utf8)
    {
        foreach (var (known, knownId) in _recentSources)
        {
            if (utf8.SequenceEqual(known))
            {
                return knownId;
            }
        }

        var name = Encoding.UTF8.GetString(utf8);
        if (name.Contains('&', StringComparison.Ordinal))
        {
            name = System.Net.WebUtility.HtmlDecode(name);
        }

        if (!_sourceIds.TryGetValue(name, out var id))
        {
            id = (ushort)Math.Min(_sourceIds.Count, ushort.MaxValue);
            _sourceIds[name] = id;
        }

        if (_recentSources.Count < 64)
        {
            _recentSources.Add((utf8.ToArray(), id));
        }

        return id;
    }

    /// <summary>Adds a sample; times in Unix seconds, value in canonical units.</summary>
    public void Add(SampleKind kind, long startUnix, long endUnix, double value, ushort source)
    {
        if (_sealed)
        {
            throw new InvalidOperationException("The store is sealed: count late records with CountLate.");
        }

        _columns[(int)kind].Add(new PackedSample((int)(startUnix - Epoch), (int)(endUnix - Epoch), (float)value, source));
    }

    /// <summary>
    /// Sorts every column and accepts no more samples. Called at the first Workout: from then on workouts are
    /// assembled on another thread, and what each one is joined with must not depend on how far the scan has got.
    /// </summary>
    public void Seal()
    {
        if (_sealed)
        {
            return;
        }

        foreach (var column in _columns)
        {
            column.Sorted();
        }

        _sealed = true;
    }

    /// <summary>
    /// The samples of a kind that start and end inside [start, end]; only the preferred source's when it wrote any
    /// (a watch and a phone both count distance: summing both would double it), and none of another source when
    /// <paramref name="onlyPreferred"/> is set.
    /// </summary>
    public List<QuantitySample> Query(SampleKind kind, DateTimeOffset start, DateTimeOffset end, string preferredSource, bool onlyPreferred = false)
    {
        if (!_sealed)
        {
            throw new InvalidOperationException("Seal the store before querying it.");
        }

        var column = _columns[(int)kind];
        var result = new List<QuantitySample>();
        if (column.Count == 0)
        {
            return result;
        }

        var from = (int)Math.Clamp(start.ToUnixTimeSeconds() - Epoch, int.MinValue, int.MaxValue);
        var to = (int)Math.Clamp(end.ToUnixTimeSeconds() - Epoch, int.MinValue, int.MaxValue);
        var samples = column.Sorted();
        var first = LowerBound(samples, from);
        var preferred = _sourceIds.TryGetValue(preferredSource, out var id) ? id : -1;
        var anyPreferred = false;
        for (var i = first; i < samples.Length && samples[i].Start <= to; i++)
        {
            anyPreferred |= samples[i].End <= to && samples[i].Source == preferred;
        }

        for (var i = first; i < samples.Length && samples[i].Start <= to; i++)
        {
            var s = samples[i];
            if (s.End <= to && (s.Source == preferred || (!anyPreferred && !onlyPreferred)))
            {
                result.Add(new QuantitySample(DateTimeOffset.FromUnixTimeSeconds(s.Start + Epoch), DateTimeOffset.FromUnixTimeSeconds(s.End + Epoch), s.Value));
            }
        }

        return result;
    }

    private static int LowerBound(ReadOnlySpan<PackedSample> samples, int start)
    {
        int low = 0, high = samples.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (samples[mid].Start < start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private readonly record struct PackedSample(int Start, int End, float Value, ushort Source);

    /// <summary>A growable array kept sorted by start lazily: exports write each type mostly in time order.</summary>
    private sealed class Column
    {
        private PackedSample[] _items = [];
        private bool _sorted = true;

        public int Count { get; private set; }

        public void Add(PackedSample sample)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, Math.Max(1024, _items.Length * 2));
            }

            if (Count > 0 && _items[Count - 1].Start > sample.Start)
            {
                _sorted = false;
            }

            _items[Count++] = sample;
        }

        public ReadOnlySpan<PackedSample> Sorted()
        {
            if (!_sorted)
            {
                _items.AsSpan(0, Count).Sort(static (a, b) => a.Start.CompareTo(b.Start));
                _sorted = true;
            }

            return _items.AsSpan(0, Count);
        }
    }
}
