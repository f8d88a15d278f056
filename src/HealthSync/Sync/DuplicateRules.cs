using HealthSync.Intervals;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Rule 2: is this workout already in Intervals.icu from another source (Garmin, Strava, Zwift, a manual entry)?</summary>
/// <remarks>
/// Tolerances, and why (docs/sync.md has the long form):
/// <list type="bullet">
/// <item>Start within 5 minutes. Two recorders of one session are started by hand, one after the other (watch, then
/// bike computer or phone): seconds apart, a minute or two when one is started after a warm-up. Device clocks are
/// GPS- or network-synced to within a second, so clock drift is not the concern; 5 minutes also covers Zwift's
/// activity starting at "ride on" while the watch was started in the pain cave. Two different sessions of one
/// sport starting within 5 minutes of each other do not happen.</item>
/// <item>Elapsed time within 20% or 5 minutes, whichever is more: the stop buttons differ like the starts, and
/// auto-pause only changes moving time, so elapsed is compared (moving against Apple's active duration when the
/// activity has no elapsed time). Manual entries are typed rounded ("45 min"), hence the floor.</item>
/// <item>Same sport family (Ride ≈ GravelRide ≈ VirtualRide; Walk ≈ Hike): sources disagree on the exact type.</item>
/// <item>Strava stubs carry only <c>start_date_local</c>: matched on local start alone, within the same 5 minutes,
/// with the workout's start converted to its own zone (HKTimeZone, else the time-zone setting).</item>
/// <item>Activities whose <c>external_id</c> is another HealthSync workout id are never matched here: those are
/// Apple Health workouts, and two of one session are rule 3's business.</item>
/// </list>
/// </remarks>
internal static class DuplicateRules
{
    public static readonly TimeSpan StartTolerance = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DurationFloor = TimeSpan.FromMinutes(5);
    public const double DurationShare = 0.2;

    /// <summary>The activity uploaded for this workout by HealthSync (rule 1), found by external_id.</summary>
    public static IntervalsActivity? Uploaded(Workout workout, IEnumerable<IntervalsActivity> activities) =>
        activities.FirstOrDefault(a => string.Equals(a.ExternalId, workout.Id, StringComparison.Ordinal));

    /// <summary>The closest matching activity from another source not yet claimed by another workout; null when none.</summary>
    public static IntervalsActivity? OtherSource(Workout workout, TimeZoneInfo fallbackZone, IEnumerable<IntervalsActivity> activities, ISet<string> claimed)
    {
        var localStart = WorkoutZone.LocalStart(workout, fallbackZone);
        var family = SportFamily.Of(workout);
        IntervalsActivity? best = null;
        var bestGap = TimeSpan.MaxValue;
        foreach (var activity in activities)
        {
            if (claimed.Contains(activity.Id) || activity.ExternalId?.StartsWith(WorkoutId.Prefix, StringComparison.Ordinal) == true)
            {
                continue;
            }

            var gap = StartGap(workout, localStart, activity);
            if (gap is not { } g || g > StartTolerance || g >= bestGap)
            {
                continue;
            }

            if (activity.Type is { } type && SportFamily.Of(type) != family)
            {
                continue;
            }

            if (!DurationMatches(workout, activity))
            {
                continue;
            }

            best = activity;
            bestGap = g;
        }

        return best;
    }

    /// <summary>How far apart the workout's start and the activity's are (local starts for a stub).</summary>
    public static TimeSpan Gap(IntervalsActivity activity, Workout workout, TimeZoneInfo fallbackZone) =>
        StartGap(workout, WorkoutZone.LocalStart(workout, fallbackZone), activity) ?? TimeSpan.Zero;

    private static TimeSpan? StartGap(Workout workout, DateTime localStart, IntervalsActivity activity)
    {
        if (activity.StartDate is { } utc)
        {
            return (utc - workout.Start).Duration();
        }

        return activity.StartDateLocal is { } local ? (local - localStart).Duration() : null;
    }

    private static bool DurationMatches(Workout workout, IntervalsActivity activity)
    {
        var (theirs, ours) = activity.ElapsedTime is { } e
            ? (TimeSpan.FromSeconds(e), workout.Elapsed)
            : activity.MovingTime is { } m ? (TimeSpan.FromSeconds(m), workout.Duration) : ((TimeSpan?)null, TimeSpan.Zero);
        if (theirs is not { } t)
        {
            return true; // a stub: the start alone decides
        }

        var tolerance = TimeSpan.FromSeconds(Math.Max(DurationFloor.TotalSeconds, ours.TotalSeconds * DurationShare));
        return (t - ours).Duration() <= tolerance;
    }
}
