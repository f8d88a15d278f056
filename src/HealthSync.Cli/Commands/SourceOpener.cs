using HealthSync.AppleHealth;
using HealthSync.HealthAutoExport;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;

namespace HealthSync.Cli.Commands;

/// <summary>Opens what a command was given: a Health Auto Export JSON document, or the Health app's export.</summary>
internal static class SourceOpener
{
    /// <summary>A .json file, or a file whose first non-space byte is '{', is Health Auto Export; anything else is an export.</summary>
    /// <param name="path">What the command was given.</param>
    /// <param name="exportOptions">The export reader's options (their ReadRoutes also applies to Health Auto Export).</param>
    /// <param name="stateDirectory">The state folder whose user workout names (`healthsync names map`) the Health Auto Export reader takes; null or without a state: none.</param>
    /// <param name="time">The command's clock (stamps a schema step if opening the state brings it forward).</param>
    /// <exception cref="SourceReadException">The path cannot be opened as either.</exception>
    public static IWorkoutSource Open(string path, ExportReaderOptions? exportOptions = null, string? stateDirectory = null, TimeProvider? time = null) =>
        IsHealthAutoExport(path)
            ? HealthAutoExportDocument.Open(path, ReaderOptions(stateDirectory, exportOptions?.ReadRoutes ?? true, time ?? TimeProvider.System))
            : AppleHealthExport.Open(path, exportOptions);

    /// <summary>The reader's options with the user's names from the state (the same call as the server's), when a state exists there.</summary>
    private static HealthAutoExportOptions ReaderOptions(string? stateDirectory, bool readRoutes, TimeProvider time)
    {
        if (stateDirectory is null || !File.Exists(Path.Combine(stateDirectory, SyncState.FileName)))
        {
            return new HealthAutoExportOptions { ReadRoutes = readRoutes };
        }

        using var state = SyncState.Open(stateDirectory, time);
        return ActivityNameMappings.ReaderOptions(state, readRoutes);
    }

    /// <summary>A Health Auto Export file's bytes, to be kept in the state as a document and read from there.</summary>
    /// <exception cref="SourceReadException">The file cannot be read.</exception>
    public static GivenDocument ReadDocument(string path)
    {
        try
        {
            return new GivenDocument(Path.GetFileName(path), File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SourceReadException(path, null, $"cannot be opened ({ex.Message})", ex);
        }
    }

    /// <summary>Whether <paramref name="path"/> is a Health Auto Export JSON document (rather than the Health app's export).</summary>
    public static bool IsHealthAutoExport(string path)
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
