using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using System.Xml;
using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>An Apple Health export (export.zip, export.xml or the extracted folder), read as a stream of workouts.</summary>
/// <remarks>
/// One forward pass in bounded memory: Records are reduced to packed samples as they stream by, and each Workout
/// is yielded as soon as it is read, with the samples that fall inside it. What cannot be read is listed in
/// <see cref="Problems"/> and the rest is read; a document that breaks off throws <see cref="ExportReadException"/>
/// after the workouts before the break have been yielded.
/// </remarks>
public sealed class AppleHealthExport : IWorkoutSource, IDisposable
{
    private readonly ExportSource _source;
    private readonly ExportReaderOptions _options;
    private readonly List<ReadProblem> _problems = [];

    private AppleHealthExport(ExportSource source, ExportReaderOptions options)
    {
        _source = source;
        _options = options;
    }

    /// <summary>The document being read, for messages ("export.zip › apple_health_export/export.xml").</summary>
    public string DocumentName => _source.DocumentName;

    /// <summary>Size of the input in bytes (compressed size for a zip), for progress.</summary>
    public long TotalBytes => _source.TotalBytes;

    /// <summary>Input bytes consumed so far, for progress.</summary>
    public long BytesRead => _source.BytesRead;

    /// <summary>What could not be read so far, each with where it was.</summary>
    public IReadOnlyList<ReadProblem> Problems => _problems;

    /// <summary>The <see cref="IWorkoutSource.Kind"/> of this source.</summary>
    public const string SourceKind = "apple-health-export";

    /// <inheritdoc />
    public string Kind => SourceKind;

    /// <inheritdoc />
    string IWorkoutSource.Name => DocumentName;

    /// <inheritdoc />
    IReadOnlyList<SourceProblem> IWorkoutSource.Problems => [.. _problems.Select(p => new SourceProblem(p.Where, p.Reason)
    {
        IsDamage = p.Kind.MeansDamage(),
        Unreadable = p.Workout is { ActivityType: { } type, Start: { } start, End: { } end } ? new WorkoutKey(type, start, end) : null,
    })];

    /// <summary>Opens an export and finds its HealthData document.</summary>
    /// <exception cref="ExportReadException">The path is missing, not a zip or XML, or holds no HealthData document.</exception>
    public static AppleHealthExport Open(string path, ExportReaderOptions? options = null) =>
        new(ExportSource.Open(path), options ?? new ExportReaderOptions());

    /// <summary>Reads the workouts in file order.</summary>
    /// <exception cref="ExportReadException">The document is truncated or damaged; thrown after the workouts before the break.</exception>
    public async IAsyncEnumerable<Workout> ReadWorkoutsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _problems.Clear();
        if (_source.Damage is { } damage)
        {
            _problems.Add(damage);
        }

        var samples = _options.ReadSamples ? new SampleStore() : null;
        var scanner = new HealthDataScanner(_source, samples, _options.BufferSize, _options.MaxElementBytes);
        var assembler = new WorkoutAssembler(_source, samples, _options.ReadRoutes);
        // Three stages overlap: inflating (ReadAheadStream), scanning (a task filling the channel), and parsing and
        // assembling each workout with its samples and route files (here). Order is kept: the channel is a queue.
        using var document = new ReadAheadStream(_source.OpenDocument());
        var elements = Channel.CreateBounded<WorkoutElement>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var scan = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var element in scanner.ReadAsync(document, stop.Token).ConfigureAwait(false))
                    {
                        await elements.Writer.WriteAsync(element, stop.Token).ConfigureAwait(false);
                    }

                    elements.Writer.Complete();
                }
                catch (Exception ex)
                {
                    elements.Writer.Complete(ex);
                }
            },
            stop.Token);

        // Workouts come after the Records, and their route files are the main work then: up to AssemblersInFlight
        // are assembled at once, on both cores, and yielded in file order.
        var assembling = new Queue<Task<Assembled>>();
        ExceptionDispatchInfo? failure = null;
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await elements.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The document broke off: the workouts before the break are still yielded, then the error.
                    failure = ExceptionDispatchInfo.Capture(ex);
                    break;
                }

                if (!more)
                {
                    break;
                }

                while (elements.Reader.TryRead(out var element))
                {
                    assembling.Enqueue(Task.Run(() => Assemble(assembler, element), cancellationToken));
                    while (assembling.Count >= AssemblersInFlight)
                    {
                        if (Take(await assembling.Dequeue().ConfigureAwait(false)) is { } workout)
                        {
                            yield return workout;
                        }
                    }
                }
            }

            while (assembling.Count > 0)
            {
                if (Take(await assembling.Dequeue().ConfigureAwait(false)) is { } workout)
                {
                    yield return workout;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await scan.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var pending in assembling)
            {
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        failure?.Throw();

        if (!scanner.SawRoot)
        {
            throw new ExportReadException(_source.DocumentName, null, "no HealthData element: this is not an Apple Health export");
        }

        if (samples is { LateRecords: > 0 })
        {
            _problems.Add(new ReadProblem(_source.DocumentName, $"{samples.LateRecords} sample record(s) come after the first Workout and were not joined to any workout", ReadProblemKind.LateRecords));
        }

        if (scanner.FirstUnreadableRecord is { } first)
        {
            _problems.Add(first with { Reason = $"{scanner.UnreadableRecords} sample record(s) skipped; the first: {first.Reason}" });
        }
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();

    private const int AssemblersInFlight = 4;

    /// <summary>Parses and assembles one workout; its problems stay with it so that they are listed in file order.</summary>
    private Assembled Assemble(WorkoutAssembler assembler, WorkoutElement element)
    {
        var where = $"{_source.DocumentName}, line {element.Line}";
        var problems = new List<ReadProblem>();
        try
        {
            return new Assembled(assembler.Assemble(WorkoutElementParser.Parse(element.Xml), where, problems), problems);
        }
        catch (Exception ex) when (ex is FormatException or XmlException or OverflowException or ArgumentException)
        {
            // One unreadable workout is a problem to list, never the end of the run.
            var partial = WorkoutElementParser.ReadLeniently(element.Xml);
            problems.Add(new ReadProblem(where, $"Workout skipped: {ex.Message}", ReadProblemKind.WorkoutUnreadable)
            {
                Workout = partial,
                WorkoutId = partial is { ActivityType: { } type, Start: { } start, End: { } end } ? WorkoutId.Create(type, start, end) : null,
            });
            return new Assembled(null, problems);
        }
    }

    private Workout? Take(Assembled assembled)
    {
        _problems.AddRange(assembled.Problems);
        return assembled.Workout;
    }

    private sealed record Assembled(Workout? Workout, List<ReadProblem> Problems);
}
