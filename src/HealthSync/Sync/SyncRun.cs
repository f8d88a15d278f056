using HealthSync.Intervals;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>What a host asks of <see cref="WorkoutSync"/>: one sync or backfill run.</summary>
public sealed record SyncRun
{
    /// <summary>The state folder (database, lock).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>New workouts, or older ones (backfill).</summary>
    public required SyncMode Mode { get; init; }

    /// <summary>A source to read into the inbox first; null goes on from the inbox alone.</summary>
    public IWorkoutSource? Source { get; init; }

    /// <summary>Change nothing: read the state only, and plan.</summary>
    public bool DryRun { get; init; }

    /// <summary>Backfill: the first local date to include; null continues the last backfill's (or takes all).</summary>
    public DateOnly? Since { get; init; }

    /// <summary>The Intervals.icu account; null plans from local state only (dry runs).</summary>
    public IntervalsOptions? Account { get; init; }

    /// <summary>Workouts per listing and upload batch. Default 50.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>True when the host holds the state's <see cref="StateLock"/> itself for its whole life (a server): the run then takes none.</summary>
    public bool HostHoldsLock { get; init; }

    /// <summary>The machine's zone: stored as the time-zone setting the first time one is needed.</summary>
    public required TimeZoneInfo MachineZone { get; init; }

    /// <summary>
    /// Called between a backfill's batches (a server: to read and send a workout pushed meanwhile), so live work never
    /// waits behind a history of thousands for more than one batch. Null: none.
    /// </summary>
    public Func<CancellationToken, Task>? BetweenBatches { get; init; }
}

/// <summary>How reading the source into the inbox went.</summary>
/// <param name="Read">Workouts read.</param>
/// <param name="Added">New to the inbox.</param>
/// <param name="Updated">In the inbox with other data, now replaced.</param>
public sealed record InboxIntake(int Read, int Added, int Updated);

/// <summary>What a run did, for a host to render: the report, what it read, and what it changed in the settings.</summary>
public sealed record SyncRunResult
{
    /// <summary>Every workout of the run's scope with its outcome, and why the run stopped if it did.</summary>
    public required SyncReport Report { get; init; }

    /// <summary>The settings the run used (after it turned sync on, if it did).</summary>
    public required SyncSettings Settings { get; init; }

    /// <summary>Set when this run is the first sync: the instant sync was turned on (or, in a dry run, would be).</summary>
    public DateTimeOffset? TurnedSyncOnAt { get; init; }

    /// <summary>The backfill's first day the run used (given, or continued from the last backfill).</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Reading the source: null when the run went on from the inbox alone.</summary>
    public InboxIntake? Intake { get; init; }

    /// <summary>What the source could not read (the rest was read).</summary>
    public IReadOnlyList<SourceProblem> Problems { get; init; } = [];

    /// <summary>The source broke off: the workouts before the break were read and decided, the rest were not.</summary>
    public SourceReadException? SourceBroken { get; init; }

    /// <summary>Whether Intervals.icu was asked (false: no account, the plan comes from local state only).</summary>
    public bool AccountChecked { get; init; }
}

/// <summary>Why a run could not start.</summary>
public sealed class SyncRunRefusedException(SyncRunRefusal refusal, string message, StateLockHolder? holder = null) : Exception(message)
{
    /// <summary>The reason, as a code.</summary>
    public SyncRunRefusal Refusal { get; } = refusal;

    /// <summary>For <see cref="SyncRunRefusal.AnotherRunInProgress"/>: who holds the state (the server, with its URL, or another run).</summary>
    public StateLockHolder? Holder { get; } = holder;
}

/// <summary>Why a run could not start, as a code.</summary>
public enum SyncRunRefusal
{
    /// <summary>Another run holds the state folder (<see cref="StateLock"/>).</summary>
    AnotherRunInProgress,
}
