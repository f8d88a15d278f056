namespace HealthSync.Sync;

/// <summary>Which workouts a run is for: new ones (after the sync boundary) or older ones (backfill).</summary>
public enum SyncMode
{
    /// <summary>Workouts that ended after sync was turned on.</summary>
    New,

    /// <summary>Workouts that ended before sync was turned on (and started on or after the backfill's first day).</summary>
    Backfill,
}

/// <summary>What the engine needs to decide: the mode, the settings, the boundary computed once for the run.</summary>
internal sealed record SyncRequest
{
    public required SyncMode Mode { get; init; }

    public required SyncSettings Settings { get; init; }

    /// <summary>The sync boundary; for a dry run before sync was ever turned on, the instant it would be turned on.</summary>
    public DateTimeOffset? Boundary { get; init; }

    /// <summary>Backfill only: the first local date to include.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Change nothing: plan only.</summary>
    public bool DryRun { get; init; }

    /// <summary>Upload again a workout whose activity was deleted in Intervals.icu. Default off (stands in for SyncSettings.ResendDeleted until that setting is merged).</summary>
    public bool ResendDeleted { get; init; }

    /// <summary>Workouts whose remote check and upload happen together (one listing per batch). Default 50.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Called after each batch but the last (<see cref="SyncRun.BetweenBatches"/>).</summary>
    public Func<CancellationToken, Task>? BetweenBatches { get; init; }
}
