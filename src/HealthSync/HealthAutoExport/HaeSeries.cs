using System.Text.Json;
using HealthSync.Workouts;
using static HealthSync.HealthAutoExport.HaeJson;

namespace HealthSync.HealthAutoExport;

/// <summary>The time series of one HAE workout: heart rate, per-sample amounts and the route, kept inside the workout.</summary>
internal sealed class HaeSeries(DateTimeOffset start, DateTimeOffset end, Action<string> partly)
{
    // HAE groups heart rate by the second or the minute (an app setting), each entry dated at its group's start:
    // the group that began up to a minute before the workout still overlaps it.
    private static readonly TimeSpan GroupSlack = TimeSpan.FromMinutes(1);

    private const int SourceSampleSize = 50;

    /// <summary>Summary and samples from `heartRate` {min, avg, max} (v2), flat `avgHeartRate`/`maxHeartRate` (v1) and `heartRateData`.</summary>
    /// <remarks>
    /// Never `heartRateRecovery`: that is the minutes after the workout. One app version sent recovery entries inside
    /// `heartRateData`, so entries after the workout's end are dropped as well.
    /// </remarks>
    public HeartRateSummary? HeartRate(JsonElement json)
    {
        var samples = new List<QuantitySample>();
        double? sampleMax = null;
        var dropped = 0;
        foreach (var entry in Items(json, "heartRateData"))
        {
            // v2: capitalised Min/Avg/Max; v1: qty.
            var value = Number(Prop(entry, "Avg")) ?? Number(Prop(entry, "qty"));
            if (value is not { } bpm || !TryDate(entry, "date", out var date))
            {
                continue;
            }

            if (date > end || date <= start - GroupSlack)
            {
                dropped++;
                continue;
            }

            samples.Add(new QuantitySample(date, date, bpm));
            var max = Number(Prop(entry, "Max")) ?? bpm;
            sampleMax = sampleMax is { } m ? Math.Max(m, max) : max;
        }

        if (dropped > 0)
        {
            partly($"{dropped} heart-rate entr{(dropped == 1 ? "y" : "ies")} outside the workout's time left out");
        }

        var summary = Prop(json, "heartRate");
        var average = Quantity(Prop(summary ?? default, "avg"))?.Value ?? Quantity(Prop(json, "avgHeartRate"))?.Value;
        var maximum = Quantity(Prop(summary ?? default, "max"))?.Value ?? Quantity(Prop(json, "maxHeartRate"))?.Value;
        if (average is null && maximum is null && samples.Count == 0)
        {
            return null;
        }

        samples.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new HeartRateSummary(
            average ?? (samples.Count > 0 ? samples.Average(s => s.Value) : null),
            maximum ?? sampleMax,
            samples);
    }

    /// <summary>A `[{"date", "qty", "units"}]` series as point samples inside the workout, in canonical units.</summary>
    public IReadOnlyList<QuantitySample> Samples(JsonElement json, string field, Func<string?, double?> factorOf)
    {
        List<QuantitySample>? samples = null;
        string? unknownUnit = null;
        foreach (var entry in Items(json, field))
        {
            if (Number(Prop(entry, "qty")) is not { } value || !TryDate(entry, "date", out var date) || date < start || date > end)
            {
                continue;
            }

            var units = Text(Prop(entry, "units"));
            if (factorOf(units) is not { } factor)
            {
                unknownUnit ??= units ?? "(none)";
                continue;
            }

            if (!double.IsFinite(value * factor))
            {
                continue; // 1e308 km in metres
            }

            (samples ??= []).Add(new QuantitySample(date, date, value * factor));
        }

        if (unknownUnit is not null)
        {
            partly($"{field} entries in the unknown unit \"{unknownUnit}\" left out");
        }

        if (samples is null)
        {
            return [];
        }

        samples.Sort((a, b) => a.Start.CompareTo(b.Start));
        return samples;
    }

    /// <summary>The route: `latitude`/`longitude` (v2) or `lat`/`lon` (v1), with altitude, speed, course and accuracy.</summary>
    public IReadOnlyList<RoutePoint> Route(JsonElement json)
    {
        if (Prop(json, "route") is not { ValueKind: JsonValueKind.Array } route)
        {
            return [];
        }

        var points = new List<RoutePoint>(route.GetArrayLength());
        int skipped = 0, outside = 0;
        foreach (var point in route.EnumerateArray())
        {
            var latitude = Number(Prop(point, "latitude", "lat"));
            var longitude = Number(Prop(point, "longitude", "lon"));
            if (latitude is not (>= -90 and <= 90) || longitude is not (>= -180 and <= 180) || !TryDate(point, "timestamp", out var time))
            {
                skipped++;
                continue;
            }

            if (time < start - WorkoutSanity.SampleSlack || time > end + WorkoutSanity.SampleSlack)
            {
                outside++; // a clock gone wrong (a point dated 9999): kept, it would stretch the route over years
                continue;
            }

            points.Add(new RoutePoint(
                time,
                latitude.Value,
                longitude.Value,
                Number(Prop(point, "altitude")),
                NonNegative(Number(Prop(point, "speed"))),
                NonNegative(Number(Prop(point, "course"))),
                NonNegative(Number(Prop(point, "horizontalAccuracy")))));
        }

        if (skipped > 0)
        {
            partly($"{skipped} route point(s) without a position or time left out");
        }

        if (outside > 0)
        {
            partly($"{outside} route point(s) dated more than an hour outside the workout left out");
        }

        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time < points[i - 1].Time)
            {
                return [.. points.OrderBy(p => p.Time)];
            }
        }

        return points;
    }

    /// <summary>The app or device the series name (`"source": "Apple Watch"`, "Connect"), the most frequent one; null when none does.</summary>
    /// <remarks>The workout object itself names no source; its samples do, and Garmin Connect or Strava imports show there.</remarks>
    public static string? SourceName(JsonElement json)
    {
        if (Text(Prop(json, "source")) is { Length: > 0 } own)
        {
            return own;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in (string[])["heartRateData", "walkingAndRunningDistance", "cyclingDistance", "swimDistance", "activeEnergy", "stepCount"])
        {
            // The first entries tell as well as all of them, and a 1 Hz series would make thousands of strings.
            foreach (var entry in Items(json, field).Take(SourceSampleSize))
            {
                if (Text(Prop(entry, "source")) is { Length: > 0 } source)
                {
                    counts[source] = counts.GetValueOrDefault(source) + 1;
                }
            }
        }

        return counts.Count == 0 ? null : counts.MaxBy(c => c.Value).Key;
    }

    private static double? NonNegative(double? value) => value is >= 0 ? value : null; // CoreLocation writes -1 for "invalid"

    private static bool TryDate(JsonElement entry, string name, out DateTimeOffset date)
    {
        date = default;
        return Prop(entry, name) is { } value && HaeDate.TryParse(value, out date);
    }
}
