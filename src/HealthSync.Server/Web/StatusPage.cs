using System.Globalization;
using HealthSync.Server.Work;
using HealthSync.Sync;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>The status page (sync on/off, last sync, what waits, the running job live, Sync now) and its event stream.</summary>
internal static class StatusPage
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/", Render);
        pages.MapPost("/sync-now", (SyncJobs jobs, ServerAccount account, ServerStateHandle handle, ServerOptions options) =>
        {
            // "Sync started." only when a run starts: without an account or with sync off, none would.
            if (account.Resolve() is null)
            {
                return Results.Redirect("/?refused=account");
            }

            if (SyncSettings.Load(handle.State, options.MachineZone.Id).SyncOn != true)
            {
                return Results.Redirect("/?refused=off");
            }

            jobs.SyncNow();
            return Results.Redirect("/?started=sync");
        }).Guarded();
        pages.MapPost("/backfill-held", (SyncJobs jobs, ServerAccount account) =>
        {
            if (account.Resolve() is null)
            {
                return Results.Redirect("/?refused=account");
            }

            jobs.BackfillHeld();
            return Results.Redirect("/?started=backfill");
        }).Guarded();
        pages.MapGet("/events", EventsAsync);
    }

    private static IResult Render(HttpContext context, ServerStateHandle handle, ServerOptions options, SyncJobs jobs, Push.PushRefusals refusals)
    {
        var state = handle.State;
        var settings = SyncSettings.Load(state, options.MachineZone.Id);
        var zone = settings.TimeZone;
        var sync = settings.SyncOn switch
        {
            true => $"On since {When(settings.SyncSince, zone)}: workouts that end after that are uploaded as they arrive.",
            false => "Off: pushed workouts are stored, and nothing is uploaded.",
            _ => "Not turned on yet: it turns on when you connect your Intervals.icu account (Account page).",
        };
        var lastEntry = state.History(null, 1) is [var newest] ? newest.At : (DateTimeOffset?)null;
        var last = jobs.Last is { } done ? $"{When(done.FinishedAt, zone)}: {done.Summary}" : $"{When(lastEntry, zone)}";
        var documents = state.WaitingDocumentCount();
        // Before sync is on, nothing is new yet: every workout received waits for a backfill.
        var (older, newer) = state.Unsettled(settings.SyncSince ?? DateTimeOffset.MaxValue);
        var waiting = string.Create(CultureInfo.InvariantCulture, $"{Count(documents, "pushed document")} not yet read; {Count(newer, "newer workout")} received and not in Intervals.icu (sent by the next sync, unless in sports you do not sync).");
        var history = older == 0
            ? string.Empty
            : $"""
              <p>{E(string.Create(CultureInfo.InvariantCulture, $"{Count(older, "workout")} received ended before sync was turned on: only a backfill uploads them."))}</p>
              {Form(context, "/backfill-held", $"<button>Backfill {E(Count(older, "older workout"))}</button>")}
              """;
        var job = jobs.Current;
        var bar = job is { Total: > 0 } j ? $"<progress id=\"job-bar\" max=\"{j.Total}\" value=\"{j.Done}\"></progress>" : "<progress id=\"job-bar\" hidden></progress>";
        var started = context.Request.Query["started"].ToString() switch
        {
            "sync" => Notice("Sync started."),
            "backfill" => Notice("Backfill started: it sends in batches within Intervals.icu's request limits."),
            _ => string.Empty,
        } + context.Request.Query["refused"].ToString() switch
        {
            "account" => Notice("Nothing was started: connect your Intervals.icu account first (Account page).", error: true),
            "off" => Notice("Nothing was started: sync is off. Turn it on in Settings.", error: true),
            _ => string.Empty,
        };
        return Page(context, "Status", $"""
            {started}
            {Notice(jobs.Blocked, error: true)}
            {Notice(refusals.Last is { } refused ? $"{When(refused.At, zone)}: {refused.Reason}." : null, error: true)}
            {NamesPage.Waiting(state)}
            <dl>
              <dt>Sync</dt><dd>{E(sync)}</dd>
              <dt>Last sync</dt><dd id="last">{E(last)}</dd>
              <dt>Waiting</dt><dd>{E(waiting)}{history}</dd>
              <dt>Running</dt><dd><span id="job">{E(JobLine(job))}</span>{bar}</dd>
              {Failed(state)}
            </dl>
            {Form(context, "/sync-now", "<button>Sync now</button>")}
            <p class="note">Times are in {E(zone.Id)}.</p>
            """);
    }

    /// <summary>Workouts whose last outcome is a failure (unusable, unreadable, refused), with where to read why; empty when none.</summary>
    private static string Failed(HealthSync.State.SyncState state)
    {
        // The workouts' latest outcomes, not history lines: a failure a later run resolved, or one forgotten, is not one.
        var failed = state.CountOutcomes(OutcomeKind.Failed);
        return failed == 0
            ? string.Empty
            : $"<dt>Failed</dt><dd>{E(Count(failed, "workout"))} could not be sent: <a href=\"/history?status=failed\">see why in History</a> (Forget removes one for good).</dd>";
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>Server-sent events: the job line at each change, so the page follows a run without reloading.</summary>
    private static Task EventsAsync(HttpContext context, SyncJobs jobs, ServerOptions options) =>
        LiveEvents.StreamAsync(context, jobs, options, () => jobs.Last?.Summary);
}
