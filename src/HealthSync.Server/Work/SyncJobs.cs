using System.Globalization;
using System.Threading.Channels;
using HealthSync.State;
using HealthSync.Sync;

namespace HealthSync.Server.Work;

/// <summary>The background worker: one job at a time over the state (pushed documents, Sync now, backfills), with live status.</summary>
/// <remarks>
/// A push is answered once its document is stored; this worker then reads it with the injected parser and runs
/// <see cref="WorkoutSync"/> (Mode New) so the settings decide what is uploaded. A document is marked processed only
/// after its run: a crash before that reads it again, and the inbox and the outcomes make the second read add nothing.
/// On shutdown the job in flight finishes (up to the host's shutdown timeout); what waits stays stored for the next start.
/// </remarks>
internal sealed partial class SyncJobs(ServerOptions options, ServerAccount account, ILogger<SyncJobs> log) : BackgroundService
{
    private readonly Channel<JobRequest> _requests = Channel.CreateUnbounded<JobRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _idle;
    private int _outstanding;

    /// <summary>The job running now; null when idle.</summary>
    public JobStatus? Current { get; private set; }

    /// <summary>How the last job ended; null before the first.</summary>
    public JobResult? Last { get; private set; }

    /// <summary>Why waiting documents are not being read (no account, no reader), in words; null when nothing blocks them.</summary>
    public string? Blocked { get; private set; }

    /// <summary>Completes at the next change of <see cref="Current"/> or <see cref="Last"/>.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Completes when no job runs or waits (tests wait on it instead of sleeping).</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _outstanding == 0 ? Task.CompletedTask : (_idle ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Asks for the stored documents to be read and synced.</summary>
    public void ProcessDocuments() => Enqueue(new JobRequest(JobKind.Documents));

    /// <summary>Sync now: a run from the inbox (Mode New) without a new source.</summary>
    public void SyncNow() => Enqueue(new JobRequest(JobKind.SyncNow));

    /// <summary>A backfill from the inbox alone (a re-send of an older workout), from <paramref name="since"/> on (null: as the last backfill).</summary>
    public void BackfillFromInbox(DateOnly? since) => Enqueue(new JobRequest(JobKind.BackfillInbox, Since: since));

    /// <summary>
    /// Backfills every workout the server holds that ended before sync was turned on (the web twin of `healthsync
    /// backfill` without an export); remembered in the state, so a restart (or a spent budget) goes on with it.
    /// </summary>
    public void BackfillHeld()
    {
        using (var state = SyncState.Open(options.StateDirectory, options.Time))
        {
            state.SetSetting(BackfillHeldKey, "on");
        }

        Enqueue(new JobRequest(JobKind.BackfillHeld));
    }

    /// <summary>The setting that says a backfill of what the server holds is under way ("on"), empty when none.</summary>
    public const string BackfillHeldKey = "server.backfill.held";

    /// <summary>Backfill from an uploaded file; remembered in the state, so a restart goes on with it.</summary>
    public void Backfill(string file)
    {
        using (var state = SyncState.Open(options.StateDirectory, options.Time))
        {
            state.SetSetting(BackfillFileKey, file);
        }

        Enqueue(new JobRequest(JobKind.Backfill, file));
    }

    /// <summary>The setting that holds the backfill in progress (the uploaded file's path), empty when none.</summary>
    public const string BackfillFileKey = "server.backfill.file";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Queued before the loop starts (which runs on its own thread), so WhenIdle() right after start waits for them.
        // Whatever a crash, a kill or a stop left: documents not read, and workouts read but not yet decided (a kill
        // between the read and the upload run), sent now with no push or Sync now needed.
        Enqueue(new JobRequest(JobKind.Documents, Resume: true));
        Uploads.DeletePartial(options.StateDirectory); // uploads a crash cut: nothing can resume them
        using (var state = SyncState.Open(options.StateDirectory, options.Time))
        {
            if (account.Stored() is not null)
            {
                // An account connected by a release that turned sync on at the first run instead: on from this start
                // (not from the login's date, which may be months back: the phone's first range would upload weeks
                // no one chose to backfill).
                SyncSettings.TurnOnAtConnection(state, options.Time.GetUtcNow());
            }

            if (state.GetSetting(BackfillFileKey) is { Length: > 0 } file && File.Exists(file))
            {
                Enqueue(new JobRequest(JobKind.Backfill, file)); // a backfill the last stop cut: it goes on
            }

            if (state.GetSetting(BackfillHeldKey) == "on")
            {
                Enqueue(new JobRequest(JobKind.BackfillHeld));
            }
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout cuts the job in flight; until then it finishes.
        await using var cut = cancellationToken.Register(() => _abort.Cancel());
        _requests.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RunAsync(request, stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // one failed job must not stop the worker; it is logged and the next job runs
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    LogJobFailed(log, ex);
                    Finish(new JobResult(Title(request.Kind), "stopped by an error: " + ex.Message, options.Time.GetUtcNow()));
                }
                finally
                {
                    Done();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the documents not yet read stay stored for the next start.
        }
    }

