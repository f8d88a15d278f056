namespace HealthSync.Sync;

/// <summary>Which part of a run is going on.</summary>
public enum SyncPhase
{
    /// <summary>Reading the source into the inbox; Done and Total are bytes.</summary>
    Reading,

    /// <summary>Checking Intervals.icu and uploading; Done and Total are workouts.</summary>
    Uploading,
}

/// <summary>How far a run has got: reported through <see cref="IProgress{T}"/>, rendered by each host its own way.</summary>
/// <param name="Phase">Reading or uploading.</param>
/// <param name="Done">Bytes read, or workouts decided.</param>
/// <param name="Total">Bytes of the source, or workouts to decide (0 when unknown).</param>
/// <param name="Batch">Uploading: the number of the batch in progress (1 for the first).</param>
public readonly record struct SyncProgress(SyncPhase Phase, long Done, long Total, int Batch = 0);
