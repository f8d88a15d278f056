namespace HealthSync.HealthAutoExport;

/// <summary>Options of the Health Auto Export reader.</summary>
public sealed record HealthAutoExportOptions
{
    /// <summary>Whether to read GPS routes. Default: true.</summary>
    public bool ReadRoutes { get; init; } = true;

    /// <summary>
    /// The user's own activity names (name as the phone sends it → HKWorkoutActivityType, "Running" or
    /// "HKWorkoutActivityTypeRunning"), for names the built-in tables do not know; they win over the tables.
    /// Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraActivityNames { get; init; } = new Dictionary<string, string>();
}
