using System.Security.Cryptography;
using HealthSync.Fit;
using HealthSync.Intervals;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Runs a sync or a backfill: selects, de-duplicates (rules 1–5), uploads in batches and records every outcome.</summary>
/// <remarks>
/// Kill-safety (rule 5): a pending row is written before each upload is sent, and outcomes are written in one
/// transaction with the removal of that row. Every candidate not known as done locally is looked up by
/// <c>external_id</c> in Intervals.icu before it is uploaded, so an upload that reached the service before the
/// process died is found and recorded as already synced; one that did not is sent again (identical bytes would be
/// answered 200 anyway).
/// </remarks>
public sealed class SyncEngine(SyncState state, IntervalsClient? client, TimeProvider time)
{
    /// <summary>Called after each workout of the upload phase; the argument is the number done so far and the total.</summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>Called once the number of workouts to check and upload is known.</summary>
    public Action<int>? Planned { get; init; }

    public async Task<SyncReport> RunAsync(IReadOnlyList<Workout> workouts, SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workouts);
        ArgumentNullException.ThrowIfNull(request);
        var zone = request.Settings.TimeZone;
        var known = state.Workouts();
        var pending = state.Pending().Select(p => p.WorkoutId).ToHashSet(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, SyncItem>(StringComparer.Ordinal);
        var selected = new List<Workout>();
        foreach (var workout in workouts)
        {
            if (WorkoutSelection.WhyNot(workout, request) is { } why)
            {
                outcomes[workout.Id] = new SyncItem(workout, SyncStatus.NotSelected, why, null);
            }
            else
            {
                selected.Add(workout);
            }
        }

        bool Done(Workout w) => known.TryGetValue(w.Id, out var r) && r.Kind != "failed";
        bool InIntervals(Workout w) => known.TryGetValue(w.Id, out var r) && r.Kind is "uploaded" or "already-synced";

        // Rule 3. A session whose copy is known locally to be in Intervals.icu is settled now; the others are settled
        // in their batch, once the listing shows whether one of the copies is already there (uploaded earlier, from
        // another machine, or before the richer copy appeared in an export).
        var settled = new Dictionary<string, Workout>(StringComparer.Ordinal);
        var sessionOf = new Dictionary<string, List<Workout>>(StringComparer.Ordinal);
        foreach (var group in SessionRule.Groups(selected))
        {
            if (group.FirstOrDefault(InIntervals) is { } there)
            {
                foreach (var other in group.Where(w => w.Id != there.Id))
                {
                    settled[other.Id] = there;
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

        var candidates = new List<Workout>();
        foreach (var workout in selected)
        {
            if (Done(workout) && !pending.Contains(workout.Id))
            {
                var record = known[workout.Id];
                var reason = record.Kind == "uploaded" ? $"already synced (uploaded as {record.IntervalsActivityId})" : record.Reason;
                outcomes[workout.Id] = new SyncItem(workout, SyncStatus.Skipped, reason, record.IntervalsActivityId);
            }
            else if (settled.TryGetValue(workout.Id, out var winner))
            {
                var activityId = known[winner.Id].IntervalsActivityId;
                outcomes[workout.Id] = Outcome(workout, SyncStatus.Skipped, "session-duplicate", SameSessionThere(winner, activityId), activityId, null, request.DryRun);
            }
            else
            {
                candidates.Add(workout);
            }
        }

        candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
        Planned?.Invoke(candidates.Count);
        var stop = await CheckAndUploadAsync(candidates, sessionOf, request, zone, outcomes, cancellationToken).ConfigureAwait(false);
        var items = workouts.Select(w => outcomes.TryGetValue(w.Id, out var item)
            ? item
            : new SyncItem(w, SyncStatus.Skipped, $"not sent: the run stopped early ({stop?.Message})", null)).ToList();
        return new SyncReport(items, stop);
    }

    private static string SameSessionThere(Workout winner, string? activityId) =>
        $"same session as {winner.Id}, already in Intervals.icu as {activityId ?? "an activity"}";

    /// <summary>Rule 3 for one session, against the batch's listing: the copy already in Intervals.icu, else the richest still to decide.</summary>
    private static (Workout Winner, IntervalsActivity? There) SessionWinner(List<Workout> group, IReadOnlyList<IntervalsActivity> remote, ISet<string> candidates)
    {
        foreach (var member in group)
        {
            if (DuplicateRules.Uploaded(member, remote) is { } there)
            {
                return (member, there);
            }
        }

        return (group.FirstOrDefault(w => candidates.Contains(w.Id)) ?? group[0], null);
    }

    private async Task<SyncStop?> CheckAndUploadAsync(List<Workout> candidates, IReadOnlyDictionary<string, List<Workout>> sessionOf, SyncRequest request, TimeZoneInfo zone, Dictionary<string, SyncItem> outcomes, CancellationToken cancellationToken)
    {
        var done = 0;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var candidateIds = candidates.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var batch in Batches(candidates, request.BatchSize, sessionOf))
        {
            IReadOnlyList<IntervalsActivity> remote = [];
            try
            {
                if (client is not null)
                {
                    // Local dates a day either side: the service filters on start_date_local, whose zone we may not know.
                    var oldest = WorkoutClock.LocalStart(batch[0], zone).Date.AddDays(-1);
                    var newest = WorkoutClock.LocalStart(batch[^1], zone).Date.AddDays(2).AddSeconds(-1);
                    remote = await client.ListActivitiesAsync(oldest, newest, cancellationToken).ConfigureAwait(false);
                }

                var winners = new Dictionary<List<Workout>, (Workout Winner, IntervalsActivity? There)>(ReferenceEqualityComparer.Instance);
                foreach (var workout in batch)
                {
                    // A copy of a session loses to the one already in Intervals.icu, else to the richest; a copy that is
                    // itself in Intervals.icu is left to rule 1.
                    if (sessionOf.TryGetValue(workout.Id, out var group)
                        && (winners.TryGetValue(group, out var decided) ? decided : winners[group] = SessionWinner(group, remote, candidateIds)) is var (winner, there)
                        && winner.Id != workout.Id
                        && DuplicateRules.Uploaded(workout, remote) is null)
                    {
                        outcomes[workout.Id] = there is null
                            ? Outcome(workout, SyncStatus.Skipped, "session-duplicate", $"same session as {winner.Id} from {winner.Source}, which has more data", null, null, request.DryRun)
                            : Outcome(workout, SyncStatus.Skipped, "session-duplicate", SameSessionThere(winner, there.Id), there.Id, null, request.DryRun);
                    }
                    else
                    {
                        outcomes[workout.Id] = await DecideAsync(workout, remote, claimed, request, zone, cancellationToken).ConfigureAwait(false);
                    }

                    Progress?.Invoke(++done, candidates.Count);
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
            catch (Exception ex) when (ex is IntervalsUnavailableException or IntervalsRejectedException)
            {
                // The listing failed: nothing of this batch can be checked, so none of it is uploaded.
                foreach (var workout in batch.Where(w => !outcomes.ContainsKey(w.Id)))
                {
                    outcomes[workout.Id] = Outcome(workout, SyncStatus.Failed, "failed", "could not check Intervals.icu for duplicates: " + ex.Message, null, null, request.DryRun);
                    Progress?.Invoke(++done, candidates.Count);
                }
            }
        }

        return null;
    }

    private async Task<SyncItem> DecideAsync(Workout workout, IReadOnlyList<IntervalsActivity> remote, HashSet<string> claimed, SyncRequest request, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (DuplicateRules.Uploaded(workout, remote) is { } ours)
        {
            claimed.Add(ours.Id);
            return Outcome(workout, SyncStatus.Skipped, "already-synced", $"already synced (found in Intervals.icu as {ours.Id})", ours.Id, null, request.DryRun);
        }

        if (DuplicateRules.OtherSource(workout, zone, remote, claimed) is { } theirs)
        {
            claimed.Add(theirs.Id);
            return Outcome(workout, SyncStatus.Skipped, "duplicate", "already in Intervals.icu: " + DuplicateRules.Describe(theirs, workout, zone), theirs.Id, null, request.DryRun);
        }

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
            return Outcome(workout, SyncStatus.Failed, "failed", "could not convert to FIT: " + ex.Message, null, null, request.DryRun);
        }

        if (request.DryRun || client is null)
        {
            var why = client is null
                ? "new workout (not checked: no account)"
                : "new workout, not in Intervals.icu";
            return new SyncItem(workout, SyncStatus.WouldUpload, why, null);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(fit));
        state.AddPending(new PendingUpload(workout.Id, sha, time.GetUtcNow()));
        try
        {
            var name = SportCategories.ShortName(workout.ActivityType);
            var result = await client.UploadFitAsync(workout.Id, fit, name, workout.Device?.Name ?? workout.Source, cancellationToken).ConfigureAwait(false);
            return result.IsNew
                ? Outcome(workout, SyncStatus.Uploaded, "uploaded", null, result.ActivityId, sha, dryRun: false)
                : Outcome(workout, SyncStatus.Skipped, "already-synced", $"already synced (identical file already in Intervals.icu as {result.ActivityId})", result.ActivityId, sha, dryRun: false);
        }
        catch (IntervalsRejectedException ex)
        {
            return Outcome(workout, SyncStatus.Failed, "failed", $"rejected by Intervals.icu ({ex.StatusCode}): {ex.Reason}", null, sha, dryRun: false);
        }
        catch (IntervalsUnavailableException ex)
        {
            // The pending row stays (Outcome keeps it for failures of this kind): the upload may have arrived.
            var item = new SyncItem(workout, SyncStatus.Failed, ex.Message, null);
            state.Record(new WorkoutRecord(workout.Id, "failed", "failed", ex.Message, null, time.GetUtcNow()), sha, History(item));
            state.AddPending(new PendingUpload(workout.Id, sha, time.GetUtcNow()));
            return item;
        }
        catch (Exception ex) when (ex is IntervalsAuthenticationException or IntervalsRateLimitedException)
        {
            // Refused before processing: nothing arrived, nothing is marked.
            state.RemovePending(workout.Id);
            throw;
        }
    }

    private SyncItem Outcome(Workout workout, SyncStatus status, string kind, string? reason, string? activityId, string? sha, bool dryRun)
    {
        var item = new SyncItem(workout, status, reason, activityId);
        if (!dryRun)
        {
            var statusText = status switch { SyncStatus.Uploaded => "uploaded", SyncStatus.Failed => "failed", _ => "skipped" };
            state.Record(new WorkoutRecord(workout.Id, statusText, kind, reason, activityId, time.GetUtcNow()), sha, History(item));
        }

        return item;
    }

    private HistoryEntry History(SyncItem item) => new(
        item.Workout.Id,
        SportCategories.ShortName(item.Workout.ActivityType),
        item.Workout.Category.ToId(),
        item.Workout.Start,
        item.Status switch { SyncStatus.Uploaded => "uploaded", SyncStatus.Failed => "failed", _ => "skipped" },
        item.Reason,
        item.IntervalsActivityId,
        time.GetUtcNow());

    /// <summary>Consecutive workouts, at most <paramref name="size"/> and 60 days apart, so each listing stays small; the copies of one session stay in one batch.</summary>
    private static IEnumerable<List<Workout>> Batches(List<Workout> ordered, int size, IReadOnlyDictionary<string, List<Workout>> sessionOf)
    {
        var batch = new List<Workout>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workout in ordered)
        {
            var sessionInBatch = sessionOf.TryGetValue(workout.Id, out var group) && group.Any(w => ids.Contains(w.Id));
            if (batch.Count > 0 && !sessionInBatch && (batch.Count >= size || workout.Start - batch[0].Start > TimeSpan.FromDays(60)))
            {
                yield return batch;
                batch = [];
                ids.Clear();
            }

            batch.Add(workout);
            ids.Add(workout.Id);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
