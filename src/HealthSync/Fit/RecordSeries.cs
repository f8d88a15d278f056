using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Merges a workout's samples and route into one record per second, in time order.</summary>
/// <remarks>
/// A sample belongs to the second its interval ends in (a point sample's start and end are equal), so a
/// cumulative distance at a record covers everything up to that record. Samples outside the workout are
/// dropped (a route file from another day contributes nothing). There is always a record at the workout's first and last second: an activity must have records.
/// When the workout knows its total distance, the cumulative distance ends at that total: distance samples or a
/// route that moved are scaled to it, the timer time they do not cover first filled at their own average pace;
/// otherwise (no series, or a route that stayed in one spot) the total is spread linearly over timer time, pauses
/// excluded.
/// </remarks>
internal sealed class RecordSeries
{
    private const double EarthRadiusMeters = 6_371_008.8;

    private readonly Workout _workout;

    /// <summary>The workout's total when record distance is interpolated over timer time; null when it follows data.</summary>
    private readonly double? _interpolatedTotal;

    private RecordSeries(Workout workout, IReadOnlyList<RecordPoint> points, bool hasPosition, bool hasDistance, double? interpolatedTotal)
    {
        _workout = workout;
        Points = points;
        HasPosition = hasPosition;
        HasDistance = hasDistance;
        _interpolatedTotal = interpolatedTotal;
    }

    public IReadOnlyList<RecordPoint> Points { get; }

    public bool HasPosition { get; }

    /// <summary>True when distance came from samples or the route (not just the workout's total).</summary>
    /// <remarks>When the workout knows its total, the record distance ends at it either way (see <see cref="Build"/>).</remarks>
    public bool HasDistance { get; }

    public bool HasHeartRate => Points.Any(p => p.HeartRate is not null);

    /// <summary>Cumulative distance at the end of the series, or null without distance data.</summary>
    public double? FinalDistance => Points[^1].DistanceMeters;

    public static RecordSeries Build(Workout workout, bool includeRoute)
    {
        var byTime = new Dictionary<uint, RecordPoint>();

        RecordPoint At(DateTimeOffset instant)
        {
            var time = FitTime.Seconds(instant);
            if (!byTime.TryGetValue(time, out var point))
            {
                point = new RecordPoint(time);
                byTime.Add(time, point);
            }

            return point;
        }

        bool Inside(DateTimeOffset instant) => instant >= workout.Start && instant <= workout.End;

        foreach (var sample in workout.HeartRate?.Samples ?? [])
        {
            if (Inside(sample.End))
            {
                At(sample.End).HeartRate = sample.Value;
            }
        }

        foreach (var sample in workout.PowerSamples.Where(s => Inside(s.End)))
        {
            At(sample.End).Power = sample.Value;
        }

        foreach (var sample in workout.CadenceSamples.Where(s => Inside(s.End)))
        {
            At(sample.End).Cadence = sample.Value;
        }

        foreach (var sample in workout.SpeedSamples.Where(s => Inside(s.End)))
        {
            At(sample.End).Speed = sample.Value;
        }

        var hasDistance = false;

        // The stretch of the workout the distance data covers; outside it the workout went on unmeasured.
        (DateTimeOffset From, DateTimeOffset To)? covered = null;
        var distanceSamples = workout.DistanceSamples.Where(s => Inside(s.End)).OrderBy(s => s.End).ToList();
        if (distanceSamples.Count > 0)
        {
            hasDistance = true;
            covered = (Max(distanceSamples.Min(s => s.Start), workout.Start), distanceSamples[^1].End);
            var total = 0.0;
            foreach (var sample in distanceSamples)
            {
                total += Math.Max(sample.Value, 0);
                At(sample.End).DistanceMeters = total;
            }
        }

        var hasPosition = false;
        var route = workout.Route.Where(p => Inside(p.Time)).ToList();
        if (route.Count > 0)
        {
            var fromRoute = !hasDistance;
            hasDistance = true;
            covered ??= (route[0].Time, route[^1].Time);
            hasPosition = includeRoute;
            var total = 0.0;
            RoutePoint? previous = null;
            var speedFromSamples = workout.SpeedSamples.Count > 0;
            foreach (var fix in route)
            {
                var point = At(fix.Time);
                // Several fixes in one second: the first one speaks for that second.
                if (includeRoute && point.Latitude is null)
                {
                    point.Latitude = FitTime.Semicircles(fix.Latitude);
                    point.Longitude = FitTime.Semicircles(fix.Longitude);
                    point.AltitudeMeters = fix.Altitude ?? point.AltitudeMeters;
                    if (!speedFromSamples && fix.Speed is >= 0)
                    {
                        point.Speed = fix.Speed;
                    }
                }

                if (fromRoute)
                {
                    total += previous is { } p ? Haversine(p, fix) : 0;
                    point.DistanceMeters = total;
                }

                previous = fix;
            }
        }

        var first = At(workout.Start);
        var last = At(workout.End);
        var points = byTime.Values.OrderBy(p => p.Time).ToList();

        if (hasDistance)
        {
            first.DistanceMeters ??= 0;
        }

        // Cumulative distance is a step function: carry it forward and never let it go back.
        double? carried = null;
        foreach (var point in points)
        {
            if (point.DistanceMeters is { } d)
            {
                carried = Math.Max(d, carried ?? 0);
            }

            point.DistanceMeters = carried;
        }

        // The workout's own total is the truth the session carries; the records must end there too, or readers
        // that take distance from the records (and the laps, which do) disagree with the session.
        double? interpolatedTotal = null;
        if (workout.DistanceMeters is { } known && double.IsFinite(known) && known >= 0)
        {
            var measured = last.DistanceMeters ?? 0;
            if (hasDistance && measured > 0)
            {
                // Samples or a route that moved: keep their shape, fill the stretches they do not cover at their
                // own pace, then stretch or shrink the whole to the total.
                FillUncovered(workout, points, covered!.Value, measured);
                var factor = known / last.DistanceMeters!.Value;
                foreach (var point in points)
                {
                    point.DistanceMeters = Math.Min(point.DistanceMeters!.Value * factor, known);
                }

                last.DistanceMeters = known;
            }
            else
            {
                // Nothing measured how the distance was covered (no series, or a route that stayed put):
                // spread the total evenly over the time the timer ran.
                interpolatedTotal = known;
                foreach (var point in points)
                {
                    point.DistanceMeters = Linear(workout, known, FitTime.Epoch.AddSeconds(point.Time));
                }

                last.DistanceMeters = known;
            }
        }

        return new RecordSeries(workout, points, hasPosition, hasDistance, interpolatedTotal);
    }

