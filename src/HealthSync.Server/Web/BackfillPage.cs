using System.Globalization;
using System.Text;
using HealthSync.Server.Work;
using HealthSync.State;
using HealthSync.Sync;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>Backfill older workouts: upload an export.zip (or HAE JSON) streamed to disk, preview it as a dry run, then start.</summary>
internal static class BackfillPage
{
    private const int PreviewRows = 200;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/backfill", Render);
        pages.MapPost("/backfill/upload", UploadAsync);
        pages.MapGet("/backfill/preview", Preview);
        pages.MapGet("/backfill/preview/events", PreviewEventsAsync);
        pages.MapPost("/backfill/start", async (HttpContext context, ServerOptions options, SyncJobs jobs) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            if (Uploads.Find(options.StateDirectory, form["file"]) is not { } path)
            {
                return Results.Redirect("/backfill");
            }

            jobs.Previews.For(Path.GetFileName(path))?.Cancel(); // the user chose: a dry run of the same file would only delay it
            jobs.Backfill(path);
            return Results.Redirect("/?started=backfill");
        }).Guarded();
    }

    private static IResult Render(HttpContext context, ServerStateHandle handle, SyncJobs jobs) => Page(context, "Backfill older workouts", $"""
        <p>Workouts that ended before sync was turned on come in with a backfill. Upload the Health app's export
        (<code>export.zip</code>: Health → your picture → Export All Health Data) or a Health Auto Export JSON file.
        You see what would be uploaded, and why, before anything is sent.</p>
        {(handle.State.GetSetting(SyncJobs.BackfillFileKey) is { Length: > 0 } running ? Notice($"A backfill of {Uploads.DisplayName(running)} is under way: see Status.") : string.Empty)}
        {(jobs.Previews.Current is { } last && File.Exists(last.File) ? $"<p><a href=\"/backfill/preview?file={E(Uri.EscapeDataString(last.Name))}\">The preview of {E(Uploads.DisplayName(last.File))}</a></p>" : string.Empty)}
        <form method="post" action="/backfill/upload" enctype="multipart/form-data">
          <input type="hidden" name="{E(Tokens(context).FormFieldName)}" value="{E(Tokens(context).RequestToken)}">
          <label>File<input type="file" name="file" accept=".zip,.xml,.json" required></label>
          <button>Upload and preview</button>
        </form>
        """);

    private static AntiforgeryTokenSet Tokens(HttpContext context) => context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);

    /// <summary>Streams the multipart body to a file: the antiforgery field must come first (the form puts it there), then the file.</summary>
    /// <remarks>ReadFormAsync would buffer a 4 GB file under its own limits; this reads it section by section in 80 KB chunks.</remarks>
    private static async Task<IResult> UploadAsync(HttpContext context, ServerOptions options, IAntiforgery antiforgery, SyncJobs jobs)
    {
        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return Results.BadRequest("expected a file upload form");
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null; // an export is 1 to 4 GB; it goes to disk, never to memory
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        var first = await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false);
        var tokenField = Tokens(context).FormFieldName;
        if (first is null || !ContentDispositionHeaderValue.TryParse(first.ContentDisposition, out var field) || HeaderUtilities.RemoveQuotes(field.Name).Value != tokenField)
        {
            return Results.Text("This form has expired or did not come from this site.", statusCode: StatusCodes.Status400BadRequest);
        }

        // The token goes where the antiforgery check looks first (the header), so it never reads the form body.
        context.Request.Headers["RequestVerificationToken"] = await new StreamReader(first.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Text("This form has expired or did not come from this site.", statusCode: StatusCodes.Status400BadRequest);
        }

        while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var path = Uploads.NewPath(options.StateDirectory, HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                var partial = path + Uploads.PartialSuffix;
                try
                {
                    var create = OwnerOnly.Create(FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    (create.BufferSize, create.Options) = (81920, FileOptions.Asynchronous);
                    await using (var file = new FileStream(partial, create))
                    {
                        await section.Body.CopyToAsync(file, 81920, context.RequestAborted).ConfigureAwait(false);
                    }

                    File.Move(partial, path);
                }
                catch
                {
                    // A cut upload (the browser closed, the disk filled) leaves nothing behind: a full disk would
                    // otherwise fail every push until someone found the file.
                    File.Delete(partial);
                    throw;
                }

                jobs.PreviewBackfill(path); // a worker job: this answer comes at once, the preview page follows its progress
                return Results.Redirect("/backfill/preview?file=" + Uri.EscapeDataString(Path.GetFileName(path)));
            }
        }

        return Results.BadRequest("the form held no file");
    }

    /// <summary>The preview of an upload: its progress while the worker runs the dry run, then what would be uploaded and why.</summary>
    /// <remarks>The result is kept in memory, so a reload shows it without a second run; after a restart the page queues it again.</remarks>
    private static IResult Preview(HttpContext context, ServerOptions options, SyncJobs jobs, ServerStateHandle handle, string? file)
    {
        var preview = jobs.Previews.For(file);
        if (preview?.Outcome is { Unreadable: { } reason })
        {
            return Page(context, "Backfill preview", Notice("This file cannot be read: " + reason, error: true) + "<p><a href=\"/backfill\">Upload another</a></p>", status: StatusCodes.Status400BadRequest);
        }

        if (Uploads.Find(options.StateDirectory, file) is not { } path)
        {
            return Results.Redirect("/backfill");
        }

        if ((preview is null || preview.Cancelled) && handle.State.GetSetting(SyncJobs.BackfillFileKey) == path)
        {
            // Back from Start: the backfill reads this file now (and deletes it after); a preview would only race it.
            return Page(context, "Backfill preview", Notice($"A backfill of {Uploads.DisplayName(path)} is under way: see Status.") + "<p><a href=\"/\">Status</a></p>");
        }

        if (preview is null || preview.Cancelled)
        {
            preview = jobs.PreviewBackfill(path); // lost with a restart, or cut short by a backfill: run it again
        }

        return preview.Outcome is { } outcome ? Result(context, path, outcome) : Progress(context, path, jobs.Current);
    }

    private static IResult Progress(HttpContext context, string path, JobStatus? job)
    {
        var name = Path.GetFileName(path);
        var bar = job is { Total: > 0 } j ? $"<progress id=\"job-bar\" max=\"{j.Total}\" value=\"{j.Done}\"></progress>" : "<progress id=\"job-bar\" hidden></progress>";
        // With script the line follows the job live and the page reloads once the result is ready; without, it reloads itself.
        return Page(context, "Backfill preview", $"""
            <noscript><meta http-equiv="refresh" content="5"></noscript>
            <p id="preview-progress">{E(Uploads.DisplayName(path))}: a dry run is reading it, to show what would be uploaded and why. Nothing is sent.</p>
            <dl><dt>Running</dt><dd><span id="job" data-events="/backfill/preview/events?file={E(Uri.EscapeDataString(name))}">{E(JobLine(job))}</span>{bar}</dd></dl>
            <p class="note">The result shows here when the dry run is done. You can start the backfill without waiting for it.</p>
            {StartForm(context, name)}
            """);
    }

    private static IResult Result(HttpContext context, string path, PreviewOutcome outcome)
    {
        var rows = new StringBuilder();
        foreach (var row in outcome.Rows)
        {
            rows.Append($"<tr class=\"{E(row.Kind.Code())}\"><td>{E(Local(row.Start))}</td><td>{E(row.Name)}</td><td>{E(Word(row.Kind))}</td><td>{E(row.Reason)}</td></tr>");
        }

        var would = outcome.Count(OutcomeKind.WouldUpload);
        var more = outcome.Workouts > outcome.Rows.Count ? string.Create(CultureInfo.InvariantCulture, $"<p class=\"note\">The first {outcome.Rows.Count} of {outcome.Workouts} workouts.</p>") : string.Empty;
        return Page(context, "Backfill preview", $"""
            <p id="preview-result">{E(Uploads.DisplayName(path))}: {outcome.Workouts} workout{(outcome.Workouts == 1 ? "" : "s")}, <strong>{would} would be uploaded</strong>. Nothing has been sent yet.</p>
            {Notice(outcome.Note, error: true)}
            {StartForm(context, Path.GetFileName(path))}
            <table><thead><tr><th>Started</th><th>Workout</th><th>Would</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>{more}
            """);
    }

    private static string StartForm(HttpContext context, string name) =>
        Form(context, "/backfill/start", $"<input type=\"hidden\" name=\"file\" value=\"{E(name)}\"><button>Start backfill</button>");

    /// <summary>Server-sent events for the preview page: the job line at each change, then "ready" once the result is there.</summary>
    private static Task PreviewEventsAsync(HttpContext context, SyncJobs jobs, ServerOptions options, string? file) =>
        // Done, replaced or cut short: the page reloads and shows what there is.
        LiveEvents.StreamAsync(context, jobs, options, () => null, ended: () => jobs.Previews.For(file) is not { Outcome: null, Cancelled: false });

    private static string Word(OutcomeKind kind) => kind switch
    {
        OutcomeKind.WouldUpload => "upload",
        OutcomeKind.NotSelected => "not sent",
        OutcomeKind.Failed => "fail",
        _ => "skip: already synced",
    };
}
