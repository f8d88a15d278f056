using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>One workout's outcome in a run.</summary>
/// <param name="Workout">The workout (its summary: series are not kept for a report).</param>
/// <param name="Outcome">What happened, why, and the Intervals.icu activity.</param>
/// <param name="Reason">The outcome in plain words (<see cref="OutcomeText"/>), as the history stores it; null for an upload.</param>
public sealed record SyncItem(Workout Workout, Outcome Outcome, string? Reason)
{
    /// <summary>The outcome's kind.</summary>
    public OutcomeKind Kind => Outcome.Kind;

    /// <summary>The Intervals.icu activity, when there is one.</summary>
    public string? IntervalsActivityId => Outcome.ActivityId;
}

/// <summary>Why a run stopped before the end.</summary>
public enum SyncStopKind
{
    /// <summary>Intervals.icu refused the credentials.</summary>
    CredentialsRefused,

    /// <summary>The request budget is spent (or the service answered 429 with a long wait).</summary>
    BudgetSpent,

    /// <summary>Intervals.icu could not be reached at all (after the retries).</summary>
    ServiceUnreachable,

    /// <summary>The run was cancelled (Ctrl-C, SIGTERM): the upload in flight was finished and recorded.</summary>
    Interrupted,
}

/// <summary>A run stopped early: why, the service's words, and when to resume for a spent budget.</summary>
public sealed record SyncStop(SyncStopKind Kind, string Message, DateTimeOffset? ResumeAt)
{
    /// <summary>The stop an answer of Intervals.icu means when nothing further can be checked or sent.</summary>
    /// <remarks>A refused listing (a wrong athlete, say) stops the run like refused credentials: nothing can be checked.</remarks>
    public static SyncStop From(Intervals.IntervalsException exception) => exception switch
    {
        Intervals.IntervalsRateLimitedException limited => new(SyncStopKind.BudgetSpent, limited.Message, limited.ResumeAt),
        Intervals.IntervalsUnavailableException unavailable => new(SyncStopKind.ServiceUnreachable, unavailable.Message, null),
        _ => new(SyncStopKind.CredentialsRefused, exception.Message, null),
    };

    /// <summary>The run's token was cancelled: what was done is recorded, the rest waits for the next run.</summary>
    public static SyncStop Interrupted { get; } = new(SyncStopKind.Interrupted, "interrupted", null);
}

/// <summary>Everything a run did, in workout order, and why it stopped if it did.</summary>
public sealed record SyncReport(IReadOnlyList<SyncItem> Items, SyncStop? Stop)
{
    /// <summary>How many items have this kind.</summary>
    public int Count(OutcomeKind kind) => Items.Count(i => i.Kind == kind);

    /// <summary>How many were skipped as already synced, in any of the three ways.</summary>
    public int Skipped => Items.Count(i => i.Kind.Status() == "skipped");
}
