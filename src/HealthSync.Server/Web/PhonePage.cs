using HealthSync.Server.Push;
using HealthSync.Server.Secrets;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>Phone setup: the push URL, the token and the exact Health Auto Export automation settings, copyable; rotating the token.</summary>
internal static class PhonePage
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/phone", Render);
        pages.MapPost("/phone/rotate", (PushToken token) =>
        {
            if (token.IsFixed)
            {
                return Results.Redirect("/phone?fixed=1");
            }

            token.Rotate();
            return Results.Redirect("/phone?rotated=1");
        }).Guarded();
    }

    private static IResult Render(HttpContext context, PushToken token)
    {
        // The address the browser used is the one the phone can reach (behind a proxy: the forwarded host).
        var url = $"{context.Request.Scheme}://{context.Request.Host}{PushEndpoint.Path}";
        var notice = context.Request.Query.ContainsKey("rotated")
            ? "A new token is in use: the old one is refused from now on. Enter the new one in the app."
            : null;
        var error = context.Request.Query.ContainsKey("fixed") ? "The token comes from HEALTHSYNC_PUSH_TOKEN: change it there." : null;
        return Page(context, "Phone setup", $"""
            {Notice(notice)}{Notice(error, error: true)}
            <p>Install <strong>Health Auto Export</strong> on the iPhone, then add an automation with exactly these settings.
            It sends each new workout here, and the server uploads it to Intervals.icu.</p>
            <dl>
              <dt>Automation type</dt><dd>REST API</dd>
              <dt>URL</dt><dd><code id="push-url">{E(url)}</code> <button type="button" data-copy="push-url">Copy</button></dd>
              <dt>Data type</dt><dd>Workouts</dd>
              <dt>Export format</dt><dd>JSON</dd>
              <dt>Export version</dt><dd>Version 2</dd>
              <dt>Include workout metadata / routes</dt><dd>On (routes come with outdoor workouts)</dd>
              <dt>Header</dt><dd>key <code id="push-header-name">Authorization</code> <button type="button" data-copy="push-header-name">Copy</button>,
                value <code id="push-header">Bearer {E(token.Reveal())}</code> <button type="button" data-copy="push-header">Copy</button></dd>
              <dt>Sync cadence</dt><dd>As often as the app allows; resends of the same workouts add nothing.</dd>
            </dl>
            <p class="note">Keep the token private: whoever has it can send workouts to this server. If it leaks, make a new one.</p>
            {Form(context, "/phone/rotate", "<button>Make a new token</button>")}
            """);
    }
}
