using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Session and lap totals: the workout's own figures for the session, a part's figures or a fair share for laps.</summary>
internal static class ActivityTotals
{
    public static SpanTotals Session(Workout workout, RecordSeries records)
    {
        var (average, maximum) = SpanTotals.HeartRateIn(workout, workout.Start, workout.End.AddTicks(1));
        return new SpanTotals(
            workout.Start,
            workout.End,
            SpanTotals.TimerTime(workout, workout.Start, workout.End),
            workout.DistanceMeters ?? (records.HasDistance ? records.FinalDistance : null),
            workout.EnergyKilocalories,
            workout.HeartRate?.Average ?? average,
            workout.HeartRate?.Maximum ?? maximum,
            workout.ElevationGainMeters);
    }

    /// <summary>
    /// One total per lap. Distance: a pool swim's lap has its lengths × the pool length (a rest lap 0); a part's lap
    /// has the part's own distance; the other laps share what the session has left after the parts, in proportion
    /// to the distance the records cover in them (by timer time when the records cover none), so laps add up to
    /// the session. lengthsPerLap is each lap's lengths for a pool swim (see <see cref="LapTiling.AssignLengths"/>), else empty.
    /// </summary>
    public static IReadOnlyList<SpanTotals> Laps(
        Workout workout,
        IReadOnlyList<LapSpan> laps,
        SpanTotals session,
        RecordSeries records,
        IReadOnlyList<(int First, int Count)> lengthsPerLap,
        double? poolLengthMeters)
    {
        if (laps.Count == 1)
        {
            return [session];
        }

        var timers = laps.Select(l => SpanTotals.TimerTime(workout, l.Start, l.End)).ToList();
        var distances = LapDistances(laps, timers, session, records, lengthsPerLap, poolLengthMeters);
        var result = new List<SpanTotals>(laps.Count);
        for (var i = 0; i < laps.Count; i++)
        {
            var lap = laps[i];
            var timer = timers[i];
            var share = session.Timer > TimeSpan.Zero
                ? timer / session.Timer
                : session.Elapsed > TimeSpan.Zero ? (lap.End - lap.Start) / session.Elapsed : 0;

            // The last lap's samples include the workout's final instant.
            var hrEnd = i == laps.Count - 1 ? lap.End.AddTicks(1) : lap.End;
            var (average, maximum) = SpanTotals.HeartRateIn(workout, lap.Start, hrEnd);
            result.Add(new SpanTotals(
                lap.Start,
                lap.End,
                timer,
                distances[i],
                lap.Part?.EnergyKilocalories ?? session.EnergyKilocalories * share,
                lap.Part?.AverageHeartRate ?? average,
                lap.Part?.MaximumHeartRate ?? maximum,
                null));
        }

        return result;
    }

    /// <summary>
    /// One total per multisport leg: a part's own figures where it has them, else the records' (heart rate) or a
    /// timer-time share of the session (energy). A transition carries no distance: the records there are no measure of one.
    /// </summary>
    public static IReadOnlyList<SpanTotals> Legs(Workout workout, IReadOnlyList<MultisportLeg> legs, SpanTotals session)
    {
        var result = new List<SpanTotals>(legs.Count);
        for (var i = 0; i < legs.Count; i++)
        {
            var leg = legs[i];
            var timer = SpanTotals.TimerTime(workout, leg.Start, leg.End);
            var share = session.Timer > TimeSpan.Zero ? timer / session.Timer : 0;
            var hrEnd = i == legs.Count - 1 ? leg.End.AddTicks(1) : leg.End;
            var (average, maximum) = SpanTotals.HeartRateIn(workout, leg.Start, hrEnd);
            result.Add(new SpanTotals(
                leg.Start,
                leg.End,
                timer,
                leg.Part?.DistanceMeters,
                leg.Part?.EnergyKilocalories ?? session.EnergyKilocalories * share,
                leg.Part?.AverageHeartRate ?? average,
                leg.Part?.MaximumHeartRate ?? maximum,
                null));
        }

        return result;
    }

    private static double?[] LapDistances(
        IReadOnlyList<LapSpan> laps,
        IReadOnlyList<TimeSpan> timers,
        SpanTotals session,
        RecordSeries records,
        IReadOnlyList<(int First, int Count)> lengthsPerLap,
        double? poolLengthMeters)
    {
        var distances = new double?[laps.Count];
        if (lengthsPerLap.Count == laps.Count && poolLengthMeters is { } pool)
        {
            // A pool swim's distance is counted in lengths, not measured: a lap without lengths is a rest.
            for (var i = 0; i < laps.Count; i++)
            {
                distances[i] = lengthsPerLap[i].Count * pool;
            }

            return distances;
        }

        var others = new List<int>();
        var partsTotal = 0.0;
        for (var i = 0; i < laps.Count; i++)
        {
            if (laps[i].Part?.DistanceMeters is { } partDistance)
            {
                distances[i] = partDistance;
                partsTotal += partDistance;
            }
            else
            {
                others.Add(i);
            }
        }

        if (others.Count == 0)
        {
            return distances;
        }

        var covered = new Dictionary<int, double>();
        if (records.FinalDistance is not null)
        {
            foreach (var i in others)
            {
                var from = records.DistanceAt(laps[i].Start) ?? 0;
                var to = records.DistanceAt(laps[i].End) ?? 0;
                covered[i] = Math.Max(to - from, 0);
            }
        }

        if (session.DistanceMeters is not { } sessionDistance)
        {
            // No total to answer to: the records' own figures, if any.
            foreach (var i in others)
            {
                distances[i] = covered.TryGetValue(i, out var d) ? d : null;
            }

            return distances;
        }

        var left = Math.Max(sessionDistance - partsTotal, 0);
        var coveredTotal = covered.Values.Sum();
        var timerTotal = others.Aggregate(TimeSpan.Zero, (sum, i) => sum + timers[i]);
        var elapsedTotal = others.Aggregate(TimeSpan.Zero, (sum, i) => sum + (laps[i].End - laps[i].Start));
        foreach (var i in others)
        {
            var weight = coveredTotal > 0 ? covered[i] / coveredTotal
                : timerTotal > TimeSpan.Zero ? timers[i] / timerTotal
                : elapsedTotal > TimeSpan.Zero ? (laps[i].End - laps[i].Start) / elapsedTotal
                : 1.0 / others.Count;
            distances[i] = left * weight;
        }

        return distances;
    }
}
