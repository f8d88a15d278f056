namespace HealthSync.AppleHealth;

/// <summary>Something the reader could not read, with where it was; the rest of the export was read.</summary>
/// <param name="Where">File and place, e.g. "export.zip › apple_health_export/export.xml, line 270".</param>
/// <param name="Reason">What was wrong and what the reader did about it.</param>
public sealed record ReadProblem(string Where, string Reason);
