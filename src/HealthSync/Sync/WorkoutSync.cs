using System.Globalization;
using System.Runtime;
using HealthSync.Intervals;
using HealthSync.State;
using HealthSync.Workouts;
using Microsoft.Extensions.Logging;

namespace HealthSync.Sync;

/// <summary>The sync use case, for every host: reads a source into the inbox, then syncs or backfills from the inbox.</summary>
/// <remarks>
/// It owns what a host must never repeat: the one-run-at-a-time lock, opening the state (read-only or in memory for a
/// dry run), the settings, the sync boundary computed once, turning sync on at the first real run, the request
/// ledger, batches and progress. A host binds its input into a <see cref="SyncRun"/> and renders the
/// <see cref="SyncRunResult"/>.
/// </remarks>
public sealed class WorkoutSync(TimeProvider time, ILogger<IntervalsClient>? clientLog = null)
{
    /// <summary>Workouts written to the inbox per transaction while a source is read: few enough to hold (a workout with
    /// an hour's 1 Hz route is about a megabyte of objects), many enough that a transaction's cost is shared.</summary>
    private const int IntakeChunk = 8;

    private const string BackfillSinceKey = "backfill.since";

    /// <summary>The share of each request budget a backfill leaves to live work (a sync, a push's upload): a tenth.</summary>
    public const double BackfillBudgetReserve = 0.1;

    /// <summary>Runs one sync or backfill.</summary>
    /// <exception cref="SyncRunRefusedException">Another run holds the state folder.</exception>
    public async Task<SyncRunResult> RunAsync(SyncRun run, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var held = run.DryRun || run.HostHoldsLock ? null : StateLock.TryAcquire(run.StateDirectory, out var holder)
            ?? throw new SyncRunRefusedException(SyncRunRefusal.AnotherRunInProgress, holder.Describe(run.StateDirectory), holder);
        using var state = OpenState(run);
        if (run.Account is { } account)
        {
            // A dry run reads the budgets but records nothing.
            account.RequestLedger = run.DryRun ? new ReadOnlyRequestLedger(state) : state;
        }

        var now = time.GetUtcNow();
        if (!run.DryRun)
        {
            // Stored the first time it is used, so a later run on a machine in another zone (a server in UTC) keeps it.
            SyncSettings.StoreZoneOnFirstUse(state, run.MachineZone);
        }

        var settings = SyncSettings.Load(state, run.MachineZone.Id);
        DateTimeOffset? turnedOn = null;
        if (run.Mode == SyncMode.New && settings.SyncOn is null)
        {
            turnedOn = now;
            if (!run.DryRun)
            {
                SyncSettings.SetSync(state, on: true, now);
                settings = SyncSettings.Load(state, run.MachineZone.Id);
            }
        }

        var since = run.Mode == SyncMode.Backfill ? BackfillSince(state, run) : null;
        // A backfill keeps a share of each request budget for live work: the pushes of today's workouts share the key.
        var options = run.Mode == SyncMode.Backfill ? run.Account?.Reserving(BackfillBudgetReserve) : run.Account;
        using var client = options is null ? null : new IntervalsClient(options, time, clientLog);
        var result = new SyncRunResult
        {
            Report = new SyncReport([], null),
            Settings = settings,
            TurnedSyncOnAt = turnedOn,
            Since = since,
            AccountChecked = client is not null,
        };
        var readIds = new List<string>();
        var overlay = new Dictionary<string, WorkoutSummary>(StringComparer.Ordinal);
        var unusable = new Unusable(state, run.DryRun, settings.TimeZone, now);
        InboxIntake? intake = null;
        SourceReadException? broken = null;
        if (run.Source is { } source)
        {
            (intake, broken) = await ReadIntoInboxAsync(source, state, run.DryRun, readIds, overlay, unusable, progress, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                // What was read is in the inbox; the next run (with or without the export) goes on from there.
                return result with { Report = new SyncReport([], new SyncStop(SyncStopKind.Interrupted, "interrupted while reading", null)), Intake = intake };
            }
        }

        if (run.Source is not null)
        {
            // The reader's sample store and buffers (tens of MB for a multi-GB export) are garbage now. Handed back here,
            // before the upload phase that can last hours, the process peaks at what reading needs, not at that plus
            // the uploads' (measured on a 2 GB export: 167 MB without this, see README, Performance).
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        // The scope: what this run read (in the source's order), then whatever else waits in the inbox. A row an older
        // release let in that no workout can be (a start in year 1) is recorded once as unusable and left out: it
        // must not break this run's listing, nor every run after it.
        var inbox = state.InboxSummaries().Where(s => !unusable.Refuses(s.Workout, s.Workout.Source, inInbox: true)).ToList();
        var known = state.Workouts();
        var byId = inbox.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var (id, summary) in overlay)
        {
            byId[id] = summary; // a dry run's fresh read wins over an older inbox row
        }

        var scope = new List<WorkoutSummary>(readIds.Count);
        var inScope = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in readIds)
        {
            if (inScope.Add(id))
            {
                scope.Add(byId[id]);
            }
        }

