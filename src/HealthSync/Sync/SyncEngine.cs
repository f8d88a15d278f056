using System.Security.Cryptography;
using HealthSync.Fit;
using HealthSync.Intervals;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Decides and applies one run over summaries from the inbox: selects, de-duplicates (rules 1–5), uploads in batches, records.</summary>
/// <remarks>
/// Only summaries are held for the whole run; a batch's full workouts (samples, route) are loaded from the inbox just
/// before its uploads, so memory stays flat whatever the number of workouts.
/// Kill-safety (rule 5): a pending row is written before each upload is sent, and outcomes are written in one
/// transaction with the removal of that row. Every candidate not known as done locally is looked up by
/// <c>external_id</c> in Intervals.icu before it is uploaded, so an upload that reached the service before the
/// process died is found and recorded as already synced; one that did not is sent again (identical bytes would be
/// answered 200 anyway).
/// </remarks>
internal sealed class SyncEngine(SyncState state, IntervalsClient? client, TimeProvider time, IProgress<SyncProgress>? progress)
{
    /// <summary>Whether the run asked Intervals.icu anything (false when no workout needed checking).</summary>
    public bool AskedService { get; private set; }

    /// <summary>Decides every workout of <paramref name="scope"/>; <paramref name="others"/> (the rest of the inbox) only inform rule 3.</summary>
    public async Task<SyncReport> RunAsync(
        IReadOnlyList<WorkoutSummary> scope,
        IReadOnlyList<WorkoutSummary> others,
        SyncRequest request,
        Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, Workout>> load,
        CancellationToken cancellationToken)
    {
        var zone = request.Settings.TimeZone;
        var known = state.Workouts();
        var pending = state.Pending().Select(p => p.WorkoutId).ToHashSet(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        bool Settled(string id) => known.TryGetValue(id, out var r) && r.Kind.IsSettled() && !pending.Contains(id);

        var selected = new List<WorkoutSummary>();
        foreach (var summary in scope)
        {
            // What an earlier run settled stands, whichever side of the boundary the workout is on: sync and backfill
            // never contradict each other about one workout.
            if (Settled(summary.Id))
            {
                var record = known[summary.Id];
                outcomes[summary.Id] = new Outcome(record.Kind == OutcomeKind.Uploaded ? OutcomeKind.AlreadySynced : record.Kind, ReasonCode.RecordedEarlier)
                {
                    ActivityId = record.IntervalsActivityId,
                    Detail = record.Kind == OutcomeKind.Uploaded ? null : record.Reason,
                };
            }
            else if (WorkoutSelection.WhyNot(summary.Workout, request) is { } notSelected)
            {
                outcomes[summary.Id] = notSelected;
            }
            else
            {
                selected.Add(summary);
            }
        }

        // Rule 3. Copies of one session are decided together, in one batch, once its listing shows which copy is
        // there already. A copy settled earlier counts as there when its own upload is, or when it was matched to
        // another source's activity (that activity then stands for the session).
        var selectedIds = selected.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var settledThere = others.Concat(scope)
            .Where(s => !selectedIds.Contains(s.Id) && Settled(s.Id) && IsThere(known[s.Id].Kind))
            .DistinctBy(s => s.Id)
            .ToList();
        var sessionOf = new Dictionary<string, List<WorkoutSummary>>(StringComparer.Ordinal);
        foreach (var group in SessionRule.Groups([.. selected, .. settledThere]))
        {
            foreach (var member in group.Where(s => selectedIds.Contains(s.Id)))
            {
                sessionOf[member.Id] = group;
            }
        }

        // Uploaded earlier: each batch's listing that covers one tells whether its activity was deleted since.
        var watched = scope
            .Where(s => !selectedIds.Contains(s.Id) && Settled(s.Id) && known[s.Id] is { IntervalsActivityId: not null } r
                && (r.Kind.IsOwnCopyThere() || r.Kind == OutcomeKind.Deleted))
            .Select(s => (Workout: s, ActivityId: known[s.Id].IntervalsActivityId!))
            .ToList();
        var context = new RunContext(sessionOf, settledThere.ToDictionary(s => s.Id, s => known[s.Id].IntervalsActivityId, StringComparer.Ordinal), watched);

        var candidates = selected.Where(s => !outcomes.ContainsKey(s.Id)).OrderBy(s => s.Workout.Start).ToList();
        progress?.Report(new SyncProgress(SyncPhase.Uploading, 0, candidates.Count, 1));
        var stop = await CheckAndUploadAsync(candidates, context, request, zone, outcomes, load, cancellationToken).ConfigureAwait(false);
        var items = scope.Select(s => Item(s.Workout, outcomes.TryGetValue(s.Id, out var outcome)
            ? outcome
            : new Outcome(OutcomeKind.NotSent, ReasonCode.RunStopped) { Detail = stop?.Message }, zone)).ToList();
        return new SyncReport(items, stop);
    }

    private static SyncItem Item(Workout workout, Outcome outcome, TimeZoneInfo zone) => new(workout, outcome, OutcomeText.Describe(outcome, zone));

    /// <summary>True when the workout's session is in Intervals.icu through it: its own upload, or another source's activity it matched.</summary>
    private static bool IsThere(OutcomeKind kind) => kind.IsOwnCopyThere() || kind == OutcomeKind.DuplicateOfOtherSource;

    private async Task<SyncStop?> CheckAndUploadAsync(
        List<WorkoutSummary> candidates,
        RunContext context,
        SyncRequest request,
        TimeZoneInfo zone,
        Dictionary<string, Outcome> outcomes,
        Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, Workout>> load,
        CancellationToken cancellationToken)
    {
        var done = 0;
        var batchNumber = 0;
        var watched = context.Watched.ToList();
        void Decided() => progress?.Report(new SyncProgress(SyncPhase.Uploading, ++done, candidates.Count, batchNumber));
        foreach (var batch in Batches(candidates, request.BatchSize, context.SessionOf))
        {
            batchNumber++;
            try
            {
                if (batchNumber > 1 && request.BetweenBatches is { } between)
                {
                    await between(cancellationToken).ConfigureAwait(false);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return SyncStop.Interrupted;
                }

                // Local dates a day either side: the service filters on start_date_local, whose zone we may not know.
                var firstDay = WorkoutZone.LocalStart(batch[0].Workout, zone).Date;
                var lastDay = WorkoutZone.LocalStart(batch[^1].Workout, zone).Date;
                var (oldest, newest) = (firstDay.AddDays(-1), lastDay.AddDays(2).AddSeconds(-1));
                IReadOnlyList<IntervalsActivity> remote = [];
                if (client is not null)
                {
                    AskedService = true;
                    remote = await client.ListActivitiesAsync(oldest, newest, cancellationToken).ConfigureAwait(false);
                }

                // First every decision the listing allows, then the uploads of what is left, with the batch's full workouts.
                var toUpload = new List<(WorkoutSummary Summary, string? DeletedActivity)>();
                var decided = BatchRules.Decide(batch, remote, context.SessionOf, context.SettledThere, zone);
                foreach (var summary in batch)
                {
                    if (decided.TryGetValue(summary.Id, out var outcome))
                    {
                        Settle(summary.Workout, outcome);
                    }
                    else if (request.DryRun || client is null)
                    {
                        outcomes[summary.Id] = new Outcome(OutcomeKind.WouldUpload, client is null ? ReasonCode.NewNotChecked : ReasonCode.New);
                        Decided();
                    }
                    else
                    {
                        toUpload.Add((summary, null));
                    }
                }

                if (client is not null)
                {
                    toUpload.AddRange(NoticeDeleted(watched, remote, firstDay, lastDay, request, zone, outcomes));
                }

                if (toUpload.Count == 0)
                {
                    continue;
                }

                var uploaded = new List<(Workout Workout, string ActivityId)>();
                foreach (var (summary, deletedActivity) in toUpload)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break; // the types of what this batch uploaded are still checked below
                    }

                    // One full workout (samples, route) at a time, loaded just before its upload: a batch of 50 one-hour
                    // routes held together took tens of megabytes. Not given the run's token: a Ctrl-C lets the upload
                    // in flight finish and be recorded.
                    var workout = load([summary.Id]).TryGetValue(summary.Id, out var loaded) ? loaded : summary.Workout;
                    var outcome = await UploadAsync(workout, deletedActivity, request, zone, CancellationToken.None).ConfigureAwait(false);
                    outcomes[summary.Id] = outcome;
                    if (outcome is { Kind: OutcomeKind.Uploaded, ActivityId: { } id })
                    {
                        uploaded.Add((summary.Workout, id)); // the summary: the type check needs no series
                    }

                    if (deletedActivity is null)
                    {
                        Decided();
                    }
                }

                // Not given the run's token either: an activity recorded as uploaded is never looked at again, so its
                // type is corrected now or never.
                await CorrectTypesAsync(uploaded, oldest, newest, CancellationToken.None).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return SyncStop.Interrupted;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return SyncStop.Interrupted;
            }
            catch (IntervalsException ex)
            {
                // Nothing of this batch can be checked, so none of it is sent, and no workout is to blame.
                return SyncStop.From(ex);
            }
        }

