using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>One leg of a multisport activity: a part in its own sport, or a transition between parts.</summary>
internal sealed record MultisportLeg(DateTimeOffset Start, DateTimeOffset End, SportMapping Sport, WorkoutPart? Part);

/// <summary>Splits a multisport workout (a SwimBikeRun, or parts of different activity types) into legs that tile it.</summary>
/// <remarks>
/// A gap of a second or more before, between or after the parts is a transition leg (FIT sport 3), as a part without
/// a known type is; shorter gaps are rounding between Apple Health's instants and go to the next leg.
/// </remarks>
internal static class MultisportLegs
{
    public const string SwimBikeRun = "HKWorkoutActivityTypeSwimBikeRun";

    public static readonly SportMapping Transition = new(3, 0, "Transition");

    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    /// <summary>The legs, or null when the workout is not multisport (one sport: laps in one session, as before).</summary>
    public static IReadOnlyList<MultisportLeg>? Of(Workout workout)
    {
        var parts = workout.Parts.Where(p => p.End > p.Start).OrderBy(p => p.Start).ToList();
        var types = parts.Select(p => p.ActivityType).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        if (parts.Count < 2 || (types < 2 && workout.ActivityType != SwimBikeRun))
        {
            return null;
        }

        var legs = new List<MultisportLeg>();
        var cursor = workout.Start;
        foreach (var part in parts)
        {
            var start = part.Start > cursor ? part.Start : cursor;
            var end = part.End < workout.End ? part.End : workout.End;
            if (end <= start)
            {
                continue;
            }

            if (start - cursor >= MinimumGap)
            {
                legs.Add(new MultisportLeg(cursor, start, Transition, null));
                cursor = start;
            }

            legs.Add(new MultisportLeg(cursor, end, SportOf(part, workout), part));
            cursor = end;
        }

        if (workout.End - cursor >= MinimumGap)
        {
            legs.Add(new MultisportLeg(cursor, workout.End, Transition, null));
        }
        else if (legs.Count > 0)
        {
            legs[^1] = legs[^1] with { End = workout.End };
        }

        return legs.Count >= 2 ? legs : null;
    }

    private static SportMapping SportOf(WorkoutPart part, Workout workout) =>
        part.ActivityType is { } type && type != "HKWorkoutActivityTypeTransition"
            ? SportMappings.For(type, workout.Indoor, workout.SwimLocation)
            : Transition;
}