        foreach (var summary in inbox)
        {
            if (!inScope.Contains(summary.Id) && !(known.TryGetValue(summary.Id, out var record) && record.Kind.IsSettled()))
            {
                scope.Add(summary);
                inScope.Add(summary.Id);
            }
        }

        var others = byId.Values.Where(s => !inScope.Contains(s.Id)).ToList();
        var request = new SyncRequest
        {
            Mode = run.Mode,
            Settings = settings,
            Boundary = run.Mode == SyncMode.New ? turnedOn ?? settings.SyncSince : settings.SyncSince ?? now,
            Since = since,
            DryRun = run.DryRun,
            BatchSize = run.BatchSize,

            ResendDeleted = settings.ResendDeleted,
            BetweenBatches = run.Mode == SyncMode.Backfill ? run.BetweenBatches : null,
        };
        var engine = new SyncEngine(state, client, time, progress);
        var report = await engine.RunAsync(scope, others, request, ids => state.InboxWorkouts(ids), cancellationToken).ConfigureAwait(false);
        if (client is not null && !engine.AskedService && report.Stop is null && !cancellationToken.IsCancellationRequested && await CheckAccountAsync(client, now, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            // Nothing needed the service, yet a wrong key, URL or athlete must not go unnoticed until the day it matters.
            report = report with { Stop = refused };
        }

        report = report with { Items = [.. report.Items, .. unusable.Items, .. RecordUnreadable(run, state, settings.TimeZone)] };
        return result with
        {
            Report = report,
            Intake = intake,
            Problems = run.Source?.Problems ?? [],
            SourceBroken = broken,
        };
    }

    /// <summary>Reads a source into the inbox only, recording what it could not read; a later run syncs it with the rest.</summary>
    /// <remarks>For a host that takes many sources in at once (a server after a burst of pushes) and then syncs them in
    /// one run: one listing per batch for all of them, instead of one run, and one listing, per source.</remarks>
    /// <exception cref="SyncRunRefusedException">Another run holds the state folder (unless the host holds the lock).</exception>
    public async Task<InboxIntake> ReadAsync(SyncRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(run.Source);
        using var held = run.HostHoldsLock ? null : StateLock.TryAcquire(run.StateDirectory, out var holder)
            ?? throw new SyncRunRefusedException(SyncRunRefusal.AnotherRunInProgress, holder.Describe(run.StateDirectory), holder);
        using var state = SyncState.Open(run.StateDirectory, time);
        var zone = SyncSettings.Load(state, run.MachineZone.Id).TimeZone;
        var (intake, _) = await ReadIntoInboxAsync(run.Source, state, dryRun: false, [], [], new Unusable(state, false, zone, time.GetUtcNow()), null, cancellationToken).ConfigureAwait(false);
        RecordUnreadable(run, state, zone);
        return intake;
    }

    /// <summary>Workouts the source could not read at all: each gets a failed outcome and history line (never in a dry run), unless already settled.</summary>
    private List<SyncItem> RecordUnreadable(SyncRun run, SyncState state, TimeZoneInfo zone)
    {
        var items = new List<SyncItem>();
        if (run.Source is null)
        {
            return items;
        }

        var known = state.Workouts();
        foreach (var problem in run.Source.Problems)
        {
            if (problem.Unreadable is not { } key || (known.TryGetValue(key.Id, out var record) && record.Kind.IsSettled()))
            {
                continue;
            }

            var workout = new Workout
            {
                Id = key.Id,
                ActivityType = key.ActivityType,
                Start = key.Start,
                End = key.End,
                Duration = key.End - key.Start,
                Source = run.Source.Name,
            };
            var outcome = Outcome.Failed(ReasonCode.Unreadable, $"{problem.Where}: {problem.Reason}");
            var reason = OutcomeText.Describe(outcome, zone);
            if (!run.DryRun)
            {
                OutcomeRecords.Write(state, workout, outcome, reason, null, time.GetUtcNow());
            }

            items.Add(new SyncItem(workout, outcome, reason));
        }

        return items;
    }

