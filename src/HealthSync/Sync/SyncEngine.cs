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

        // Rule 3. A session with a copy settled in Intervals.icu (in this scope or from an earlier run) is settled now;
        // the others are settled in their batch, once the listing shows whether one of the copies is there already.
        var selectedIds = selected.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var sessionOf = new Dictionary<string, List<WorkoutSummary>>(StringComparer.Ordinal);
        var settledNeighbours = others.Concat(scope).Where(s => !selectedIds.Contains(s.Id) && Settled(s.Id) && known[s.Id].Kind.IsOwnCopyThere());
        foreach (var group in SessionRule.Groups([.. selected, .. settledNeighbours.DistinctBy(s => s.Id)]))
        {
            if (group.FirstOrDefault(s => Settled(s.Id) && known[s.Id].Kind.IsOwnCopyThere()) is { } there)
            {
                foreach (var member in group.Where(s => selectedIds.Contains(s.Id)))
                {
                    outcomes[member.Id] = SessionThere(there.Id, known[there.Id].IntervalsActivityId);
                    Record(member.Workout, outcomes[member.Id], null, request, zone);
                }
            }
            else
            {
                foreach (var member in group)
                {
                    sessionOf[member.Id] = group;
                }
            }
        }

        var candidates = selected.Where(s => !outcomes.ContainsKey(s.Id)).OrderBy(s => s.Workout.Start).ToList();
        progress?.Report(new SyncProgress(SyncPhase.Uploading, 0, candidates.Count, 1));
        var stop = await CheckAndUploadAsync(candidates, sessionOf, request, zone, outcomes, load, cancellationToken).ConfigureAwait(false);
        var items = scope.Select(s => Item(s.Workout, outcomes.TryGetValue(s.Id, out var outcome)
            ? outcome
            : new Outcome(OutcomeKind.NotSent, ReasonCode.RunStopped) { Detail = stop?.Message }, zone)).ToList();
        return new SyncReport(items, stop);
    }

    private static SyncItem Item(Workout workout, Outcome outcome, TimeZoneInfo zone) => new(workout, outcome, OutcomeText.Describe(outcome, zone));

    private static Outcome SessionThere(string winnerId, string? activityId) =>
        new(OutcomeKind.SameSession, ReasonCode.SessionCopyInIntervals) { OtherWorkoutId = winnerId, ActivityId = activityId };

    /// <summary>Rule 3 for one session, against the batch's listing: the copy already in Intervals.icu, else the richest still to decide.</summary>
    private static (WorkoutSummary Winner, IntervalsActivity? There) SessionWinner(List<WorkoutSummary> group, IReadOnlyList<IntervalsActivity> remote, ISet<string> candidates)
    {
        foreach (var member in group)
        {
            if (DuplicateRules.Uploaded(member.Workout, remote) is { } there)
            {
                return (member, there);
            }
        }

        return (group.FirstOrDefault(w => candidates.Contains(w.Id)) ?? group[0], null);
    }

    private async Task<SyncStop?> CheckAndUploadAsync(
        List<WorkoutSummary> candidates,
        IReadOnlyDictionary<string, List<WorkoutSummary>> sessionOf,
        SyncRequest request,
        TimeZoneInfo zone,
        Dictionary<string, Outcome> outcomes,
        Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, Workout>> load,
        CancellationToken cancellationToken)
    {
        var done = 0;
        var batchNumber = 0;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var candidateIds = candidates.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        void Decided() => progress?.Report(new SyncProgress(SyncPhase.Uploading, ++done, candidates.Count, batchNumber));
        foreach (var batch in Batches(candidates, request.BatchSize, sessionOf))
        {
            batchNumber++;
            try
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return Interrupted();
                }

                IReadOnlyList<IntervalsActivity> remote = [];
                if (client is not null)
                {
                    AskedService = true;
                    // Local dates a day either side: the service filters on start_date_local, whose zone we may not know.
                    var oldest = WorkoutZone.LocalStart(batch[0].Workout, zone).Date.AddDays(-1);
                    var newest = WorkoutZone.LocalStart(batch[^1].Workout, zone).Date.AddDays(2).AddSeconds(-1);
                    remote = await client.ListActivitiesAsync(oldest, newest, cancellationToken).ConfigureAwait(false);
                }

                // First every decision the listing allows, then the uploads of what is left, with the batch's full workouts.
                var toUpload = new List<WorkoutSummary>();
                var winners = new Dictionary<List<WorkoutSummary>, (WorkoutSummary Winner, IntervalsActivity? There)>(ReferenceEqualityComparer.Instance);
                foreach (var summary in batch)
                {
                    var workout = summary.Workout;
                    // A copy of a session loses to the one already in Intervals.icu, else to the richest; a copy that is
                    // itself in Intervals.icu is left to rule 1.
                    if (sessionOf.TryGetValue(summary.Id, out var group)
                        && (winners.TryGetValue(group, out var decided) ? decided : winners[group] = SessionWinner(group, remote, candidateIds)) is var (winner, there)
                        && winner.Id != summary.Id
                        && DuplicateRules.Uploaded(workout, remote) is null)
                    {
                        Settle(workout, there is null
                            ? new Outcome(OutcomeKind.SameSession, ReasonCode.SessionRicherCopy) { OtherWorkoutId = winner.Id, OtherSource = winner.Workout.Source }
                            : SessionThere(winner.Id, there.Id));
                    }
                    else if (DuplicateRules.Uploaded(workout, remote) is { } ours)
                    {
                        claimed.Add(ours.Id);
                        Settle(workout, new Outcome(OutcomeKind.AlreadySynced, ReasonCode.FoundByExternalId) { ActivityId = ours.Id });
                    }
                    else if (DuplicateRules.OtherSource(workout, zone, remote, claimed) is { } theirs)
                    {
                        claimed.Add(theirs.Id);
                        Settle(workout, new Outcome(OutcomeKind.DuplicateOfOtherSource, ReasonCode.OtherSourceActivity)
                        {
                            ActivityId = theirs.Id,
                            OtherSource = theirs.Source,
                            ActivityType = theirs.Type,
                            StartGap = DuplicateRules.Gap(theirs, workout, zone),
                        });
                    }
                    else if (workout.Defects.Count > 0)
                    {
                        // Nothing degraded is ever marked synced: sent without its route, it could never get it later.
                        Settle(workout, Outcome.Failed(ReasonCode.Incomplete, string.Join("; ", workout.Defects.Select(d => d.Detail))));
                    }
                    else if (request.DryRun || client is null)
                    {
                        outcomes[summary.Id] = new Outcome(OutcomeKind.WouldUpload, client is null ? ReasonCode.NewNotChecked : ReasonCode.New);
                        Decided();
                    }
                    else
                    {
                        toUpload.Add(summary);
                    }
                }

                if (toUpload.Count == 0)
                {
                    continue;
                }

                var full = load([.. toUpload.Select(s => s.Id)]);
                foreach (var summary in toUpload)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return Interrupted();
                    }

                    // Not given the run's token: a Ctrl-C lets the upload in flight finish and be recorded.
                    outcomes[summary.Id] = await UploadAsync(full.TryGetValue(summary.Id, out var workout) ? workout : summary.Workout, request, zone, CancellationToken.None).ConfigureAwait(false);
                    Decided();
                }
            }
            catch (IntervalsAuthenticationException ex)
            {
                return new SyncStop(SyncStopKind.CredentialsRefused, ex.Message, null);
            }
            catch (IntervalsRateLimitedException ex)
            {
                return new SyncStop(SyncStopKind.BudgetSpent, ex.Message, ex.ResumeAt);
            }
            catch (IntervalsUnavailableException ex)
            {
                // Nothing of this batch can be checked, so none of it is sent, and no workout is to blame.
                return new SyncStop(SyncStopKind.ServiceUnreachable, ex.Message, null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Interrupted();
            }
            catch (IntervalsRejectedException ex)
            {
                // The listing itself was refused (a wrong athlete, say): nothing can be checked, nothing is sent.
                return new SyncStop(SyncStopKind.CredentialsRefused, ex.Message, null);
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

    private static SyncStop Interrupted() => new(SyncStopKind.Interrupted, "interrupted", null);

    private async Task<Outcome> UploadAsync(Workout workout, SyncRequest request, TimeZoneInfo zone, CancellationToken cancellationToken)
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
            var name = SportCategories.ShortName(workout.ActivityType);
            var result = await client!.UploadFitAsync(workout.Id, fit, name, workout.Device?.Name ?? workout.Source, cancellationToken).ConfigureAwait(false);
            return Record(
                workout,
                result.IsNew ? Outcome.Uploaded(result.ActivityId) : new Outcome(OutcomeKind.AlreadySynced, ReasonCode.IdenticalFile) { ActivityId = result.ActivityId },
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
            var reason = OutcomeText.Describe(outcome, zone);
            var now = time.GetUtcNow();
            state.Record(
                new WorkoutRecord(workout.Id, outcome.Kind, reason, outcome.ActivityId, now),
                sha,
                new HistoryEntry(workout.Id, SportCategories.ShortName(workout.ActivityType), workout.Category.ToId(), workout.Start, outcome.Kind, reason, outcome.ActivityId, now));
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
}
