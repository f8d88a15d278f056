using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;

namespace HealthSync.Server.Work;

/// <summary>The backfill preview as a worker job: a dry run over an uploaded file, with the job's live progress.</summary>
/// <remarks>
/// A dry run of a 4 GB export takes minutes, too long for a request. As a job it runs between the others, so a push is
/// stored at once as always and its document is read after the preview. A dry run takes no state lock and writes
/// nothing, and it needs no account (without one it plans from local state only).
/// </remarks>
internal sealed partial class SyncJobs
{
    /// <summary>The last preview, for the backfill page.</summary>
    public BackfillPreviews Previews { get; } = new();

    /// <summary>Queues a preview of an uploaded file. It replaces the last one, whose upload is deleted unless a backfill reads it.</summary>
    public BackfillPreview PreviewBackfill(string file)
    {
        var (preview, replaced) = Previews.Replace(file);
        if (replaced is not null && replaced.File != file && File.Exists(replaced.File))
        {
            using var state = SyncState.Open(options.StateDirectory, options.Time);
            if (state.GetSetting(BackfillFileKey) != replaced.File)
            {
                File.Delete(replaced.File); // a second upload replaces the first; a multi-GB file must not linger
            }
        }

        Enqueue(new JobRequest(JobKind.Preview, file));
        return preview;
    }

    /// <summary>The preview job: skipped when its preview was replaced or cancelled while it waited.</summary>
    private async Task PreviewAsync(string file)
    {
        if (Previews.Current is not { Outcome: null } preview || preview.File != file || preview.Cancelled)
        {
            return;
        }

        var title = "Preview of " + Uploads.DisplayName(file);
        var started = options.Time.GetUtcNow();
        Current = new JobStatus(title, SyncPhase.Reading, 0, 0, started, null);
        Notify();
        PreviewOutcome? outcome = null;
        var cut = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, preview.Token);
        try
        {
            outcome = await DryRunAsync(file, new StatusProgress(this, title, started), cut.Token).ConfigureAwait(false);
            if (outcome.Unreadable is not null && !IsBackfillFile(file))
            {
                File.Delete(file); // nothing could be read: the upload is of no use (a backfill of it says so itself)
            }
        }
        finally
        {
            if (cut.IsCancellationRequested)
            {
                preview.Cancel(); // cut short (replaced, the backfill started, or the server stopping): nothing to show
            }

            cut.Dispose(); // before the preview releases its own token, which this one is linked to

            // An error (logged by the loop) must not leave the page waiting for ever: it says so instead.
            preview.Finish(outcome ?? PreviewOutcome.NotReadable("the preview stopped on an error (the server's log says which); upload the file again to retry"));
            Current = null;
            Notify();
        }
    }

    private bool IsBackfillFile(string file)
    {
        using var state = SyncState.Open(options.StateDirectory, options.Time);
        return state.GetSetting(BackfillFileKey) == file;
    }

    private async Task<PreviewOutcome> DryRunAsync(string file, IProgress<SyncProgress> progress, CancellationToken cancellationToken)
    {
        HealthSync.HealthAutoExport.HealthAutoExportOptions readerOptions;
        using (var state = SyncState.Open(options.StateDirectory, options.Time))
        {
            readerOptions = ActivityNameMappings.ReaderOptions(state);
        }

        try
        {
            using var source = Uploads.Open(file, options, readerOptions);
            var run = new SyncRun
            {
                StateDirectory = options.StateDirectory,
                Mode = SyncMode.Backfill,
                Source = source.Source,
                DryRun = true,
                Account = account.Resolve(),
                MachineZone = options.MachineZone,
            };
            var result = await new WorkoutSync(options.Time).RunAsync(run, progress, cancellationToken).ConfigureAwait(false);
            return Shown(result is { SourceBroken: { } broken, Intake.Read: 0 } ? PreviewOutcome.NotReadable(broken.Message) : PreviewOutcome.From(result), file);
        }
        catch (SourceReadException ex)
        {
            return Shown(PreviewOutcome.NotReadable(ex.Message), file);
        }
    }

    /// <summary>The outcome's words as the page shows them: the upload by the name the user gave it, no path of the server's.</summary>
    private PreviewOutcome Shown(PreviewOutcome outcome, string file)
    {
        string? Words(string? message) => message is null ? null : Uploads.Shown(message, file, options.StateDirectory);
        return outcome with
        {
            Unreadable = Words(outcome.Unreadable),
            Note = Words(outcome.Note),
            Rows = [.. outcome.Rows.Select(r => r with { Reason = Words(r.Reason) })],
        };
    }
}
