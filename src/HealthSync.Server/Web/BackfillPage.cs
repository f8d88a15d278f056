using System.Globalization;
using System.Text;
using HealthSync.AppleHealth;
using HealthSync.Server.Work;
using HealthSync.Sync;
using HealthSync.Workouts;
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
        pages.MapGet("/backfill/preview", PreviewAsync);
        pages.MapPost("/backfill/start", async (HttpContext context, ServerOptions options, SyncJobs jobs) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            if (Uploads.Find(options.StateDirectory, form["file"]) is not { } path)
            {
                return Results.Redirect("/backfill");
            }

            jobs.Backfill(path);
            return Results.Redirect("/?started=1");
        }).Guarded();
    }

    private static IResult Render(HttpContext context, ServerStateHandle handle) => Page(context, "Backfill older workouts", $"""
        <p>Workouts that ended before sync was turned on come in with a backfill. Upload the Health app's export
        (<code>export.zip</code>: Health → your picture → Export All Health Data) or a Health Auto Export JSON file.
        You see what would be uploaded, and why, before anything is sent.</p>
        {(handle.State.GetSetting(SyncJobs.BackfillFileKey) is { Length: > 0 } running ? Notice($"A backfill of {Uploads.DisplayName(running)} is under way: see Status.") : string.Empty)}
        <form method="post" action="/backfill/upload" enctype="multipart/form-data">
          <input type="hidden" name="{E(Tokens(context).FormFieldName)}" value="{E(Tokens(context).RequestToken)}">
          <label>File<input type="file" name="file" accept=".zip,.xml,.json" required></label>
          <button>Upload and preview</button>
        </form>
        """);

    private static AntiforgeryTokenSet Tokens(HttpContext context) => context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);

    /// <summary>Streams the multipart body to a file: the antiforgery field must come first (the form puts it there), then the file.</summary>
    /// <remarks>ReadFormAsync would buffer a 4 GB file under its own limits; this reads it section by section in 80 KB chunks.</remarks>
    private static async Task<IResult> UploadAsync(HttpContext context, ServerOptions options, IAntiforgery antiforgery)
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
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    await section.Body.CopyToAsync(file, 81920, context.RequestAborted).ConfigureAwait(false);
                }

                return Results.Redirect("/backfill/preview?file=" + Uri.EscapeDataString(Path.GetFileName(path)));
            }
        }

        return Results.BadRequest("the form held no file");
    }

    /// <summary>A dry run of the backfill over the file: what would be uploaded and why, nothing changed.</summary>
    private static async Task<IResult> PreviewAsync(HttpContext context, ServerOptions options, ServerAccount account, ServerStateHandle handle, string? file)
    {
        if (Uploads.Find(options.StateDirectory, file) is not { } path)
        {
            return Results.Redirect("/backfill");
        }

        SyncRunResult result;
        try
        {
            using var source = Uploads.Open(path, options.Parser, ActivityNameMappings.ReaderOptions(handle.State));
            var run = new SyncRun
            {
                StateDirectory = options.StateDirectory,
                Mode = SyncMode.Backfill,
                Source = source.Source,
                DryRun = true,
                Account = account.Resolve(),
                MachineZone = options.MachineZone,
            };
            result = await new WorkoutSync(options.Time).RunAsync(run, null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ExportReadException ex)
        {
            File.Delete(path);
            return Page(context, "Backfill preview", Notice("This file cannot be read: " + ex.Message, error: true) + "<p><a href=\"/backfill\">Upload another</a></p>", status: StatusCodes.Status400BadRequest);
        }

        var zone = result.Settings.TimeZone;
        var items = result.Report.Items;
        var rows = new StringBuilder();
        foreach (var item in items.Take(PreviewRows))
        {
            rows.Append($"<tr class=\"{E(item.Kind.Code())}\"><td>{E(When(item.Workout.Start, zone))}</td><td>{E(SportCategories.ShortName(item.Workout.ActivityType))}</td><td>{E(Word(item.Kind))}</td><td>{E(item.Reason)}</td></tr>");
        }

        var would = items.Count(i => i.Kind == OutcomeKind.WouldUpload);
        var more = items.Count > PreviewRows ? string.Create(CultureInfo.InvariantCulture, $"<p class=\"note\">The first {PreviewRows} of {items.Count} workouts.</p>") : string.Empty;
        return Page(context, "Backfill preview", $"""
            <p>{E(Uploads.DisplayName(path))}: {items.Count} workouts, <strong>{would} would be uploaded</strong>. Nothing has been sent yet.</p>
            {Form(context, "/backfill/start", $"<input type=\"hidden\" name=\"file\" value=\"{E(Path.GetFileName(path))}\"><button>Start backfill</button>")}
            <table><thead><tr><th>Started</th><th>Workout</th><th>Would</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>{more}
            """);
    }

    private static string Word(OutcomeKind kind) => kind switch
    {
        OutcomeKind.WouldUpload => "upload",
        OutcomeKind.NotSelected => "not sent",
        OutcomeKind.Failed => "fail",
        _ => "skip: already synced",
    };
}
