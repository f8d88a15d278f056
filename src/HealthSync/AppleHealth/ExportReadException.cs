using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>The export cannot be read (any further): not a zip or XML, no HealthData document, truncated, damaged.</summary>
/// <remarks>Thrown from the workout stream after the workouts read before the break have been yielded.</remarks>
public sealed class ExportReadException(string file, string? place, string problem, Exception? inner = null)
    : SourceReadException(file, place, problem, inner);
