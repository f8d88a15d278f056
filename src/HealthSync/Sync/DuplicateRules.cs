using HealthSync.Intervals;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Rules 1 and 2 as pure functions: is this workout already in Intervals.icu, as our own upload or from another source?</summary>
/// <remarks>
/// Tolerances, and why (docs/sync.md has the long form and the evidence):
/// <list type="bullet">
/// <item>Start within 5 minutes and elapsed time within 20% or 5 minutes, whichever is more: two recorders of one
/// session are started and stopped by hand, one after the other. Device clocks are synced to a second.</item>
/// <item>Or overlap: the activity covers the workout (or is covered by it) for at least half of the shorter of the
/// two. A partial recording (the watch started late, the second half of a ride) starts far from the other copy but
/// lies inside it; two different sessions of one sport never overlap by half.</item>
/// <item>Same sport family; a generic workout (or a generic activity) matches any family only when the two overlap
/// closely (80% of the longer): "Workout" says nothing about the sport, so only the times can.</item>
/// <item>Strava stubs carry only <c>start_date_local</c>: matched on local start alone, within the same 5 minutes.</item>
/// <item>Matching is an assignment (<see cref="Assign"/>): every passing pair of a batch, closest start first, so each
/// activity goes to the workout it fits best, never to the first workout that asks.</item>
/// <item>Activities whose <c>external_id</c> is another HealthSync id are Apple Health workouts: never matched by
/// rule 2 (rule 3 handles two copies of one session; <see cref="SameWorkoutElsewhere"/> a renamed id).</item>
/// </list>
/// </remarks>
internal static class DuplicateRules
{
    public static readonly TimeSpan StartTolerance = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DurationFloor = TimeSpan.FromMinutes(5);
    public const double DurationShare = 0.2;

    /// <summary>Overlap of two copies, as a share of the shorter, above which they are one session (rules 2 and 3).</summary>
    public const double OverlapShare = 0.5;

    /// <summary>Overlap, as a share of the longer, that lets a generic workout or activity match any family.</summary>
    public const double CloseOverlapShare = 0.8;

    /// <summary>How far apart start and end may be for an activity with another HealthSync id to be this workout (one FIT second).</summary>
    public static readonly TimeSpan IdentityTolerance = TimeSpan.FromSeconds(1);

    /// <summary>The family of "Workout" and "Other" (<see cref="SportFamily"/>), and of every unmapped Apple type.</summary>
    private const string GenericFamily = "generic";

    /// <summary>The activity uploaded for this workout by HealthSync (rule 1), found by external_id.</summary>
    public static IntervalsActivity? Uploaded(Workout workout, IEnumerable<IntervalsActivity> activities) =>
        activities.FirstOrDefault(a => string.Equals(a.ExternalId, workout.Id, StringComparison.Ordinal));

    /// <summary>
    /// Rule 1 for an id that changed (an older HealthSync named it from a source that is now called differently):
    /// an activity with another <c>ah-</c> id, of the workout's sport family, whose start and end are within a second.
    /// </summary>
    /// <remarks>The family rather than the exact type, because the type the service derived may not be corrected yet.</remarks>
    public static IntervalsActivity? SameWorkoutElsewhere(Workout workout, TimeZoneInfo fallbackZone, IEnumerable<IntervalsActivity> activities)
    {
        var family = SportFamily.Of(workout);
        foreach (var activity in activities)
        {
            if (activity.ExternalId is not { } other || !other.StartsWith(WorkoutId.Prefix, StringComparison.Ordinal) || other == workout.Id
                || activity.Type is not { } type || SportFamily.Of(type) != family
                || Extent(activity, workout, fallbackZone) is not ({ } start, { } end))
            {
                continue;
            }

            if ((start - workout.Start).Duration() <= IdentityTolerance && (end - workout.End).Duration() <= IdentityTolerance)
            {
                return activity;
            }
        }

        return null;
    }

    /// <summary>Rule 2 for one pair: the start gap when the activity is this workout from another source, else null.</summary>
    public static TimeSpan? Fits(Workout workout, IntervalsActivity activity, TimeZoneInfo fallbackZone)
    {
        if (activity.ExternalId?.StartsWith(WorkoutId.Prefix, StringComparison.Ordinal) == true)
        {
            return null;
        }

        var (start, end) = Extent(activity, workout, fallbackZone);
        if (start is not { } s)
        {
            return null;
        }

        var gap = (s - workout.Start).Duration();
        if (activity.Type is not { } type)
        {
            // A stub: no type, no duration; its start alone decides.
            return gap <= StartTolerance ? gap : null;
        }

        var ours = SportFamily.Of(workout);
        var theirs = SportFamily.Of(type);
        if (ours != theirs)
        {
            var generic = ours == GenericFamily || theirs == GenericFamily;
            return generic && end is { } e && OverlapOfLonger(workout.Start, workout.End, s, e) >= CloseOverlapShare ? gap : null;
        }

        if (gap <= StartTolerance && DurationMatches(workout, activity))
        {
            return gap;
        }

        return end is { } until && OverlapOfShorter(workout.Start, workout.End, s, until) >= OverlapShare ? gap : null;
    }

