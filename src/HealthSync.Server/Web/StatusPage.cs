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
        pages.MapPost("/sync-now", (SyncJobs jobs) =>
        {
            jobs.SyncNow();
            return Results.Redirect("/?started=1");
        }).Guarded();
        pages.MapGet("/events", EventsAsync);
    }

    private static IResult Render(HttpContext context, ServerStateHandle handle, ServerOptions options, SyncJobs jobs)
    {
        var state = handle.State;
        var settings = SyncSettings.Load(state, options.MachineZone.Id);
        var zone = settings.TimeZone;
        var sync = settings.SyncOn switch
        {
            true => $"On since {When(settings.SyncSince, zone)}: workouts that end after that are uploaded as they arrive.",
            false => "Off: pushed workouts are stored, and nothing is uploaded.",
            _ => "Not turned on yet: it turns on with the first sync (a push or Sync now).",
        };
        var lastEntry = state.History(null, 1) is [var newest] ? newest.At : (DateTimeOffset?)null;
        var last = jobs.Last is { } done ? $"{When(done.FinishedAt, zone)}: {done.Summary}" : $"{When(lastEntry, zone)}";
        var inbox = state.Inbox();
        var documents = state.WaitingDocumentCount();
        var waiting = string.Create(CultureInfo.InvariantCulture, $"{documents} pushed document{(documents == 1 ? "" : "s")} not yet read; {inbox.Workouts - inbox.Settled} workout{(inbox.Workouts - inbox.Settled == 1 ? "" : "s")} received and not in Intervals.icu (older ones wait for a backfill, others are in sports you do not sync).");
        var job = jobs.Current;
        var bar = job is { Total: > 0 } j ? $"<progress id=\"job-bar\" max=\"{j.Total}\" value=\"{j.Done}\"></progress>" : "<progress id=\"job-bar\" hidden></progress>";
        var started = context.Request.Query.ContainsKey("started") ? Notice("Sync started.") : string.Empty;
        return Page(context, "Status", $"""
            {started}
            {Notice(jobs.Blocked, error: true)}
            {NamesPage.Waiting(state)}
            <dl>
              <dt>Sync</dt><dd>{E(sync)}</dd>
              <dt>Last sync</dt><dd id="last">{E(last)}</dd>
              <dt>Waiting</dt><dd>{E(waiting)}</dd>
              <dt>Running</dt><dd><span id="job">{E(JobLine(job))}</span>{bar}</dd>
            </dl>
            {Form(context, "/sync-now", "<button>Sync now</button>")}
            <p class="note">Times are in {E(zone.Id)}.</p>
            """);
    }

    /// <summary>Server-sent events: the job line at each change, so the page follows a run without reloading.</summary>
    private static Task EventsAsync(HttpContext context, SyncJobs jobs, ServerOptions options) =>
        LiveEvents.StreamAsync(context, jobs, options, () => jobs.Last?.Summary);
}