    private SyncState OpenState(SyncRun run)
    {
        if (!run.DryRun)
        {
            return SyncState.Open(run.StateDirectory, time);
        }

        // A dry run changes nothing: an existing state is opened read-only, and with none it plans on an empty one in memory.
        return File.Exists(Path.Combine(run.StateDirectory, SyncState.FileName))
            ? SyncState.OpenReadOnly(run.StateDirectory, time)
            : SyncState.InMemory(time);
    }

    /// <summary>The backfill's first day: the one given (remembered for the next backfill), else the last backfill's.</summary>
    private static DateOnly? BackfillSince(SyncState state, SyncRun run)
    {
        if (run.Since is { } given)
        {
            if (!run.DryRun)
            {
                state.SetSetting(BackfillSinceKey, given.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return given;
        }

        if (run.Source is not null)
        {
            return null; // a new export, no first day: everything it holds
        }

        return StoredBackfillSince(state);
    }

    /// <summary>The first day the last backfill was given (what a backfill from the inbox alone continues with), or null.</summary>
    public static DateOnly? StoredBackfillSince(SyncState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.GetSetting(BackfillSinceKey) is { } stored ? DateOnly.ParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>One cheap request: null when the account works, else why the run stops.</summary>
    private static async Task<SyncStop?> CheckAccountAsync(IntervalsClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var day = now.UtcDateTime.Date;
            await client.ListActivitiesAsync(day, day.AddSeconds(1), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (IntervalsException ex)
        {
            return SyncStop.From(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // As the engine does: a cancelled run ends with its report, not an exception (the server's worker, whose
            // backfill cut its own preview here, took one for a failure and stopped taking jobs).
            return SyncStop.Interrupted;
        }
    }

    /// <summary>Streams the source into the inbox in chunks (a dry run keeps summaries in memory instead); returns what it did.</summary>
    private async Task<(InboxIntake Intake, SourceReadException? Broken)> ReadIntoInboxAsync(
        IWorkoutSource source,
        SyncState state,
        bool dryRun,
        List<string> readIds,
        Dictionary<string, WorkoutSummary> overlay,
        Unusable unusable,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        int added = 0, updated = 0;
        var chunk = new List<Workout>(IntakeChunk);
        void Flush()
        {
            if (chunk.Count == 0)
            {
                return;
            }

            var replaced = new List<(WorkoutSummary Before, Workout Copy)>();
            bool Replace(WorkoutSummary before, Workout copy)
            {
                // A poorer copy (an older document read again, a damaged export) never takes a richer row's place.
                if (RicherCopy.Loses(before, copy))
                {
                    return false;
                }

                replaced.Add((before, copy));
                return true;
            }

            foreach (var change in state.PutInbox(chunk, source.Kind, source.Name, time.GetUtcNow(), Replace))
            {
                added += change == InboxChange.Added ? 1 : 0;
                updated += change == InboxChange.Updated ? 1 : 0;
            }

            if (replaced.Count > 0)
            {
                // A later copy of a workout already uploaded, with more in it: said in History, never dropped silently.
                var known = state.Workouts();
                foreach (var (before, copy) in replaced)
                {
                    RicherCopy.Record(state, known.GetValueOrDefault(copy.Id), before, copy, time.GetUtcNow());
                }
            }

            chunk.Clear();
        }

        SourceReadException? broken = null;
        try
        {
            await foreach (var workout in source.ReadWorkoutsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (unusable.Refuses(workout, source.Name))
                {
                    continue; // recorded once with its reason; never in the inbox, so no run trips on it
                }

                readIds.Add(workout.Id);
                if (dryRun)
                {
                    overlay[workout.Id] = WorkoutSummary.Of(workout);
                }
                else
                {
                    chunk.Add(workout);
                    if (chunk.Count == IntakeChunk)
                    {
                        Flush();
                    }
                }

                progress?.Report(new SyncProgress(SyncPhase.Reading, source.BytesRead, source.TotalBytes));
            }
        }
        catch (SourceReadException ex)
        {
            broken = ex; // the workouts before the break are kept and decided
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted: what was read so far is written below, so none of it needs reading again.
        }

        Flush();
        return (new InboxIntake(readIds.Count, added, updated), broken);
    }
}
