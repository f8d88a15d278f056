using System.Globalization;
using System.Text;
using HealthSync.Server.Work;
using HealthSync.Sync;
using HealthSync.Workouts;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>History: uploaded, skipped as already synced, failed with the reason; filters, paging, a link to each activity.</summary>
internal static class HistoryPage
{
    private const int PageSize = 50;
    private static readonly string[] Filters = ["uploaded", "skipped", "failed"];

    public static void Map(RouteGroupBuilder pages) => pages.MapGet("/history", Render);

    private static IResult Render(HttpContext context, ServerStateHandle handle, ServerOptions options, string? status, int? page)
    {
        var filter = Filters.Contains(status) ? status : null;
        var number = Math.Max(1, page ?? 1);
        var state = handle.State;
        var zone = SyncSettings.Load(state, options.MachineZone.Id).TimeZone;
        var (entries, total) = state.HistoryPage(filter, (number - 1) * PageSize, PageSize);
        var rows = new StringBuilder();
        foreach (var entry in entries)
        {
            var activity = entry.IntervalsActivityId is { } id
                ? $"<a href=\"https://intervals.icu/activities/{E(Uri.EscapeDataString(id))}\" rel=\"noopener\">{E(id)}</a>"
                : string.Empty;
            rows.Append($"<tr class=\"{E(entry.Status)}\"><td>{E(When(entry.Start, zone))}</td><td>{E(SportCategories.ShortName(entry.ActivityType))}</td><td>{E(Word(entry.Status))}</td><td>{E(entry.Reason)}</td><td>{activity}</td></tr>");
        }

        var links = new StringBuilder("<p>Show: ");
        links.Append(Link(null, 1, filter is null ? "<strong>all</strong>" : "all"));
        foreach (var f in Filters)
        {
            links.Append(" · ").Append(Link(f, 1, f == filter ? $"<strong>{E(f)}</strong>" : E(f)));
        }

        links.Append("</p>");
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var paging = string.Create(CultureInfo.InvariantCulture, $"<p>Page {number} of {pages} ({total} {(total == 1 ? "entry" : "entries")})")
            + (number > 1 ? " · " + Link(filter, number - 1, "newer") : string.Empty)
            + (number < pages ? " · " + Link(filter, number + 1, "older") : string.Empty) + "</p>";
        var table = entries.Count == 0
            ? "<p>Nothing here yet.</p>"
            : $"<table><thead><tr><th>Started</th><th>Workout</th><th>Outcome</th><th>Why</th><th>Intervals.icu</th></tr></thead><tbody>{rows}</tbody></table>";
        return Page(context, "History", links + table + paging);
    }

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
