using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Merges a workout's samples and route into one record per second, in time order.</summary>
/// <remarks>
/// A sample belongs to the second its interval ends in (a point sample's start and end are equal), so a
/// cumulative distance at a record covers everything up to that record. Samples outside the workout are
/// dropped (a route file from another day contributes nothing). There is always a record at the workout's first and last second: an activity must have records.
/// </remarks>
internal sealed class RecordSeries
{
    private const double EarthRadiusMeters = 6_371_008.8;

    private RecordSeries(IReadOnlyList<RecordPoint> points, bool hasPosition, bool hasDistance)
    {
        Points = points;
        HasPosition = hasPosition;
        HasDistance = hasDistance;
    }

    public IReadOnlyList<RecordPoint> Points { get; }

    public bool HasPosition { get; }

    /// <summary>True when distance came from samples or the route (not just the workout's total).</summary>
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
        var distanceSamples = workout.DistanceSamples.Where(s => Inside(s.End)).OrderBy(s => s.End).ToList();
        if (distanceSamples.Count > 0)
        {
            hasDistance = true;
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
        else if (workout.DistanceMeters is { } totalDistance)
        {
            // No series: the total still belongs at the end, so readers that sum records agree with the session.
            first.DistanceMeters = 0;
            last.DistanceMeters = totalDistance;
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

        return new RecordSeries(points, hasPosition, hasDistance);
    }

    /// <summary>The cumulative distance at or before a time, or null when none is known.</summary>
    public double? DistanceAt(uint time)
    {
        double? found = null;
        var lo = 0;
        var hi = Points.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Points[mid].Time <= time)
            {
                found = Points[mid].DistanceMeters;
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
