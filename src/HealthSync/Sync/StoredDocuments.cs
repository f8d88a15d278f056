using HealthSync.HealthAutoExport;
using HealthSync.State;
using HealthSync.Workouts;
using Microsoft.Extensions.Logging;

namespace HealthSync.Sync;

/// <summary>A Health Auto Export document a host was given whole (a file on the command line): kept in the state, then read.</summary>
/// <param name="Name">Its name in messages and in the state (the file's name).</param>
/// <param name="Body">Its bytes, as given.</param>
public sealed record GivenDocument(string Name, byte[] Body)
{
    /// <summary>
    /// The file as a document to keep, when it is a Health Auto Export document of at most
    /// <see cref="StoredDocuments.MaxKeptBytes"/>; null for anything else (the Health app's export, a larger file), which
    /// is read as a plain source.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="name">Its name in messages and in the state.</param>
    /// <exception cref="SourceReadException">The file cannot be read.</exception>
    public static GivenDocument? Kept(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!HealthAutoExportDocument.IsDocument(path) || new FileInfo(path).Length > StoredDocuments.MaxKeptBytes)
        {
            return null;
        }

        try
        {
            return new GivenDocument(name, File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SourceReadException(path, null, $"cannot be opened ({ex.Message})", ex);
        }
    }
}

/// <summary>What reading the waiting stored documents did.</summary>
/// <param name="Documents">Documents read into the inbox and marked processed.</param>
/// <param name="Workouts">Workouts read over them.</param>
/// <param name="Added">Of those, new to the inbox.</param>
/// <param name="Cut">Cancelled: the document in flight (and the rest) still wait.</param>
public sealed record DocumentsRead(int Documents, int Workouts, int Added, bool Cut)
{
    /// <summary>Of the documents, those given to a backfill: their workouts need a backfill run to be uploaded.</summary>
    public int Backfilled { get; init; }
}

/// <summary>The stored raw documents' use case, for every host: reads the waiting ones into the inbox, and keeps a given one.</summary>
/// <remarks>
/// A document is kept raw (pushed to the server, or given to `sync`/`backfill`), so a workout whose name no table
/// knows is never lost: its name is recorded against the document (<see cref="ActivityNameMappings.RecordUnknown"/>), and
/// mapping it marks the document waiting, which the next read here takes with the mapping. A document is marked
/// processed only after its read: a read cut by cancellation (or a crash) is read again, and the inbox and the
/// outcomes make the second read add nothing.
/// </remarks>
public sealed class StoredDocuments(TimeProvider time, ILogger<HealthSync.Intervals.IntervalsClient>? clientLog = null)
{
    /// <summary>
    /// The largest file kept whole as a document (64 MB, the push limit too): the state holds it for good, and SQLite
    /// refuses a value over 1 GB. A larger file is read as a plain source: its workouts come in all the same, but one
    /// with an unknown name is only reported, not kept for a mapping.
    /// </summary>
    public const long MaxKeptBytes = 64L * 1024 * 1024;

    /// <summary>The kind the state stores a Health Auto Export document under (pushed or given).</summary>
    public const string HealthAutoExportKind = HealthAutoExportDocument.SourceKind;

    /// <summary>
    /// The kind of a document given to a backfill: its workouts are history (ended before sync was turned on), so
    /// when a mapped name has it read again, only a backfill uploads them (<see cref="DocumentsRead.Backfilled"/>).
    /// </summary>
    public const string BackfilledKind = HealthAutoExportKind + "-backfill";

    /// <summary>The real reader of a stored document's body.</summary>
    public static Func<Stream, string, HealthAutoExportOptions, IWorkoutSource> HealthAutoExportParser { get; } =
        static (body, name, options) => new HealthAutoExportDocument(body, name, options);