    /// <summary>
    /// Gives the timer time before and after the covered stretch the covered stretch's average pace: a route that
    /// starts late (no GPS fix yet) or stops early (the watch lost the phone) leaves the workout's laps there with
    /// their share of the distance, instead of none and the covered part too fast.
    /// </summary>
    /// <remarks>Before: 0 carried; inside: lead + what was measured; after: lead + measured + trail so far.</remarks>
    private static void FillUncovered(Workout workout, List<RecordPoint> points, (DateTimeOffset From, DateTimeOffset To) covered, double measured)
    {
        var from = Second(covered.From);
        var to = Second(covered.To);
        var inside = SpanTotals.TimerTime(workout, from, to).TotalSeconds;
        if (inside <= 0)
        {
            return;
        }

        var pace = measured / inside; // meters per second of timer time
        var lead = pace * SpanTotals.TimerTime(workout, workout.Start, from).TotalSeconds;
        foreach (var point in points)
        {
            var at = FitTime.Epoch.AddSeconds(point.Time);
            if (at <= from)
            {
                point.DistanceMeters = pace * SpanTotals.TimerTime(workout, workout.Start, at).TotalSeconds;
            }
            else if (at >= to)
            {
                point.DistanceMeters = lead + measured + (pace * SpanTotals.TimerTime(workout, to, at).TotalSeconds);
            }
            else
            {
                point.DistanceMeters = lead + point.DistanceMeters!.Value;
            }
        }
    }

    private static DateTimeOffset Second(DateTimeOffset instant) => FitTime.Epoch.AddSeconds(FitTime.Seconds(instant));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// The cumulative distance at an instant: the workout's total spread over timer time when nothing measured
    /// the distance, else the records' values interpolated by timer time between the records around the instant
    /// (null when none at or before it is known).
    /// </summary>
    /// <remarks>
    /// Interpolated, not the value of the record before: records exist only at seconds with data, so a lap that ends
    /// in a stretch without any (before a route's first fix, or in a gap where the GPS was lost) would otherwise get
    /// 0 m and the next lap the whole stretch, though the filled-in distance is there at the next record.
    /// </remarks>
    public double? DistanceAt(DateTimeOffset instant) =>
        _interpolatedTotal is { } total ? Linear(_workout, total, instant) : Interpolated(instant);

    /// <summary>The total × the share of the workout's timer time (pauses excluded) that has run by the instant.</summary>
    private static double Linear(Workout workout, double total, DateTimeOffset instant)
    {
        if (instant >= workout.End)
        {
            return total;
        }

        if (instant <= workout.Start)
        {
            return 0;
        }

        var timer = SpanTotals.TimerTime(workout, workout.Start, workout.End);
        if (timer > TimeSpan.Zero)
        {
            return Math.Min(total * (SpanTotals.TimerTime(workout, workout.Start, instant) / timer), total);
        }

        // Paused throughout: elapsed time is all there is to go by.
        return Math.Min(total * ((instant - workout.Start) / workout.Elapsed), total);
    }

    /// <summary>The records' distance at an instant, interpolated by timer time between the records around it.</summary>
    private double? Interpolated(DateTimeOffset instant)
    {
        var before = IndexAtOrBefore(FitTime.Seconds(instant));
        if (before < 0 || Points[before].DistanceMeters is not { } from)
        {
            return null;
        }

        var at = FitTime.Epoch.AddSeconds(Points[before].Time);
        if (instant <= at || before == Points.Count - 1 || Points[before + 1].DistanceMeters is not { } to)
        {
            return from;
        }

        var next = FitTime.Epoch.AddSeconds(Points[before + 1].Time);
        var span = SpanTotals.TimerTime(_workout, at, next);

        // Paused from one record to the next: the distance moved at neither end of the pause, so hold it.
        return span > TimeSpan.Zero ? from + ((to - from) * (SpanTotals.TimerTime(_workout, at, instant) / span)) : from;
    }

    /// <summary>The index of the last record at or before a FIT time, or -1.</summary>
    private int IndexAtOrBefore(uint time)
    {
        var found = -1;
        var lo = 0;
        var hi = Points.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Points[mid].Time <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static double Haversine(RoutePoint a, RoutePoint b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
