namespace HealthSync.AppleHealth;

/// <summary>The rules every source applies to a route file a FileReference names: where it may be, and how large.</summary>
internal static class RouteFiles
{
    /// <summary>
    /// Largest route file read. The Health app writes about 250 bytes a point at 1 Hz, about 1 MB an hour, so a
    /// 24-hour ultra is ~25 MB: 64 MB is generous for anything real, and bounds what a damaged or hostile export
    /// (a zip bomb, a lying size, a device file) can make the reader take in.
    /// </summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>
    /// The reference ("/workout-routes/x.gpx", rooted at the export's folder) as a relative path with '/'
    /// separators, or null when it would leave the export's folder ("/../../dev/zero") or is not a plain path.
    /// </summary>
    public static string? Relative(string reference)
    {
        if (reference.Contains('\0', StringComparison.Ordinal) || reference.Contains(':', StringComparison.Ordinal))
        {
            return null; // a drive ("C:") or stream name: never part of a route's path
        }

        var parts = new List<string>();
        foreach (var part in reference.Replace('\\', '/').Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(part);
                    continue;
            }
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>How a reference outside the export is described.</summary>
    public static RouteFileException Outside(string reference) =>
        new($"is outside the export (FileReference path \"{reference}\"): not read");

    /// <summary>How a route larger than <see cref="MaxBytes"/> is described.</summary>
    public static RouteFileException TooLarge() =>
        new($"is larger than {MaxBytes >> 20} MB, far more than any real route: not read");
}

/// <summary>A route file that cannot be used; the message completes "route file X ...".</summary>
internal sealed class RouteFileException(string message) : Exception(message);
