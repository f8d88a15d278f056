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
        HealthAutoExportDocument.IsDocument(path)
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
}
