namespace HealthSync.AppleHealth;

/// <summary>The export cannot be read (any further): not a zip or XML, no HealthData document, truncated, damaged.</summary>
/// <remarks>Thrown from the workout stream after the workouts read before the break have been yielded.</remarks>
public sealed class ExportReadException : Exception
{
    /// <summary>Creates the error from its three parts.</summary>
    public ExportReadException(string file, string? place, string problem, Exception? inner = null)
        : base(place is null ? $"{file}: {problem}" : $"{file}, {place}: {problem}", inner)
    {
        File = file;
        Place = place;
        Problem = problem;
    }

    /// <summary>The file (and zip entry) that could not be read.</summary>
    public string File { get; }

    /// <summary>Where in it (line or entry), when known.</summary>
    public string? Place { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