    /// <summary>
    /// Rule 2 for a batch: every (workout, activity) pair that fits, taken by increasing start gap, each workout and
    /// each activity at most once. Ties go to the earlier workout, then the smaller activity id, so runs agree.
    /// </summary>
    public static IReadOnlyDictionary<string, (IntervalsActivity Activity, TimeSpan Gap)> Assign(
        IEnumerable<Workout> workouts,
        IReadOnlyList<IntervalsActivity> activities,
        TimeZoneInfo fallbackZone)
    {
        var pairs = new List<(Workout Workout, IntervalsActivity Activity, TimeSpan Gap)>();
        foreach (var workout in workouts)
        {
            foreach (var activity in activities)
            {
                if (Fits(workout, activity, fallbackZone) is { } gap)
                {
                    pairs.Add((workout, activity, gap));
                }
            }
        }

        var matches = new Dictionary<string, (IntervalsActivity, TimeSpan)>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (workout, activity, gap) in pairs
            .OrderBy(p => p.Gap)
            .ThenBy(p => p.Workout.Start)
            .ThenBy(p => p.Workout.Id, StringComparer.Ordinal)
            .ThenBy(p => p.Activity.Id, StringComparer.Ordinal))
        {
            if (!matches.ContainsKey(workout.Id) && taken.Add(activity.Id))
            {
                matches[workout.Id] = (activity, gap);
            }
        }

        return matches;
    }

    /// <summary>Elapsed within 20% or 5 minutes (moving time against Apple's active time when the activity has no elapsed time); true when unknown.</summary>
    public static bool DurationMatches(Workout workout, IntervalsActivity activity)
    {
        var (theirs, ours) = activity.ElapsedTime is { } e
            ? (TimeSpan.FromSeconds(e), workout.Elapsed)
            : activity.MovingTime is { } m ? (TimeSpan.FromSeconds(m), workout.Duration) : ((TimeSpan?)null, TimeSpan.Zero);
        if (theirs is not { } t)
        {
            return true;
        }

        var tolerance = TimeSpan.FromSeconds(Math.Max(DurationFloor.TotalSeconds, ours.TotalSeconds * DurationShare));
        return (t - ours).Duration() <= tolerance;
    }

    /// <summary>How much of the shorter interval the two share (0 when they do not overlap).</summary>
    public static double OverlapOfShorter(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) =>
        Share(aStart, aEnd, bStart, bEnd, longer: false);

    /// <summary>How much of the longer interval the two share (0 when they do not overlap).</summary>
    public static double OverlapOfLonger(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) =>
        Share(aStart, aEnd, bStart, bEnd, longer: true);

    /// <summary>
    /// The activity's start and end as instants. Its start is <c>start_date</c>, else its local start read in the
    /// workout's zone (a stub); its end needs elapsed (else moving) time.
    /// </summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) Extent(IntervalsActivity activity, Workout workout, TimeZoneInfo fallbackZone)
    {
        DateTimeOffset? start = activity.StartDate;
        if (start is null && activity.StartDateLocal is { } local)
        {
            // The workout's offset at its start: a stub starts within minutes of it, never across a DST change that matters.
            var offset = WorkoutZone.Local(workout.Start, workout, fallbackZone).Offset;
            start = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        }

        var seconds = activity.ElapsedTime ?? activity.MovingTime;
        return (start, start is { } s && seconds is { } n ? s.AddSeconds(n) : null);
    }

    private static double Share(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd, bool longer)
    {
        var overlap = (aEnd < bEnd ? aEnd : bEnd) - (aStart > bStart ? aStart : bStart);
        var a = aEnd - aStart;
        var b = bEnd - bStart;
        var basis = longer ? (a > b ? a : b) : (a < b ? a : b);
        if (overlap <= TimeSpan.Zero || basis <= TimeSpan.Zero)
        {
            return 0;
        }

        return overlap.TotalSeconds / basis.TotalSeconds;
    }
}