    private void Enqueue(JobRequest request)
    {
        lock (_gate)
        {
            _outstanding++;
        }

        if (!_requests.Writer.TryWrite(request))
        {
            Done();
        }
    }

    private void Done()
    {
        lock (_gate)
        {
            if (--_outstanding == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }
    }

    private async Task RunAsync(JobRequest request, CancellationToken stoppingToken)
    {
        if (request.Kind == JobKind.Preview)
        {
            await PreviewAsync(request.File!).ConfigureAwait(false); // a dry run: no account needed
            return;
        }

        var intervals = account.Resolve();
        if (intervals is null)
        {
            Blocked = "No Intervals.icu account is connected: pushed workouts are stored and wait until you add your API key.";
            Notify();
            return;
        }

        Blocked = null;
        if (request.Kind == JobKind.SyncNow)
        {
            var result = await SyncAsync(Title(request.Kind), null, intervals).ConfigureAwait(false);
            Finish(new JobResult(Title(request.Kind), Summarize(result), options.Time.GetUtcNow()));
            return;
        }

        if (request.Kind == JobKind.BackfillInbox)
        {
            var result = await SyncAsync(Title(request.Kind), null, intervals, SyncMode.Backfill, request.Since).ConfigureAwait(false);
            Finish(new JobResult(Title(request.Kind), Summarize(result), options.Time.GetUtcNow()));
            return;
        }

        if (request.Kind == JobKind.BackfillHeld)
        {
            // As `healthsync backfill` without an export: from the first day the last backfill was given, else all.
            var result = await SyncAsync(Title(request.Kind), null, intervals, SyncMode.Backfill).ConfigureAwait(false);
            if (result.Report.Stop is not { Kind: SyncStopKind.Interrupted or SyncStopKind.BudgetSpent })
            {
                using var state = SyncState.Open(options.StateDirectory, options.Time);
                state.SetSetting(BackfillHeldKey, string.Empty);
            }

            Finish(new JobResult(Title(request.Kind), Summarize(result), options.Time.GetUtcNow()));
            return;
        }

        if (request.Kind == JobKind.Backfill)
        {
            await BackfillAsync(request.File!, intervals).ConfigureAwait(false);
            return;
        }

        if (options.Parser is not { } parser)
        {
            Blocked = "This server has no Health Auto Export reader: pushed documents are stored and wait for one.";
            Notify();
            return;
        }

        // Every waiting document is read into the inbox first, then one sync sends them all: a burst of pushes costs
        // one listing per batch, not one run (and one listing) per document, and a new workout never waits behind it.
        // A stop lets the document in flight finish (the abort cuts it, and it is read again at the next start).
        DocumentsRead read;
        try
        {
            // The status page shows the read as it goes: a large document takes seconds, a burst of them longer.
            var reading = new StatusProgress(this, "Reading pushed documents", options.Time.GetUtcNow());
            read = await new StoredDocuments(options.Time).ReadWaitingAsync(Run(null, SyncMode.New, intervals), parser, _abort.Token, stoppingToken, reading).ConfigureAwait(false);
        }
        finally
        {
            Current = null;
            Notify();
        }

        PruneDocuments();
        if ((read.Documents > 0 || (request.Resume && NewWorkoutsWaiting())) && !_abort.IsCancellationRequested)
        {
            var result = await SyncAsync(Title(request.Kind), null, intervals).ConfigureAwait(false);
            Finish(new JobResult(Title(request.Kind), Summarize(result), options.Time.GetUtcNow()));
        }

        if (read.Backfilled > 0 && !_abort.IsCancellationRequested)
        {
            // A backfilled file read again (a name in it was mapped): its workouts are history, which only a backfill
            // sends, as the user asked when they backfilled it.
            BackfillFromInbox(null);
        }
    }

    private async Task BackfillAsync(string file, HealthSync.Intervals.IntervalsOptions intervals)
    {
        var title = "Backfill of " + Uploads.DisplayName(file);
        SyncRunResult? result = null;
        string summary;
        try
        {
            // Kept as a stored document, as a file given to the command line is: a workout whose name no table knows
            // goes to the Names page, and mapping the name reads the document again.
            var pushesWaiting = false;
            if (GivenDocument.Kept(file, Uploads.DisplayName(file)) is { } document)
            {
                // That run reads the waiting pushed documents too, but as a backfill it does not send new workouts.
                pushesWaiting = WaitingDocuments() > 0;
                result = await SyncAsync(title, null, intervals, SyncMode.Backfill, document: document).ConfigureAwait(false);
            }
            else
            {
                using var source = Uploads.Open(file, options, new HealthSync.HealthAutoExport.HealthAutoExportOptions());
                result = await SyncAsync(title, source.Source, intervals, SyncMode.Backfill).ConfigureAwait(false);
            }

            if (pushesWaiting || result.Report.Items.Any(i => i.Outcome.Reason == ReasonCode.EndedAfterSyncOn))
            {
                // New workouts read by this backfill (pushed, or in the file and ended after sync was turned on) are left
                // to a sync, which the server runs now instead of waiting for the next push or Sync now. (The pushed
                // documents' own jobs, queued behind this one, find nothing left to read.)
                SyncNow();
            }

            // A file the tool could not read at all breaks off before its first workout (read here, opening it throws).
            summary = result is { SourceBroken: { } broken, Intake.Read: 0 } ? "the file could not be read: " + broken.Message : Summarize(result);
        }
        catch (HealthSync.Workouts.SourceReadException ex)
        {
            summary = "the file could not be read: " + ex.Message; // not an export (read here), or no reader could start
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Never left to the worker's catch-all: the backfill setting would stay, and every start would fail again.
            summary = "the file could not be read: " + ex.Message;
        }

        if (result?.Report.Stop is not { Kind: SyncStopKind.Interrupted })
        {
            // Read into the inbox (or unreadable): the file is done with; a spent budget goes on from the inbox.
            using var state = SyncState.Open(options.StateDirectory, options.Time);
            state.SetSetting(BackfillFileKey, string.Empty);
            File.Delete(file);
        }

        Finish(new JobResult(title, Uploads.Shown(summary, file, options.StateDirectory), options.Time.GetUtcNow()));
    }

    /// <summary>Whether the inbox holds workouts a sync would decide: sync is on, and some ended after it was turned on and are not settled.</summary>
    private bool NewWorkoutsWaiting()
    {
        using var state = SyncState.Open(options.StateDirectory, options.Time);
        var settings = SyncSettings.Load(state, options.MachineZone.Id);
        return settings is { SyncOn: true, SyncSince: { } since } && state.Unsettled(since).EndedAfter > 0;
    }

    /// <summary>Read documents older than the keep-documents-days setting go: the app resends the same workouts several times a day.</summary>
    private void PruneDocuments()
    {
        using var state = SyncState.Open(options.StateDirectory, options.Time);
        var days = SyncSettings.Load(state, options.MachineZone.Id).KeepDocumentsDays;
        state.PruneDocuments(options.Time.GetUtcNow().AddDays(-days));
    }

    private int PushedWaiting()
    {
        using var state = SyncState.Open(options.StateDirectory, options.Time);
        return state.WaitingDocumentCount(HealthSync.Server.Push.PushEndpoint.DocumentKind);
    }

    private int WaitingDocuments()
    {
        using var state = SyncState.Open(options.StateDirectory, options.Time);
        return state.WaitingDocumentCount();
    }

    private async Task<SyncRunResult> SyncAsync(string title, HealthSync.Workouts.IWorkoutSource? source, HealthSync.Intervals.IntervalsOptions intervals, SyncMode mode = SyncMode.New, DateOnly? since = null, GivenDocument? document = null)
    {
        var started = options.Time.GetUtcNow();
        Current = new JobStatus(title, SyncPhase.Reading, 0, 0, started, null);
        Notify();
        var run = Run(source, mode, intervals) with { Since = since };
        try
        {
            var progress = new StatusProgress(this, title, started);
            return document is null
                ? await new WorkoutSync(options.Time).RunAsync(run, progress, _abort.Token).ConfigureAwait(false)
                : await new StoredDocuments(options.Time).RunAsync(run, document, progress, _abort.Token).ConfigureAwait(false);
        }
        finally
        {
            Current = null;
        }
    }

    private SyncRun Run(HealthSync.Workouts.IWorkoutSource? source, SyncMode mode, HealthSync.Intervals.IntervalsOptions intervals) => new()
    {
        StateDirectory = options.StateDirectory,
        Mode = mode,
        Source = source,
        Account = intervals,
        HostHoldsLock = true,
        MachineZone = options.MachineZone,
        BetweenBatches = mode == SyncMode.Backfill ? LiveFirstAsync : null,
    };

    /// <summary>
    /// Between a backfill's batches: a workout pushed meanwhile is read and sent now, not after the whole history (a
    /// 3,000-workout backfill paced within the limits takes hours). Runs on the worker's own thread, so no other job
    /// runs at the same time.
    /// </summary>
    private async Task LiveFirstAsync(CancellationToken cancellationToken)
    {
        // Pushed documents only: a file backfill's own document waits (unsettled) until that backfill ends, and a
        // backfilled document a name mapping queued again is for its own job, which queues the backfill it needs.
        if (options.Parser is not { } parser || account.Resolve() is not { } intervals || PushedWaiting() == 0)
        {
            return;
        }

        var backfill = Current;
        try
        {
            var read = await new StoredDocuments(options.Time).ReadWaitingAsync(Run(null, SyncMode.New, intervals), parser, cancellationToken, kind: HealthSync.Server.Push.PushEndpoint.DocumentKind).ConfigureAwait(false);
            if (read.Documents > 0 && !cancellationToken.IsCancellationRequested)
            {
                // The same sync as the documents job's (its progress on the Status page), then the backfill's line again.
                var result = await SyncAsync(Title(JobKind.Documents), null, intervals).ConfigureAwait(false);
                Finish(new JobResult(Title(JobKind.Documents), Summarize(result), options.Time.GetUtcNow()));
            }
        }
        finally
        {
            Current = backfill;
            Notify();
        }
    }

    private void Report(string title, DateTimeOffset started, SyncProgress progress)
    {
        TimeSpan? left = null;
        var elapsed = options.Time.GetUtcNow() - started;
        if (progress.Done > 0 && progress.Total > progress.Done && elapsed > TimeSpan.Zero)
        {
            left = elapsed * ((double)(progress.Total - progress.Done) / progress.Done);
        }

        Current = new JobStatus(title, progress.Phase, progress.Done, progress.Total, started, left);
        Notify();
    }

    private void Finish(JobResult result)
    {
        // The Status page shows it: an error's message may name a file in the state folder.
        result = result with { Summary = Uploads.Private(result.Summary, options.StateDirectory) };
        Last = result;
        LogJobDone(log, result.Title, result.Summary);
        Notify();
    }

    private void Notify()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private static string Title(JobKind kind) => kind switch
    {
        JobKind.SyncNow => "Sync now",
        JobKind.Backfill => "Backfill",
        JobKind.BackfillInbox => "Re-send",
        JobKind.BackfillHeld => "Backfill of the older workouts received",
        JobKind.Preview => "Backfill preview",
        _ => "Syncing pushed workouts",
    };

    internal static string Summarize(SyncRunResult result)
    {
        var report = result.Report;
        var words = string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Count(OutcomeKind.Uploaded)} uploaded, {report.Skipped} skipped as already there, {report.Count(OutcomeKind.Failed)} failed");
        return report.Stop is { } stop ? $"{words}; stopped: {stop.Message}" : words;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Title}: {Summary}")]
    private static partial void LogJobDone(ILogger logger, string title, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "A sync job failed")]
    private static partial void LogJobFailed(ILogger logger, Exception exception);

    private enum JobKind
    {
        Documents,
        SyncNow,
        Backfill,
        BackfillInbox,
        BackfillHeld,
        Preview,
    }

    /// <summary>A job asked for.</summary>
    /// <param name="Kind">What to do.</param>
    /// <param name="File">The uploaded file, for a backfill or preview of one.</param>
    /// <param name="Since">A re-send's first day.</param>
    /// <param name="Resume">The first job after a start: a sync also runs when no document was read but read workouts wait.</param>
    private sealed record JobRequest(JobKind Kind, string? File = null, DateOnly? Since = null, bool Resume = false);

    /// <summary>Updates the status as the run reports, on the run's own thread (no context to post to).</summary>
    private sealed class StatusProgress(SyncJobs jobs, string title, DateTimeOffset started) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => jobs.Report(title, started, value);
    }
}
