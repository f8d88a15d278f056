using System.Globalization;
using HealthSync.HealthAutoExport;
using HealthSync.Tests.HealthAutoExport;
using HealthSync.Workouts;

namespace HealthSync.Tests.Server;

/// <summary>Health Auto Export documents for the server's tests, read by the real reader as the server reads them.</summary>
internal static class TestPushSource
{
    /// <summary>The server's parser: the real Health Auto Export reader.</summary>
    public static IWorkoutSource Parse(Stream stream, string name, HealthAutoExportOptions options) => new HealthAutoExportDocument(stream, name, options);

    /// <summary>A v2 document of these workouts, each named as an English phone names it ("Walking" → "Outdoor Walk").</summary>
    public static string Document(params (string Type, DateTimeOffset Start, int Minutes)[] workouts) =>
        HaeFixtures.Document([.. workouts.Select(w => HaeFixtures.Workout(
            Name(w.Type),
            Date(w.Start),
            Date(w.Start.AddMinutes(w.Minutes)),
            string.Create(CultureInfo.InvariantCulture, $", \"location\": \"Outdoor\", \"isIndoor\": false")))]);

    private static string Name(string type) => type switch
    {
        "Walking" => "Outdoor Walk",
        "Running" => "Outdoor Run",
        "Cycling" => "Outdoor Cycle",
        "TraditionalStrengthTraining" => "Traditional Strength Training",
        _ => type,
    };

    /// <summary>"2026-05-03 18:00:00 +0200", as the app writes dates.</summary>
    public static string Date(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", CultureInfo.InvariantCulture);
}
