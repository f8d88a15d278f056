using HealthSync.Sync;

namespace HealthSync.Server.Work;

/// <summary>The last backfill preview, one at a time and in memory: a restart loses it and the page queues it again.</summary>
internal sealed class BackfillPreviews
{
    private readonly Lock _gate = new();
    private BackfillPreview? _current;

    /// <summary>The preview of the last upload; null before the first (or after a restart).</summary>
    public BackfillPreview? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The current preview when it is of the uploaded file named <paramref name="name"/>; null otherwise.</summary>
    public BackfillPreview? For(string? name) => Current is { } preview && preview.Name == name ? preview : null;

    /// <summary>A new preview of <paramref name="file"/> becomes the current one; the one it replaces is cancelled and returned.</summary>
    public (BackfillPreview Preview, BackfillPreview? Replaced) Replace(string file)
    {
        var preview = new BackfillPreview(file);
        BackfillPreview? replaced;
        lock (_gate)
        {
            replaced = _current;
            _current = preview;
        }

        replaced?.Cancel();
        return (preview, replaced);
    }
}

/// <summary>One preview: queued or running until <see cref="Outcome"/> is set, or cancelled (replaced, or the backfill started).</summary>
internal sealed class BackfillPreview(string file)
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lock _gate = new();
    private bool _finished;

    /// <summary>The uploaded file's path.</summary>
    public string File { get; } = file;

    /// <summary>The uploaded file's name in <c>uploads/</c> (what the page's links carry).</summary>
    public string Name => Path.GetFileName(File);

    /// <summary>Null while queued or running.</summary>
    public PreviewOutcome? Outcome { get; private set; }

    public bool Cancelled
    {
        get
        {
            lock (_gate)
            {
                return !_finished ? _cancel.IsCancellationRequested : Outcome is null;
            }
        }
    }

    /// <summary>Cancelled when the preview is no longer wanted; the job links it with the worker's own stop.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                return _finished ? new CancellationToken(canceled: true) : _cancel.Token;
            }
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _cancel.Cancel();
            }
        }
    }

    /// <summary>The job is over: with an outcome, or null when it was cancelled. The token is released either way.</summary>
    public void Finish(PreviewOutcome? outcome)
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            Outcome = _cancel.IsCancellationRequested ? null : outcome;
            _finished = true;
            _cancel.Dispose();
        }
    }
}

/// <summary>What a preview found, kept small whatever the export's size: counts and the first rows, never the whole list.</summary>
/// <param name="Workouts">Workouts in the run's scope.</param>
/// <param name="Counts">How many of each outcome.</param>
/// <param name="Rows">The first <see cref="MaxRows"/> workouts with their outcome.</param>
/// <param name="Zone">The user's zone, for the times.</param>
/// <param name="Unreadable">Why the file cannot be read (it has been deleted); null when it was read.</param>
/// <param name="Note">Why the dry run stopped or where the file broke off, in words; null when it went through.</param>
internal sealed record PreviewOutcome(int Workouts, IReadOnlyDictionary<OutcomeKind, int> Counts, IReadOnlyList<PreviewRow> Rows, TimeZoneInfo Zone, string? Unreadable = null, string? Note = null)
{
    public const int MaxRows = 200;

    public int Count(OutcomeKind kind) => Counts.TryGetValue(kind, out var count) ? count : 0;

    /// <summary>The file could not be read at all.</summary>
    public static PreviewOutcome NotReadable(string reason) => new(0, new Dictionary<OutcomeKind, int>(), [], TimeZoneInfo.Utc, reason);

    /// <summary>Counts and the first rows of a dry run's report.</summary>
    public static PreviewOutcome From(SyncRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var items = result.Report.Items;
        var counts = items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Count());
        var zone = result.Settings.TimeZone;
        var rows = items.Take(MaxRows).Select(i => new PreviewRow(HealthSync.Workouts.WorkoutZone.Local(i.Workout.Start, i.Workout, zone), HealthSync.Workouts.SportTable.DisplayName(i.Workout), i.Kind, i.Reason)).ToList();
        var note = result.SourceBroken is { } broken
            ? $"The file broke off after {result.Intake?.Read ?? 0} workouts: {broken.Message}. A backfill reads the same part."
            : result.Report.Stop is { } stop ? "The dry run stopped: " + stop.Message : null;
        return new(items.Count, counts, rows, result.Settings.TimeZone, Note: note);
    }
}

/// <summary>One workout of a preview and what the backfill would do with it; its name as a person reads it ("Outdoor Walk"), as the history and the command line show it.</summary>
/// <param name="Start">The start at the workout's own local time (its zone's offset).</param>
/// <param name="Name">The workout's name as a person reads it.</param>
/// <param name="Kind">What the backfill would do with it.</param>
/// <param name="Reason">Why, in words.</param>
internal sealed record PreviewRow(DateTimeOffset Start, string Name, OutcomeKind Kind, string? Reason);
