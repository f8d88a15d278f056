namespace HealthSync.Server.Web;

/// <summary>Where sign-in may send the browser back to: a path of this site, never another site however it is spelled.</summary>
internal static class LocalReturn
{
    /// <summary><paramref name="candidate"/> when it is a local path (one '/' then no '\', no control character, also once decoded); else "/".</summary>
    /// <remarks>
    /// Browsers read "/\evil.example" as "//evil.example" (another site), and drop tabs and newlines from a URL, so
    /// "/\t/evil.example" is that too; the decoded form is held to the same rule, so no escape smuggles either in.
    /// </remarks>
    public static string Path(string? candidate) =>
        candidate is { Length: > 0 } && IsLocal(candidate) && IsLocal(Uri.UnescapeDataString(candidate)) ? candidate : "/";

    private static bool IsLocal(string path) =>
        path.StartsWith('/')
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl);
}
