using System.Globalization;
using System.Text;
using HealthSync.Server.Work;
using HealthSync.Sync;
using HealthSync.Workouts;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>History: uploaded, skipped as already synced, failed with the reason; filters, paging, a link to each activity, Forget and Re-send.</summary>
internal static class HistoryPage
{
    private const int PageSize = 50;
    private static readonly string[] Filters = ["uploaded", "skipped", "failed"];

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/history", Render);
        pages.MapPost("/history/forget", (HttpContext context, ServerStateHandle handle, ServerOptions options, SyncJobs jobs) => ForgetAsync(context, handle, options, jobs, resend: false)).Guarded();
        pages.MapPost("/history/resend", (HttpContext context, ServerStateHandle handle, ServerOptions options, SyncJobs jobs) => ForgetAsync(context, handle, options, jobs, resend: true)).Guarded();
    }

    /// <summary>Workouts an earlier release uploaded at the server's local time instead of the phone's, with the fix.</summary>
    private static string WrongTimes(HealthSync.State.SyncState state, TimeZoneInfo zone)
    {
        var wrong = WrongLocalTimes.Find(state, zone);
        if (wrong.Count == 0)
        {
            return string.Empty;
        }

        var items = new StringBuilder();
        foreach (var w in wrong.Take(20))
        {
            items.Append(CultureInfo.InvariantCulture, $"<li>{E(w.Name)}: shown at {E(w.Uploaded.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture))}, recorded at {E(w.Right.ToString("HH:mm", CultureInfo.InvariantCulture))}{(w.ActivityId is { } a ? $" ({E(a)})" : string.Empty)}</li>");
        }

        var more = wrong.Count > 20 ? string.Create(CultureInfo.InvariantCulture, $"<li>and {wrong.Count - 20} more</li>") : string.Empty;
        return $"""
            <div class="error" role="status"><p>{E(string.Create(CultureInfo.InvariantCulture, $"{wrong.Count} workout{(wrong.Count == 1 ? " was" : "s were")} uploaded at this server's local time, not the phone's (a release before this one did so). To correct one: delete its activity in Intervals.icu, then press Re-send on its line below; edits made there are lost."))}</p>
            <ul>{items}{more}</ul></div>
            """;
    }

    private static IResult Render(HttpContext context, ServerStateHandle handle, ServerOptions options, string? status, int? page, string? done)
    {
        var filter = Filters.Contains(status) ? status : null;
        var state = handle.State;
        var zone = SyncSettings.Load(state, options.MachineZone.Id).TimeZone;

        // The page from the address is clamped to the pages there are before it is multiplied: page=2147483647 would
        // overflow the offset (a 500), and a page past the last shows the last.
        var total = state.HistoryCount(filter);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(page ?? 1, 1, pages);
        var entries = state.History(filter, PageSize, (number - 1) * PageSize);
        var rows = new StringBuilder();
        foreach (var entry in entries)
        {
            var activity = entry.IntervalsActivityId is { } id
                ? $"<a href=\"https://intervals.icu/activities/{E(Uri.EscapeDataString(id))}\" rel=\"noopener\">{E(id)}</a>"
                : string.Empty;
            var name = entry.Name ?? SportTable.DisplayName(entry.ActivityType);
            var outcome = entry.ForgottenAt is { } forgotten
                ? $"{E(Word(entry.Status))}<br><span class=\"note\">forgotten {E(When(forgotten, zone))}</span>"
                : E(Word(entry.Status));
            var actions = entry.ForgottenAt is null ? Actions(context, entry.WorkoutId, name) : string.Empty;
            var rowClass = entry.ForgottenAt is null ? entry.Status : entry.Status + " forgotten";
            rows.Append($"<tr class=\"{E(rowClass)}\"><td>{E(When(entry.Start, HealthSync.Workouts.WorkoutZone.Of(entry.TimeZoneId, zone)))}</td><td>{E(name)}</td><td>{outcome}</td><td>{E(entry.Reason)}</td><td>{activity}</td><td>{actions}</td></tr>");
        }

        var links = new StringBuilder(WrongTimes(state, zone));
        links.Append("<p>Show: ");
        links.Append(Link(null, 1, filter is null ? "<strong>all</strong>" : "all"));
        foreach (var f in Filters)
        {
            links.Append(" · ").Append(Link(f, 1, f == filter ? $"<strong>{E(f)}</strong>" : E(f)));
        }

        links.Append("</p>");
        var paging = string.Create(CultureInfo.InvariantCulture, $"<p>Page {number} of {pages} ({total} {(total == 1 ? "entry" : "entries")})")
            + (number > 1 ? " · " + Link(filter, number - 1, "newer") : string.Empty)
            + (number < pages ? " · " + Link(filter, number + 1, "older") : string.Empty) + "</p>";
        var table = entries.Count == 0
            ? "<p>Nothing here yet.</p>"
            : $"<table><thead><tr><th>Started</th><th>Workout</th><th>Outcome</th><th>Why</th><th>Intervals.icu</th><th>Actions</th></tr></thead><tbody>{rows}</tbody></table>";
        var help = "<p class=\"note\">Forget makes a workout a candidate again: the next sync or backfill decides it afresh (it looks the workout up in Intervals.icu first, so one still there is not sent twice). Re-send forgets it and starts that run now, for an activity you deleted in Intervals.icu.</p>";
        return Page(context, "History", Notice(Done(done)) + links + table + paging + help);
    }

    private static string Actions(HttpContext context, string workoutId, string name)
    {
        var field = $"<input type=\"hidden\" name=\"workout\" value=\"{E(workoutId)}\">";
        return "<div class=\"actions\">"
            + Form(context, "/history/forget", $"{field}<button class=\"secondary\" aria-label=\"Forget {E(name)}\">Forget</button>")
            + Form(context, "/history/resend", $"{field}<button class=\"secondary\" aria-label=\"Re-send {E(name)}\">Re-send</button>")
            + "</div>";
    }

    /// <summary>Forget (the same core call as `healthsync forget`), and for Re-send the run that uploads it again.</summary>
    private static async Task<IResult> ForgetAsync(HttpContext context, ServerStateHandle handle, ServerOptions options, SyncJobs jobs, bool resend)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var id = form["workout"].ToString();
        var state = handle.State;
        var settings = SyncSettings.Load(state, options.MachineZone.Id);
        if (state.Forget([id], settings.TimeZone, options.Time.GetUtcNow()) is not [var forgotten])
        {
            return Results.Redirect("/history?done=unknown");
        }

        if (!resend)
        {
            return Results.Redirect("/history?done=forgotten");
        }

        if (state.InboxWorkouts([id]).GetValueOrDefault(id) is not { } workout)
        {
            return Results.Redirect("/history?done=gone");
        }

        if (settings.SyncSince is { } since && workout.End > since)
        {
            jobs.SyncNow(); // ended after sync was turned on: a sync takes it
        }
        else
        {
            // An older workout is a backfill's: from its own day, or from the last backfill's first day when that is earlier
            // (never later, so the next backfill does not lose days it would have covered).
            var day = forgotten.LocalStart is { } local ? DateOnly.FromDateTime(local.DateTime) : (DateOnly?)null;
            var stored = WorkoutSync.StoredBackfillSince(state);
            jobs.BackfillFromInbox(stored is { } s && day is { } d && d < s ? d : stored);
        }

        return Results.Redirect("/history?done=resent");
    }

    private static string? Done(string? done) => done switch
    {
        "forgotten" => "Forgotten: the next sync or backfill decides this workout afresh. Its lines stay here, marked forgotten.",
        "resent" => "Forgotten and sent again: the run has started; its new line appears here when it ends.",
        "gone" => "Forgotten, but this workout is no longer kept on the server: backfill an export that holds it to send it again.",
        "unknown" => "That workout has no recorded outcome (it may have been forgotten already): nothing changed.",
        _ => null,
    };

    private static string Word(string status) => status switch
    {
        "uploaded" => "Uploaded",
        "skipped" => "Skipped: already synced",
        "failed" => "Failed",
        _ => status,
    };

    private static string Link(string? status, int page, string label) =>
        $"<a href=\"/history?{(status is null ? string.Empty : "status=" + status + "&amp;")}page={page.ToString(CultureInfo.InvariantCulture)}\">{label}</a>";
}