    /// <summary>Reads every waiting document, oldest first, into the inbox with the user's names; records their unknown names; marks each processed.</summary>
    /// <param name="run">The state folder, the lock and the machine's zone (its mode, source and account are not used).</param>
    /// <param name="parser">Turns a body into a source (<see cref="HealthAutoExportParser"/> outside tests).</param>
    /// <param name="cancellationToken">Cuts the read in flight: that document stays waiting.</param>
    /// <param name="stopTaking">No further document is started once it fires (a server stopping lets the one in flight finish).</param>
    /// <param name="progress">Documents read of those waiting at the start (phase Reading, counted in documents).</param>
    /// <param name="kind">Only documents of this kind (a server between a backfill's batches: the pushed ones, not the backfill's own); null: all.</param>
    /// <exception cref="SyncRunRefusedException">Another run holds the state folder (unless the host holds the lock).</exception>
    public async Task<DocumentsRead> ReadWaitingAsync(
        SyncRun run,
        Func<Stream, string, HealthAutoExportOptions, IWorkoutSource> parser,
        CancellationToken cancellationToken,
        CancellationToken stopTaking = default,
        IProgress<SyncProgress>? progress = null,
        string? kind = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(parser);
        using var held = Lock(run);
        int documents = 0, workouts = 0, added = 0, backfilled = 0;
        using var state = SyncState.Open(run.StateDirectory, time);
        var total = progress is null ? 0 : state.WaitingDocumentCount(kind);
        progress?.Report(new SyncProgress(SyncPhase.Reading, 0, total));
        while (!stopTaking.IsCancellationRequested && !cancellationToken.IsCancellationRequested && state.WaitingDocuments(1, kind) is [var document])
        {
            InboxIntake intake;
            using (var body = state.OpenDocument(document.Id))
            {
                var source = parser(body, document.Name, ActivityNameMappings.ReaderOptions(state));
                try
                {
                    var read = run with { Source = source, HostHoldsLock = true, DryRun = false };
                    intake = await new WorkoutSync(time, clientLog).ReadAsync(read, cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // a document no reader can finish must not wait first in line for ever: it is set aside with the error
                catch (Exception ex) when (ex is not (OperationCanceledException or IOException or Microsoft.Data.Sqlite.SqliteException))
#pragma warning restore CA1031
                {
                    // The reader is total by design (a bad workout is skipped, a broken document ends its read); this is
                    // the net for the case it misses. Kept, so a fixed release can read it again. (A full disk or a
                    // locked database is not the document's fault: those still stop here and are tried again.)
                    state.MarkDocumentProcessed(document.Id, SyncState.SetAsidePrefix + ex.Message, time.GetUtcNow());
                    documents++;
                    continue;
                }
                finally
                {
                    (source as IDisposable)?.Dispose();
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    break; // cut: read again next time
                }

                Settle(state, document.Id, source, intake);
            }

            documents++;
            progress?.Report(new SyncProgress(SyncPhase.Reading, documents, Math.Max(total, documents)));
            workouts += intake.Read;
            added += intake.Added;
            backfilled += document.Kind == BackfilledKind ? 1 : 0;
        }

        return new DocumentsRead(documents, workouts, added, cancellationToken.IsCancellationRequested) { Backfilled = backfilled };
    }

    /// <summary>
    /// A command-line run: reads the waiting documents (after a name is mapped, its workouts come in here), keeps the given
    /// document and syncs or backfills with it as the source, then records its unknown names and marks it read.
    /// </summary>
    /// <remarks>A dry run changes nothing: it reads no stored document and keeps none; the given one is only read.</remarks>
    /// <exception cref="SyncRunRefusedException">Another run holds the state folder.</exception>
    public async Task<SyncRunResult> RunAsync(SyncRun run, GivenDocument? document, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sync = new WorkoutSync(time, clientLog);
        if (run.DryRun)
        {
            using var planned = document is null ? null : Parse(document, DryRunReaderOptions(run.StateDirectory, time));
            return await sync.RunAsync(planned is null ? run : run with { Source = planned }, progress, cancellationToken).ConfigureAwait(false);
        }

        // One lock over all of it: no other run can slip in between the stored documents and the sync.
        using var held = Lock(run);
        var locked = run with { HostHoldsLock = true };
        await ReadWaitingAsync(locked, HealthAutoExportParser, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return await sync.RunAsync(locked, progress, cancellationToken).ConfigureAwait(false);
        }

        long id;
        HealthAutoExportDocument source;
        using (var state = SyncState.Open(run.StateDirectory, time))
        {
            // The same bytes given again are the same row (Resent): its unknown names are replaced, not added to.
            id = state.AddDocument(run.Mode == SyncMode.Backfill ? BackfilledKind : HealthAutoExportKind, document.Name, document.Body, time.GetUtcNow()).Id;
            source = Parse(document, ActivityNameMappings.ReaderOptions(state));
        }

        using (source)
        {
            var result = await sync.RunAsync(locked with { Source = source }, progress, cancellationToken).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested && result.Intake is { } intake)
            {
                using var state = SyncState.Open(run.StateDirectory, time);
                Settle(state, id, source, intake);
            }

            return result;
        }
    }

    /// <summary>After a whole read of a stored document: its unknown names are listed for the user, and it need not be read again.</summary>
    private void Settle(SyncState state, long documentId, IWorkoutSource source, InboxIntake intake)
    {
        var now = time.GetUtcNow();
        if (source is HealthAutoExportDocument reader)
        {
            ActivityNameMappings.RecordUnknown(state, documentId, reader.Issues, now);
        }

        state.MarkDocumentProcessed(documentId, $"{intake.Read} workout(s) read, {intake.Added} new", now);
    }

    private static HealthAutoExportDocument Parse(GivenDocument document, HealthAutoExportOptions options) =>
        new(new MemoryStream(document.Body, 0, document.Body.Length, writable: false, publiclyVisible: true), document.Name, options); // read in place

    /// <summary>The user's names for a dry run: read from an existing state without changing it; none without one.</summary>
    private static HealthAutoExportOptions DryRunReaderOptions(string stateDirectory, TimeProvider time)
    {
        if (!File.Exists(Path.Combine(stateDirectory, SyncState.FileName)))
        {
            return new HealthAutoExportOptions();
        }

        using var state = SyncState.OpenReadOnly(stateDirectory, time);
        return ActivityNameMappings.ReaderOptions(state);
    }

    private static StateLock? Lock(SyncRun run) => run.HostHoldsLock
        ? null
        : StateLock.TryAcquire(run.StateDirectory, out var holder)
            ?? throw new SyncRunRefusedException(SyncRunRefusal.AnotherRunInProgress, holder.Describe(run.StateDirectory), holder);
}