        return null;

        void Settle(Workout workout, Outcome outcome)
        {
            outcomes[workout.Id] = outcome;
            Record(workout, outcome, null, request, zone);
            Decided();
        }
    }

    /// <summary>
    /// Workouts uploaded earlier whose activity this listing should show and does not (deleted in Intervals.icu):
    /// returned to be uploaded again when the user allows it, else reported (and recorded once) as deleted.
    /// </summary>
    private List<(WorkoutSummary Summary, string? DeletedActivity)> NoticeDeleted(
        List<(WorkoutSummary Workout, string ActivityId)> watched,
        IReadOnlyList<IntervalsActivity> remote,
        DateTime firstDay,
        DateTime lastDay,
        SyncRequest request,
        TimeZoneInfo zone,
        Dictionary<string, Outcome> outcomes)
    {
        var again = new List<(WorkoutSummary, string?)>();
        foreach (var (summary, activityId) in BatchRules.Deleted(watched, remote, firstDay, lastDay, zone))
        {
            watched.RemoveAll(w => w.Workout.Id == summary.Id);
            if (request.ResendDeleted && !request.DryRun)
            {
                again.Add((summary, activityId));
            }
            else if (request.ResendDeleted)
            {
                outcomes[summary.Id] = new Outcome(OutcomeKind.WouldUpload, ReasonCode.ResentDeleted) { Detail = activityId };
            }
            else
            {
                var deleted = new Outcome(OutcomeKind.Deleted, ReasonCode.ActivityDeleted) { ActivityId = activityId };
                outcomes[summary.Id] = deleted;
                if (state.Workouts().GetValueOrDefault(summary.Id)?.Kind != OutcomeKind.Deleted)
                {
                    Record(summary.Workout, deleted, null, request, zone);
                }
            }
        }

        return again;
    }

    /// <summary>
    /// The type lands right: Intervals.icu derives an activity's type from the file, which for some sports is not the
    /// table's (<see cref="SportMappings.IntervalsType"/>). One listing after the batch's uploads shows the derived
    /// types; each that differs is corrected once with PUT. Multisport files are left alone: the service splits them
    /// into one activity per sport, each typed by its own part.
    /// </summary>
    private async Task CorrectTypesAsync(List<(Workout Workout, string ActivityId)> uploaded, DateTime oldest, DateTime newest, CancellationToken cancellationToken)
    {
        var single = uploaded.Where(u => u.Workout.Parts.Count == 0).ToList();
        if (client is null || single.Count == 0)
        {
            return;
        }

        var listed = (await client.ListActivitiesAsync(oldest, newest, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var (workout, activityId) in single)
        {
            var wanted = SportMappings.IntervalsType(workout);
            if (!listed.TryGetValue(activityId, out var activity) || string.Equals(activity.Type, wanted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                await client.UpdateActivityAsync(activityId, new IntervalsActivityUpdate { Type = wanted }, cancellationToken).ConfigureAwait(false);
            }
            catch (IntervalsRejectedException)
            {
                // Refused (the activity went meanwhile, or the type is not accepted): the upload stands with the derived type.
            }
        }
    }

    private async Task<Outcome> UploadAsync(Workout workout, string? deletedActivity, SyncRequest request, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        byte[] fit;
        try
        {
            fit = FitActivityEncoder.Encode(workout, new FitEncodeOptions
            {
                // Routes only when the setting is on, and only for outdoor workouts.
                IncludeRoute = request.Settings.GpsRoutes && workout.Indoor != true,
                FallbackTimeZone = zone,
            });
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
        {
            return Record(workout, Outcome.Failed(ReasonCode.ConvertFailed, ex.Message), null, request, zone);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(fit));
        state.AddPending(new PendingUpload(workout.Id, sha, time.GetUtcNow()));
        try
        {
            var name = SportTable.DisplayName(workout);
            var result = await client!.UploadFitAsync(workout.Id, fit, name, workout.Device?.Name ?? workout.Source, cancellationToken).ConfigureAwait(false);
            return Record(
                workout,
                result.IsNew
                    ? Outcome.Uploaded(result.ActivityId) with { Reason = deletedActivity is null ? ReasonCode.None : ReasonCode.ResentDeleted, Detail = deletedActivity }
                    : new Outcome(OutcomeKind.AlreadySynced, ReasonCode.IdenticalFile) { ActivityId = result.ActivityId },
                sha,
                request,
                zone);
        }
        catch (IntervalsRejectedException ex)
        {
            return Record(workout, Outcome.Failed(ReasonCode.Rejected, $"({ex.StatusCode}): {ex.Reason}"), sha, request, zone);
        }
        catch (IntervalsUnavailableException ex) when (ex.StatusCode is not null)
        {
            // The service answered, with an error, for this file: a failure of this workout. The pending row stays
            // (the upload may have been processed), so the next run looks for it before sending again.
            var failed = Record(workout, Outcome.Failed(ReasonCode.Unavailable, ex.Message), sha, request, zone);
            state.AddPending(new PendingUpload(workout.Id, sha, time.GetUtcNow()));
            return failed;
        }
        catch (Exception ex) when (ex is IntervalsAuthenticationException or IntervalsRateLimitedException)
        {
            // Refused before processing: nothing arrived, nothing is marked.
            state.RemovePending(workout.Id);
            throw;
        }

        // No answer at all (IntervalsUnavailableException without a status) stops the run: the pending row stays,
        // because the upload may have arrived, and the workout is "not sent", not failed.
    }

    /// <summary>Writes an outcome and its history line (never in a dry run); returns the outcome.</summary>
    private Outcome Record(Workout workout, Outcome outcome, string? sha, SyncRequest request, TimeZoneInfo zone)
    {
        if (!request.DryRun)
        {
            OutcomeRecords.Write(state, workout, outcome, OutcomeText.Describe(outcome, zone), sha, time.GetUtcNow());
        }

        return outcome;
    }

    /// <summary>Consecutive workouts, at most <paramref name="size"/> and 60 days apart, so each listing stays small; the copies of one session stay in one batch.</summary>
    private static IEnumerable<List<WorkoutSummary>> Batches(List<WorkoutSummary> ordered, int size, IReadOnlyDictionary<string, List<WorkoutSummary>> sessionOf)
    {
        var batch = new List<WorkoutSummary>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var summary in ordered)
        {
            var sessionInBatch = sessionOf.TryGetValue(summary.Id, out var group) && group.Any(w => ids.Contains(w.Id));
            if (batch.Count > 0 && !sessionInBatch && (batch.Count >= size || summary.Workout.Start - batch[0].Workout.Start > TimeSpan.FromDays(60)))
            {
                yield return batch;
                batch = [];
                ids.Clear();
            }

            batch.Add(summary);
            ids.Add(summary.Id);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>What the run knows before its batches: sessions, copies settled there, uploads to watch for deletion.</summary>
    private sealed record RunContext(
        IReadOnlyDictionary<string, List<WorkoutSummary>> SessionOf,
        IReadOnlyDictionary<string, string?> SettledThere,
        IReadOnlyList<(WorkoutSummary Workout, string ActivityId)> Watched);
}
