using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Rule 3: two Apple Health workouts of one session (two apps, or phone and watch) upload once: the richer one.</summary>
/// <remarks>
/// One session: same sport family and overlapping by at least half of the shorter workout. Two apps recording the
/// same walk overlap almost completely; two separate sessions of one sport do not overlap at all.
/// Richer: a route first, then heart-rate samples, then distance, then energy; ties go to more samples, more route
/// points, the longer active time, and finally the smaller id so the choice is the same on every run.
/// A copy already in Intervals.icu wins whatever its richness, so the session stays there once: the engine
/// (<see cref="SyncEngine"/>) knows it from the local state, or finds it by <c>external_id</c> in the batch's listing.
/// </remarks>
internal static class SessionRule
{
    public const double MinimumOverlapShare = 0.5;

    /// <summary>The sessions recorded more than once: groups of at least two workouts, each group richest first.</summary>
    public static List<List<WorkoutSummary>> Groups(IReadOnlyList<WorkoutSummary> workouts)
    {
        var groups = new List<List<WorkoutSummary>>();
        var ordered = workouts.OrderBy(w => w.Workout.Start).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!seen.Add(ordered[i].Id))
            {
                continue;
            }

            var group = new List<WorkoutSummary> { ordered[i] };
            var family = SportFamily.Of(ordered[i].Workout);
            for (var j = i + 1; j < ordered.Count && ordered[j].Workout.Start < group.Max(g => g.Workout.End); j++)
            {
                if (!seen.Contains(ordered[j].Id) && SportFamily.Of(ordered[j].Workout) == family && group.Any(g => SameSession(g.Workout, ordered[j].Workout)))
                {
                    group.Add(ordered[j]);
                    seen.Add(ordered[j].Id);
                }
            }

            if (group.Count >= 2)
            {
                groups.Add(RichestFirst(group));
            }
        }

        return groups;
    }

    /// <summary>The workouts ordered richest first; the order is the same on every run.</summary>
    public static List<WorkoutSummary> RichestFirst(IEnumerable<WorkoutSummary> workouts) =>
        [.. workouts.OrderByDescending(Richness).ThenBy(w => w.Id, StringComparer.Ordinal)];

    private static bool SameSession(Workout a, Workout b)
    {
        var overlap = (a.End < b.End ? a.End : b.End) - (a.Start > b.Start ? a.Start : b.Start);
        var shorter = a.Elapsed < b.Elapsed ? a.Elapsed : b.Elapsed;
        return overlap > TimeSpan.Zero && overlap.TotalSeconds >= shorter.TotalSeconds * MinimumOverlapShare;
    }

    private static (int Score, int Samples, int Points, TimeSpan Active) Richness(WorkoutSummary s) => (
        (s.RoutePoints > 0 ? 8 : 0) + (s.HeartRateSamples > 0 ? 4 : 0) + (s.Workout.DistanceMeters > 0 ? 2 : 0) + (s.Workout.EnergyKilocalories > 0 ? 1 : 0),
        s.HeartRateSamples,
        s.RoutePoints,
        s.Workout.Duration);
}
