using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Turns a workout's chosen laps into laps that tile its whole span, as FIT readers expect.</summary>
/// <remarks>
/// Gaps and the tail become laps of their own; a gap under a second is absorbed by the next lap, since it
/// is rounding between Apple Health's sub-second instants, not a lap anyone ran.
/// </remarks>
internal static class LapTiling
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<LapSpan> Tile(Workout workout)
    {
        var laps = new List<LapSpan>();
        var cursor = workout.Start;
        foreach (var lap in workout.Laps.OrderBy(l => l.Start).ThenBy(l => l.End))
        {
            var start = lap.Start > cursor ? lap.Start : cursor;
            var end = lap.End < workout.End ? lap.End : workout.End;
            if (end <= start)
            {
                continue;
            }

            if (start - cursor >= MinimumGap)
            {
                laps.Add(new LapSpan(cursor, start, null));
                cursor = start;
            }

            var part = lap.Kind == LapKind.Part
                ? workout.Parts.FirstOrDefault(p => p.Start == lap.Start && p.End == lap.End)
                : null;
            laps.Add(new LapSpan(cursor, end, part));
            cursor = end;
        }

        if (workout.End - cursor >= MinimumGap || laps.Count == 0)
        {
            laps.Add(new LapSpan(cursor, workout.End, null));
        }
        else if (cursor < workout.End)
        {
            laps[^1] = laps[^1] with { End = workout.End };
        }

        return laps;
    }

    /// <summary>
    /// Which pool lengths each lap holds, as (index of its first length, number of lengths): a length belongs to the
    /// lap it starts in, and the last lap takes any that start after it. <paramref name="lengths"/> is in time order.
    /// </summary>
    public static IReadOnlyList<(int First, int Count)> AssignLengths(IReadOnlyList<LapSpan> laps, IReadOnlyList<SwimLength> lengths)
    {
        var result = new List<(int First, int Count)>(laps.Count);
        var next = 0;
        for (var i = 0; i < laps.Count; i++)
        {
            var first = next;
            while (next < lengths.Count && (i == laps.Count - 1 || lengths[next].Start < laps[i].End))
            {
                next++;
            }

            result.Add((first, next - first));
        }

        return result;
    }
}
