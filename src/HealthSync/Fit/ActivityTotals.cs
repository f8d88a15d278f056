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

    public static IReadOnlyList<SpanTotals> Laps(Workout workout, IReadOnlyList<LapSpan> laps, SpanTotals session, RecordSeries records)
    {
        if (laps.Count == 1)
        {
            return [session];
        }

        var result = new List<SpanTotals>(laps.Count);
        for (var i = 0; i < laps.Count; i++)
        {
            var lap = laps[i];
            var timer = SpanTotals.TimerTime(workout, lap.Start, lap.End);
            var share = session.Timer > TimeSpan.Zero
                ? timer / session.Timer
                : session.Elapsed > TimeSpan.Zero ? (lap.End - lap.Start) / session.Elapsed : 0;

            var distance = lap.Part?.DistanceMeters;
            if (distance is null && records.HasDistance)
            {
                distance = (records.DistanceAt(FitTime.Seconds(lap.End)) ?? 0) - (records.DistanceAt(FitTime.Seconds(lap.Start)) ?? 0);
            }

            distance ??= session.DistanceMeters * share;

            // The last lap's samples include the workout's final instant.
            var hrEnd = i == laps.Count - 1 ? lap.End.AddTicks(1) : lap.End;
            var (average, maximum) = SpanTotals.HeartRateIn(workout, lap.Start, hrEnd);
            result.Add(new SpanTotals(
                lap.Start,
                lap.End,
                timer,
                distance,
                lap.Part?.EnergyKilocalories ?? session.EnergyKilocalories * share,
                lap.Part?.AverageHeartRate ?? average,
                lap.Part?.MaximumHeartRate ?? maximum,
                null));
        }

        return result;
    }
}
