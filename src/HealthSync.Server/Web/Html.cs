using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HealthSync.Server.Work;
using HealthSync.Sync;
using Microsoft.AspNetCore.Antiforgery;

namespace HealthSync.Server.Web;

/// <summary>The page shell and the few helpers every page uses: every value goes through <see cref="E"/>, every form carries an antiforgery token.</summary>
internal static class Html
{
    private static readonly (string Path, string Label)[] Nav =
        [("/", "Status"), ("/settings", "Settings"), ("/account", "Account"), ("/backfill", "Backfill"), ("/history", "History"), ("/names", "Names"), ("/phone", "Phone setup")];

    /// <summary>HTML-encodes a value (null is empty).</summary>
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static IResult Page(HttpContext context, string title, string body, bool signedIn = true, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E(title)).Append(" · HealthSync</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body><header><strong>HealthSync</strong>");
        if (signedIn)
        {
            html.Append("<nav>");
            foreach (var (path, label) in Nav)
            {
                var current = context.Request.Path == path ? " aria-current=\"page\"" : string.Empty;
                html.Append("<a href=\"").Append(path).Append('"').Append(current).Append('>').Append(E(label)).Append("</a>");
            }

            html.Append("</nav>").Append(Form(context, "/logout", "<button class=\"link\">Sign out</button>"));
        }

        html.Append("</header><main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main><script src=\"/app.js\"></script></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A POST form with the antiforgery token.</summary>
    public static string Form(HttpContext context, string action, string inner, string? id = null)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var idAttribute = id is null ? string.Empty : $" id=\"{E(id)}\"";
        return $"<form method=\"post\" action=\"{E(action)}\"{idAttribute}><input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{inner}</form>";
    }

    /// <summary>"Mon 2 Jun 2025, 07:12": an instant in the user's zone, as people read it.</summary>
    public static string When(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) : "never";

    /// <summary>A time already at its own local time (a workout's, in the workout's zone), as <see cref="When"/> writes it.</summary>
    public static string Local(DateTimeOffset local) => local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"about 3 min", "about 1 h 20 min".</summary>
    public static string Duration(TimeSpan span) => span.TotalMinutes < 1
        ? "under a minute"
        : span.TotalHours < 1
            ? string.Create(CultureInfo.InvariantCulture, $"about {Math.Ceiling(span.TotalMinutes)} min")
            : string.Create(CultureInfo.InvariantCulture, $"about {(int)span.TotalHours} h {span.Minutes} min");

    public static string Notice(string? text, bool error = false) =>
        string.IsNullOrEmpty(text) ? string.Empty : $"<p class=\"{(error ? "error" : "notice")}\" role=\"status\">{E(text)}</p>";

    /// <summary>The job line the status page shows, also sent live by /events.</summary>
    public static string JobLine(JobStatus? job)
    {
        if (job is null)
        {
            return "Nothing is running.";
        }

        var unit = job.Phase == SyncPhase.Reading ? "reading" : "uploading";
        if (job.Phase == SyncPhase.Reading && job.Total > 0 && job.Title.EndsWith("documents", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{job.Title}: {job.Done} of {job.Total} read");
        }

        var progress = job.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {job.Done} of {job.Total}") : string.Empty;
        var left = job.TimeLeft is { } t ? $", {Duration(t)} left" : string.Empty;
        return $"{job.Title}: {unit}{progress}{left}";
    }
}
