using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>
/// A run's gate for workouts no real workout can be (<see cref="WorkoutSanity"/>): each is recorded once as failed
/// (unusable, with the reason) unless a copy of it is settled already, and kept out of the inbox and the run's scope.
/// </summary>
internal sealed class Unusable(SyncState state, bool dryRun, TimeZoneInfo zone, DateTimeOffset now)
{
    private IReadOnlyDictionary<string, WorkoutRecord>? _known;

    /// <summary>What this run found unusable, as report items.</summary>
    public List<SyncItem> Items { get; } = [];

    /// <summary>True (and recorded) when <paramref name="workout"/> cannot be used.</summary>
    /// <param name="workout">The workout as read, or an inbox row's summary.</param>
    /// <param name="source">Where it came from, for the history line.</param>
    /// <param name="inInbox">It is an inbox row (an older release let it in): the row goes, so once its failure is
    /// forgotten (`forget`, the History page) nothing brings it back.</param>
    public bool Refuses(Workout workout, string source, bool inInbox = false)
    {
        if (WorkoutSanity.Problem(workout, now) is not { } problem)
        {
            return false;
        }

        // Once: not again at each run or re-read (the failure stands, and reporting it again would fail every run),
        // and never over a copy that is settled.
        _known ??= state.Workouts();
        var recordedBefore = _known.TryGetValue(workout.Id, out var recorded) && (recorded.Kind == OutcomeKind.Failed || recorded.Kind.IsSettled());
        if (inInbox && !dryRun)
        {
            state.RemoveFromInbox(workout.Id);
        }

        if (recordedBefore)
        {
            return true;
        }

        var outcome = Outcome.Failed(ReasonCode.Unusable, $"{source}: {problem}");
        var reason = OutcomeText.Describe(outcome, zone);
        Items.Add(new SyncItem(workout, outcome, reason));
        if (!dryRun)
        {
            OutcomeRecords.Write(state, workout, outcome, reason, null, now);
        }

        return true;
    }
}
