using System.Globalization;
using System.Text;
using HealthSync.HealthAutoExport;
using HealthSync.Workouts;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>Small Health Auto Export documents written for these tests (shaped after ../shared/reference/health-auto-export.md), and a reader helper.</summary>
internal static class HaeFixtures
{
    /// <summary>v2, English, a walk with a route, heart rate (with a recovery series and one entry after the end) and kJ.</summary>
    public const string V2EnglishWalk = """
        {"data": {"workouts": [{
          "id": "6F1C2A9E-0B7D-4E55-9C3A-1D2E3F405162", "name": "Outdoor Walk",
          "start": "2026-05-03 07:12:04 +0200", "end": "2026-05-03 07:58:40 +0200", "duration": 2796.2,
          "location": "Outdoor", "isIndoor": false,
          "distance": {"qty": 3.912, "units": "km"}, "activeEnergyBurned": {"qty": 812.4, "units": "kJ"},
          "elevationUp": {"qty": 42.5, "units": "m"},
          "avgSpeed": {"qty": 5.03, "units": "km"},
          "heartRate": {"min": {"qty": 81, "units": "bpm"}, "avg": {"qty": 104.2, "units": "bpm"}, "max": {"qty": 122, "units": "bpm"}},
          "heartRateData": [
            {"date": "2026-05-03 07:12:00 +0200", "Min": 81, "Avg": 86.5, "Max": 92, "units": "count/min", "source": "Apple Watch"},
            {"date": "2026-05-03 07:30:00 +0200", "Min": 100, "Avg": 110, "Max": 122, "units": "count/min", "source": "Apple Watch"},
            {"date": "2026-05-03 08:05:00 +0200", "Min": 140, "Avg": 150, "Max": 160, "units": "count/min", "source": "Apple Watch"}
          ],
          "heartRateRecovery": [
            {"date": "2026-05-03 07:59:00 +0200", "Min": 95, "Avg": 99, "Max": 103, "units": "count/min", "source": "Apple Watch"},
            {"date": "2026-05-03 08:00:00 +0200", "Min": 90, "Avg": 93, "Max": 96, "units": "count/min", "source": "Apple Watch"}
          ],
          "walkingAndRunningDistance": [
            {"date": "2026-05-03 07:13:00 +0200", "qty": 0.085, "units": "km", "source": "Apple Watch"},
            {"date": "2026-05-03 07:14:00 +0200", "qty": 0.09, "units": "km", "source": "Apple Watch"}
          ],
          "activeEnergy": [{"date": "2026-05-03 07:13:00 +0200", "qty": 18.2, "units": "kJ", "source": "Apple Watch"}],
          "route": [
            {"latitude": 47.3769, "longitude": 8.5417, "altitude": 408.2, "speed": 1.41, "course": 87.0,
             "timestamp": "2026-05-03 07:12:05 +0200", "horizontalAccuracy": 4.1, "verticalAccuracy": 3.0},
            {"latitude": 47.3770, "longitude": 8.5419, "altitude": 408.6, "speed": -1, "course": -1,
             "timestamp": "2026-05-03 07:12:06 +0200", "horizontalAccuracy": 4.3, "verticalAccuracy": 3.0}
          ],
          "metadata": {}
        }]}}
        """;

    /// <summary>v1: no id, lat/lon route, qty heart rate, activeEnergy as a quantity, elevation {ascent, descent}, miles and kcal.</summary>
    public const string V1Run = """
        {"data": {"workouts": [{
          "name": "Outdoor Run",
          "start": "2024-02-06 07:00:00 -0800", "end": "2024-02-06 07:40:00 -0800", "duration": 2400,
          "distance": {"qty": 3.1, "units": "mi"}, "activeEnergy": {"qty": 350, "units": "kcal"},
          "elevation": {"ascent": 120, "descent": 118, "units": "ft"},
          "avgHeartRate": {"qty": 148, "units": "bpm"}, "maxHeartRate": {"qty": 171, "units": "bpm"},
          "stepCount": {"qty": 5800, "units": "steps"}, "intesity": {"qty": 9.1, "units": "kcal/hr·kg"},
          "heartRateData": [
            {"date": "2024-02-06 07:01:00 -0800", "qty": 132, "units": "count/min"},
            {"date": "2024-02-06 07:02:00 -0800", "qty": 141, "units": "count/min"}
          ],
          "heartRateRecovery": [{"date": "2024-02-06 07:41:00 -0800", "qty": 120, "units": "count/min"}],
          "route": [
            {"lat": 37.7749, "lon": -122.4194, "altitude": 16.0, "timestamp": "2024-02-06 07:00:01 -0800"},
            {"lat": 37.7750, "lon": -122.4192, "altitude": 16.4, "timestamp": "2024-02-06 07:00:02 -0800"},
            {"lat": 37.7751, "lon": -122.4190, "altitude": 16.9, "timestamp": "2024-02-06 07:00:03 -0800"}
          ]
        }]}}
        """;

