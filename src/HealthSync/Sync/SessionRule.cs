using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Rule 3: two Apple Health workouts of one session (two apps, or phone and watch) upload once: the richer one.</summary>
/// <remarks>
/// One session: same sport family and overlapping by at least half of the shorter workout. Two apps recording the
/// same walk overlap almost completely; two separate sessions of one sport do not overlap at all.
/// Richer: a route first, then heart-rate samples, then distance, then energy; ties go to more samples, more route
/// points, the longer active time, and finally the smaller id so the choice is the same on every run.
/// A copy already in Intervals.icu (uploaded, or matched to another source's activity) represents its session
/// whatever its richness. Overlap is not transitive: a member is skipped only when it overlaps a copy that
/// represents a session (<see cref="Decide"/>), so a phone's copy of a whole hour does not chain two back-to-back
/// watch workouts into one session.
/// </remarks>
internal static class SessionRule
{
    public const double MinimumOverlapShare = DuplicateRules.OverlapShare;

    /// <summary>
    /// Workouts linked by overlap, groups of at least two, each richest first. A group may hold several sessions
    /// (a chain): it only says which workouts must be decided together, in one batch; <see cref="Decide"/> splits it.
    /// </summary>
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

    /// <summary>
    /// Which copy represents each member's session: the ids of <paramref name="there"/> (already in Intervals.icu)
    /// represent themselves first, then, richest first, each member is skipped for the first representative it
    /// overlaps, or represents a session of its own when it overlaps none.
    /// </summary>
    /// <returns>Member id to its representative's id; a representative maps to itself.</returns>
    public static IReadOnlyDictionary<string, string> Decide(IReadOnlyList<WorkoutSummary> group, IReadOnlySet<string> there)
    {
        var representatives = new List<WorkoutSummary>();
        var decided = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in RichestFirst(group).OrderBy(m => there.Contains(m.Id) ? 0 : 1))
        {
            var covering = there.Contains(member.Id) ? null : representatives.FirstOrDefault(r => SameSession(r.Workout, member.Workout));
            if (covering is null)
            {
                representatives.Add(member);
                decided[member.Id] = member.Id;
            }
            else
            {
                decided[member.Id] = covering.Id;
            }
        }

        return decided;
    }

    /// <summary>The workouts ordered richest first; the order is the same on every run.</summary>
    public static List<WorkoutSummary> RichestFirst(IEnumerable<WorkoutSummary> workouts) =>
        [.. workouts.OrderByDescending(Richness).ThenBy(w => w.Id, StringComparer.Ordinal)];

    /// <summary>Same family and overlapping by at least half of the shorter.</summary>
    public static bool SameSession(Workout a, Workout b) =>
        SportFamily.Of(a) == SportFamily.Of(b) && DuplicateRules.OverlapOfShorter(a.Start, a.End, b.Start, b.End) >= MinimumOverlapShare;

    private static (int Score, int Samples, int Points, TimeSpan Active) Richness(WorkoutSummary s) => (
        (s.RoutePoints > 0 ? 8 : 0) + (s.HeartRateSamples > 0 ? 4 : 0) + (s.Workout.DistanceMeters > 0 ? 2 : 0) + (s.Workout.EnergyKilocalories > 0 ? 1 : 0),
        s.HeartRateSamples,
        s.RoutePoints,
        s.Workout.Duration);
}
