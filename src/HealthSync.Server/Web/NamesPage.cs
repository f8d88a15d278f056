using System.Globalization;
using System.Text;
using HealthSync.Server.Work;
using HealthSync.State;
using HealthSync.Sync;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>Workout names: the names pushed workouts carry that no table knows (those workouts wait), a form to map each to a sport, and the user's mappings.</summary>
internal static class NamesPage
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/names", (HttpContext context, ServerStateHandle handle, ServerOptions options, string? mapped, int? documents, int? page) =>
            Render(context, handle.State, options, mapped is null ? null : Mapped(mapped, documents ?? 0), null, page: page ?? 1));
        pages.MapPost("/names/map", MapAsync).Guarded();
    }

    /// <summary>The status page's problem line when names wait for a mapping; empty when none do.</summary>
    public static string Waiting(SyncState state)
    {
        var unknown = state.UnknownActivityNames();
        if (unknown.Count == 0)
        {
            return string.Empty;
        }

        var workouts = unknown.Sum(u => u.Workouts);
        var names = string.Join(", ", unknown.Take(5).Select(u => $"\u201c{u.Name}\u201d ({Language(u.Language)})"));
        var text = string.Create(CultureInfo.InvariantCulture, $"{workouts} pushed workout{(workouts == 1 ? " has a name" : "s have names")} HealthSync does not know: {names}. They are kept and wait until you choose a sport for each name.");
        return $"<p class=\"error\" role=\"status\">{E(text)} <a href=\"/names\">Choose the sports</a></p>";
    }

    private static async Task<IResult> MapAsync(HttpContext context, ServerStateHandle handle, ServerOptions options, SyncJobs jobs)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var state = handle.State;
        ActivityNameMapped result;
        try
        {
            result = ActivityNameMappings.Map(state, form["name"].ToString(), form["type"].ToString(), options.Time.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            return Render(context, state, options, null, Message(ex), StatusCodes.Status400BadRequest);
        }

        if (result.DocumentsToReadAgain > 0)
        {
            jobs.ProcessDocuments();
        }

        return Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"/names?mapped={Uri.EscapeDataString(result.Name)}&documents={result.DocumentsToReadAgain}"));
    }

    /// <summary>Names a page shows: each row carries the sport picker, so 20,000 pushed names once made a 101 MB page.</summary>
    private const int PageSize = 50;

    private static IResult Render(HttpContext context, SyncState state, ServerOptions options, string? notice, string? error, int status = StatusCodes.Status200OK, int page = 1)
    {
        var zone = SyncSettings.Load(state, options.MachineZone.Id).TimeZone;
        var unknown = state.UnknownActivityNames();
        var body = new StringBuilder();
        body.Append(Notice(notice)).Append(Notice(error, error: true));
        body.Append("<p>Health Auto Export sends each workout's name in the phone's language. When a name is in none of HealthSync's tables (English, French, German), the workout is kept and waits here rather than being guessed: choose the sport it is, and it is read again and synced.</p>");
        body.Append("<h2>Waiting for a sport</h2>");
        if (unknown.Count == 0)
        {
            body.Append("<p>No workout is waiting: every name pushed so far is known.</p>");
        }
        else
        {
            var pages = (unknown.Count + PageSize - 1) / PageSize;
            page = Math.Clamp(page, 1, pages);
            body.Append("<table><thead><tr><th>Name</th><th>Language</th><th>Workouts</th><th>First seen</th><th>Sport</th></tr></thead><tbody>");
            foreach (var name in unknown.Skip((page - 1) * PageSize).Take(PageSize))
            {
                var mapForm = Form(context, "/names/map", $"<input type=\"hidden\" name=\"name\" value=\"{E(name.Name)}\"><label>Sport for {E(name.Name)}{Types()}</label><button>Save</button>");
                body.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name.Name)}</td><td>{E(Language(name.Language))}</td><td>{name.Workouts}</td><td>{E(When(name.FirstSeen, zone))}</td><td>{mapForm}</td></tr>");
            }

            body.Append("</tbody></table>");
            if (pages > 1)
            {
                var previous = page > 1 ? $"<a href=\"/names?page={page - 1}\">Previous</a> " : string.Empty;
                var next = page < pages ? $" <a href=\"/names?page={page + 1}\">Next</a>" : string.Empty;
                body.Append(CultureInfo.InvariantCulture, $"<p>{previous}Page {page} of {pages} ({unknown.Count:N0} names){next}</p>");
            }
        }

        body.Append("<h2>Your names</h2>");
        var mappings = state.UserActivityNames();
        if (mappings.Count == 0)
        {
            body.Append("<p>None yet.</p>");
        }
        else
        {
            body.Append("<table><thead><tr><th>Name</th><th>Sport</th><th>Since</th></tr></thead><tbody>");
            foreach (var mapping in mappings)
            {
                body.Append($"<tr><td>{E(mapping.Name)}</td><td>{E(HealthSync.Workouts.SportTable.DisplayName(mapping.ActivityType))}</td><td>{E(When(mapping.MappedAt, zone))}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("<h2>Add a name</h2>");
        body.Append(Form(context, "/names/map", $"<label>Name as the phone sends it<input type=\"text\" name=\"name\" required></label><label>Sport{Types()}</label><button>Save</button>"));
        body.Append("<p class=\"note\">The same from the command line: <code>healthsync names</code> lists them, <code>healthsync names map \"NAME\" TYPE</code> maps one.</p>");
        return Page(context, "Workout names", body.ToString(), status: status);
    }

    /// <summary>The sport table's types, each as a person reads it with the type's own name (what `healthsync names map` takes).</summary>
    private static string Types()
    {
        var options = new StringBuilder("<select name=\"type\" required><option value=\"\">Choose a sport</option>");
        foreach (var (type, display) in ActivityNameMappings.Types)
        {
            options.Append($"<option value=\"{E(type)}\">{E(display == type ? display : $"{display} ({type})")}</option>");
        }

        return options.Append("</select>").ToString();
    }

    private static string Mapped(string name, int documents) => documents switch
    {
        0 => $"Saved: \u201c{name}\u201d is known from now on.",
        1 => $"Saved: \u201c{name}\u201d is known from now on; the pushed document that held it is being read again.",
        _ => string.Create(CultureInfo.InvariantCulture, $"Saved: \u201c{name}\u201d is known from now on; the {documents} pushed documents that held it are being read again."),
    };

    private static string Message(ArgumentException ex) => ex.ParamName is { } parameter && ex.Message.EndsWith($" (Parameter '{parameter}')", StringComparison.Ordinal)
        ? ex.Message[..^($" (Parameter '{parameter}')".Length)]
        : ex.Message;

    internal static string Language(string? code) => code switch
    {
        "en" => "English",
        "fr" => "French",
        "de" => "German",
        null => "not known",
        _ => code,
    };
}