    /// <summary>One v2 workout with the given name, times and extra fields (JSON members, comma-led).</summary>
    public static string Workout(string name, string start = "2026-05-03 18:00:00 +0200", string end = "2026-05-03 18:45:00 +0200", string extra = "") =>
        $$"""{"name": {{Quote(name)}}, "start": "{{start}}", "end": "{{end}}", "duration": 2700{{extra}}}""";

    /// <summary>A document of workouts.</summary>
    public static string Document(params string[] workouts) => "{\"data\": {\"workouts\": [" + string.Join(",\n", workouts) + "]}}";

    /// <summary>A 105-minute run with a 1 Hz route and 1 Hz heart rate, pretty-printed as the app does: about 3.5 MB.</summary>
    public static byte[] LongRun()
    {
        var start = new DateTimeOffset(2026, 4, 12, 8, 0, 0, TimeSpan.FromHours(2));
        const int Seconds = 105 * 60;
        var sb = new StringBuilder(4 << 20);
        sb.Append("{\n  \"data\" : {\n    \"workouts\" : [\n      {\n        \"id\" : \"0B7D6F1C-2A9E-4E55-9C3A-1D2E3F405162\",\n        \"name\" : \"Outdoor Run\",\n");
        sb.Append(CultureInfo.InvariantCulture, $"        \"start\" : \"{Date(start)}\",\n        \"end\" : \"{Date(start.AddSeconds(Seconds))}\",\n        \"duration\" : {Seconds},\n");
        sb.Append("        \"distance\" : {\"qty\" : 17.8, \"units\" : \"km\"},\n        \"heartRateData\" : [\n");
        for (var i = 0; i < Seconds; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"          {{\n            \"date\" : \"{Date(start.AddSeconds(i))}\",\n            \"Min\" : {140 + (i % 20)},\n            \"Avg\" : {140 + (i % 20)},\n            \"Max\" : {140 + (i % 20)},\n            \"units\" : \"count/min\",\n            \"source\" : \"Apple Watch\"\n          }}{(i + 1 < Seconds ? "," : "")}\n");
        }

        sb.Append("        ],\n        \"route\" : [\n");
        for (var i = 0; i < Seconds; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"          {{\n            \"latitude\" : {47.3769 + (i * 0.00002):0.0000000},\n            \"longitude\" : {8.5417 + (i * 0.00003):0.0000000},\n            \"altitude\" : {408 + (i % 50) * 0.1:0.0},\n            \"speed\" : 2.83,\n            \"course\" : 87.5,\n            \"timestamp\" : \"{Date(start.AddSeconds(i))}\",\n            \"horizontalAccuracy\" : 3.9,\n            \"verticalAccuracy\" : 2.8,\n            \"speedAccuracy\" : 0.4,\n            \"courseAccuracy\" : 12.5\n          }}{(i + 1 < Seconds ? "," : "")}\n");
        }

        sb.Append("        ],\n        \"metadata\" : {}\n      }\n    ]\n  }\n}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Reads a whole document from memory, as the server would read a pushed body.</summary>
    public static async Task<(List<Workout> Workouts, IReadOnlyList<HealthAutoExportProblem> Issues)> ReadAsync(string json, HealthAutoExportOptions? options = null)
    {
        using var document = new HealthAutoExportDocument(new MemoryStream(Encoding.UTF8.GetBytes(json)), "push.json", options);
        var workouts = new List<Workout>();
        await foreach (var workout in document.ReadWorkoutsAsync())
        {
            workouts.Add(workout);
        }

        return (workouts, document.Issues.ToList());
    }

    private static string Date(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(23, 1);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, HaeTestJson.Default.String);
}

/// <summary>Source-generated JSON for the fixtures (the test project builds with the same strictness).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class HaeTestJson : System.Text.Json.Serialization.JsonSerializerContext;
