using HealthSync.Intervals;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Rules 1–3 for one batch against its listing, as a pure function: a typed outcome per decided workout; the rest are to upload.</summary>
/// <remarks>
/// The order matters and is the rules' own: rule 1 (our copy is there, by id); rule 3 (which copy represents each
/// session, a copy already there first); the same workout under another id (a renamed source); rule 2 as an
/// assignment over the workouts still open. A skipped copy of a session then names the activity its representative
/// turned out to be, whichever rule found it. Nothing here records: <see cref="SyncEngine"/> applies the decisions.
/// </remarks>
internal static class BatchRules
{
    /// <summary>Decides the batch; workouts absent from the answer are new (to upload, or would-upload in a dry run).</summary>
    /// <param name="batch">The batch's candidates.</param>
    /// <param name="remote">The batch's listing.</param>
    /// <param name="sessionOf">Each candidate's rule-3 group, if it has one (settled members included).</param>
    /// <param name="settledThere">Workouts settled earlier whose copy is in Intervals.icu: id to activity id.</param>
    /// <param name="zone">The fallback zone for workouts without their own.</param>
    public static Dictionary<string, Outcome> Decide(
        IReadOnlyList<WorkoutSummary> batch,
        IReadOnlyList<IntervalsActivity> remote,
        IReadOnlyDictionary<string, List<WorkoutSummary>> sessionOf,
        IReadOnlyDictionary<string, string?> settledThere,
        TimeZoneInfo zone)
    {
        var decided = new Dictionary<string, Outcome>(StringComparer.Ordinal);

        // Where each workout's copy is, as far as the batch knows: settled earlier, or found by its own id now.
        var thereAs = new Dictionary<string, string?>(settledThere, StringComparer.Ordinal);
        foreach (var summary in batch)
        {
            if (DuplicateRules.Uploaded(summary.Workout, remote) is { } ours)
            {
                thereAs[summary.Id] = ours.Id;
                decided[summary.Id] = new Outcome(OutcomeKind.AlreadySynced, ReasonCode.FoundByExternalId) { ActivityId = ours.Id };
            }
        }

        var representativeOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in batch.Select(s => sessionOf.GetValueOrDefault(s.Id)).OfType<List<WorkoutSummary>>().Distinct<List<WorkoutSummary>>(ReferenceEqualityComparer.Instance))
        {
            var there = group.Where(m => thereAs.ContainsKey(m.Id)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (member, representative) in SessionRule.Decide(group, there))
            {
                if (member != representative)
                {
                    representativeOf[member] = representative;
                }
            }
        }

        var open = batch.Where(s => !decided.ContainsKey(s.Id) && !representativeOf.ContainsKey(s.Id)).ToList();
        foreach (var summary in open)
        {
            if (DuplicateRules.SameWorkoutElsewhere(summary.Workout, zone, remote) is { } renamed)
            {
                thereAs[summary.Id] = renamed.Id;
                decided[summary.Id] = new Outcome(OutcomeKind.AlreadySynced, ReasonCode.FoundBySameTimes) { ActivityId = renamed.Id };
            }
        }

        open.RemoveAll(s => decided.ContainsKey(s.Id));
        var claimed = thereAs.Values.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var available = remote.Where(a => !claimed.Contains(a.Id)).ToList();
        foreach (var (workoutId, (activity, gap)) in DuplicateRules.Assign(open.Select(s => s.Workout), available, zone))
        {
            thereAs[workoutId] = activity.Id;
            decided[workoutId] = new Outcome(OutcomeKind.DuplicateOfOtherSource, ReasonCode.OtherSourceActivity)
            {
                ActivityId = activity.Id,
                OtherSource = activity.Source,
                ActivityType = activity.Type,
                StartGap = gap,
            };
        }

        var byId = batch.Concat(sessionOf.Values.SelectMany(g => g)).DistinctBy(s => s.Id).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var (member, representative) in representativeOf)
        {
            if (!batch.Any(s => s.Id == member))
            {
                continue; // a settled member of the group: decided by an earlier run
            }

            decided[member] = thereAs.TryGetValue(representative, out var activityId)
                ? new Outcome(OutcomeKind.SameSession, ReasonCode.SessionCopyInIntervals) { OtherWorkoutId = representative, ActivityId = activityId }
                : new Outcome(OutcomeKind.SameSession, ReasonCode.SessionRicherCopy) { OtherWorkoutId = representative, OtherSource = byId[representative].Workout.Source };
        }

        foreach (var summary in batch.Where(s => !decided.ContainsKey(s.Id) && s.Workout.Defects.Count > 0))
        {
            // Nothing degraded is ever marked synced: sent without its route, it could never get it later.
            decided[summary.Id] = Outcome.Failed(ReasonCode.Incomplete, string.Join("; ", summary.Workout.Defects.Select(d => d.Detail)));
        }

        return decided;
    }

    /// <summary>
    /// Uploaded workouts whose activity the listing should show and does not: their local start lies inside the
    /// listed dates (not on the margin days), and neither the activity id nor their external_id is listed.
    /// </summary>
    public static List<(WorkoutSummary Workout, string ActivityId)> Deleted(
        IEnumerable<(WorkoutSummary Workout, string ActivityId)> uploaded,
        IReadOnlyList<IntervalsActivity> remote,
        DateTime firstLocalDay,
        DateTime lastLocalDay,
        TimeZoneInfo zone)
    {
        var ids = remote.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return [.. uploaded.Where(u =>
        {
            var start = WorkoutZone.LocalStart(u.Workout.Workout, zone);
            return start >= firstLocalDay && start < lastLocalDay.AddDays(1)
                && !ids.Contains(u.ActivityId) && DuplicateRules.Uploaded(u.Workout.Workout, remote) is null;
        })];
    }
}
