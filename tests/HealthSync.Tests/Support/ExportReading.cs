using HealthSync.AppleHealth;
using HealthSync.Workouts;

namespace HealthSync.Tests.Support;

/// <summary>Reads a whole export the way the commands do.</summary>
internal static class ExportReading
{
    public static async Task<(List<Workout> Workouts, IReadOnlyList<ReadProblem> Problems)> ReadAllAsync(string path, ExportReaderOptions? options = null)
    {
        using var export = AppleHealthExport.Open(path, options);
        var workouts = new List<Workout>();
        await foreach (var workout in export.ReadWorkoutsAsync())
        {
            workouts.Add(workout);
        }

        return (workouts, export.Problems.ToList());
    }
}
