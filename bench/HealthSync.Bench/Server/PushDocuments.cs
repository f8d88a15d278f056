using System.Globalization;
using System.Text;

namespace HealthSync.Bench.Server;

/// <summary>Health Auto Export v2 documents as the app pushes them (shaped after ../shared/reference/health-auto-export.md).</summary>
internal static class PushDocuments
{
    /// <summary>A 1-hour "Outdoor Walk" ending at <paramref name="end"/>, with 1 Hz heart rate and a 1 Hz route, pretty-printed as the app does (about 2 MB).</summary>
    public static byte[] HourWalk(Guid id, DateTimeOffset end)
    {
        const int Seconds = 60 * 60;
        var start = end.AddSeconds(-Seconds);
        var sb = new StringBuilder(3 << 20);
        Head(sb, id, start, end, Seconds, distanceKm: 5.6);
        sb.Append("        \"heartRateData\" : [\n");
        for (var i = 0; i < Seconds; i++)
        {
            var bpm = 100 + (i % 20);
            sb.Append(CultureInfo.InvariantCulture, $"          {{\n            \"date\" : \"{Date(start.AddSeconds(i))}\",\n            \"Min\" : {bpm},\n            \"Avg\" : {bpm},\n            \"Max\" : {bpm},\n            \"units\" : \"count/min\",\n            \"source\" : \"Apple Watch\"\n          }}{Comma(i, Seconds)}\n");
        }

        sb.Append("        ],\n        \"route\" : [\n");
        for (var i = 0; i < Seconds; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"          {{\n            \"latitude\" : {47.3769 + (i * 0.00001):0.0000000},\n            \"longitude\" : {8.5417 + (i * 0.000015):0.0000000},\n            \"altitude\" : {408 + ((i % 50) * 0.1):0.0},\n            \"speed\" : 1.55,\n            \"course\" : 87.5,\n            \"timestamp\" : \"{Date(start.AddSeconds(i))}\",\n            \"horizontalAccuracy\" : 3.9,\n            \"verticalAccuracy\" : 2.8,\n            \"speedAccuracy\" : 0.4,\n            \"courseAccuracy\" : 12.5\n          }}{Comma(i, Seconds)}\n");
        }

        sb.Append("        ],\n        \"metadata\" : {}\n      }\n    ]\n  }\n}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// A typical small push: one 30-minute "Outdoor Walk" with its summary and per-minute heart rate, energy and
    /// distance (routes off), pretty-printed (about 20 KB).
    /// </summary>
    public static byte[] HalfHourWalk(Guid id, DateTimeOffset start)
    {
        const int Minutes = 30;
        var sb = new StringBuilder(32 << 10);
        Head(sb, id, start, start.AddMinutes(Minutes), Minutes * 60, distanceKm: 2.7);
        Series(sb, "heartRateData", start, Minutes, i => FormattableString.Invariant($"\"Min\" : {95 + (i % 7)}, \"Avg\" : {101 + (i % 9)}, \"Max\" : {110 + (i % 11)}, \"units\" : \"count/min\""));
        Series(sb, "activeEnergy", start, Minutes, i => FormattableString.Invariant($"\"qty\" : {17.5 + (i % 4)}, \"units\" : \"kJ\""));
        Series(sb, "walkingAndRunningDistance", start, Minutes, i => FormattableString.Invariant($"\"qty\" : {0.088 + (i % 3 * 0.002):0.000}, \"units\" : \"km\""));
        sb.Append("        \"metadata\" : {}\n      }\n    ]\n  }\n}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Head(StringBuilder sb, Guid id, DateTimeOffset start, DateTimeOffset end, int seconds, double distanceKm)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{{\n  \"data\" : {{\n    \"workouts\" : [\n      {{\n        \"id\" : \"{id.ToString().ToUpperInvariant()}\",\n        \"name\" : \"Outdoor Walk\",\n");
        sb.Append(CultureInfo.InvariantCulture, $"        \"start\" : \"{Date(start)}\",\n        \"end\" : \"{Date(end)}\",\n        \"duration\" : {seconds},\n");
        sb.Append("        \"location\" : \"Outdoor\",\n        \"isIndoor\" : false,\n");
        sb.Append(CultureInfo.InvariantCulture, $"        \"distance\" : {{\"qty\" : {distanceKm}, \"units\" : \"km\"}},\n        \"activeEnergyBurned\" : {{\"qty\" : {seconds * 0.3:0.0}, \"units\" : \"kJ\"}},\n");
        sb.Append("        \"elevationUp\" : {\"qty\" : 18.5, \"units\" : \"m\"},\n");
        sb.Append("        \"heartRate\" : {\"min\" : {\"qty\" : 92, \"units\" : \"bpm\"}, \"avg\" : {\"qty\" : 106.4, \"units\" : \"bpm\"}, \"max\" : {\"qty\" : 121, \"units\" : \"bpm\"}},\n");
    }

    private static void Series(StringBuilder sb, string name, DateTimeOffset start, int minutes, Func<int, string> values)
    {
        sb.Append(CultureInfo.InvariantCulture, $"        \"{name}\" : [\n");
        for (var i = 0; i < minutes; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"          {{\n            \"date\" : \"{Date(start.AddMinutes(i))}\",\n            {values(i)},\n            \"source\" : \"Apple Watch\"\n          }}{Comma(i, minutes)}\n");
        }

        sb.Append("        ],\n");
    }

    private static string Comma(int i, int count) => i + 1 < count ? "," : string.Empty;

    /// <summary>HAE's form: "2026-05-03 07:12:04 +0200".</summary>
    private static string Date(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(23, 1);
}
