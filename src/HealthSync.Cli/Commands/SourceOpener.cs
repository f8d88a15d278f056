using HealthSync.AppleHealth;
using HealthSync.HealthAutoExport;
using HealthSync.Workouts;

namespace HealthSync.Cli.Commands;

/// <summary>Opens what a command was given: a Health Auto Export JSON document, or the Health app's export.</summary>
internal static class SourceOpener
{
    /// <summary>A .json file, or a file whose first non-space byte is '{', is Health Auto Export; anything else is an export.</summary>
    /// <exception cref="SourceReadException">The path cannot be opened as either.</exception>
    public static IWorkoutSource Open(string path, ExportReaderOptions? exportOptions = null) =>
        IsHealthAutoExport(path)
            ? HealthAutoExportDocument.Open(path, new HealthAutoExportOptions { ReadRoutes = exportOptions?.ReadRoutes ?? true })
            : AppleHealthExport.Open(path, exportOptions);

    private static bool IsHealthAutoExport(string path)
    {
        if (!File.Exists(path))
        {
            return false; // a folder or a missing path: the export reader says what is wrong
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            // export.xml starts with '<' and a zip with "PK": one byte tells them from JSON.
            using var file = File.OpenRead(path);
            int b;
            while ((b = file.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
            {
            }

            return b == '{';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
