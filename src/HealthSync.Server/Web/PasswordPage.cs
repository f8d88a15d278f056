using HealthSync.Server.Secrets;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>The web password: change it (the current one first; every other session ends), and sign out everywhere.</summary>
internal static class PasswordPage
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/password", (HttpContext context) => Render(context, context.Request.Query.ContainsKey("changed") ? "Changed: every other session is signed out." : null, null));
        pages.MapPost("/password", ChangeAsync).Guarded();
        pages.MapPost("/sign-out-everywhere", async (HttpContext context) =>
        {
            Sessions.EndAll(context);
            await Sessions.SignOutAsync(context).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).Guarded();
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, WebPassword password)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!password.Verify(form["current"].ToString()))
        {
            return Render(context, null, "The current password is not right; nothing was changed.");
        }

        var chosen = form["password"].ToString();
        if (chosen.Length < WebPassword.MinimumLength)
        {
            return Render(context, null, $"Choose a password of at least {WebPassword.MinimumLength} characters.");
        }

        if (chosen != form["confirm"].ToString())
        {
            return Render(context, null, "The two new passwords differ.");
        }

        password.Set(chosen);
        Sessions.EndOthers(context); // a stolen cookie or a forgotten browser stops working now
        return Results.Redirect("/password?changed=1");
    }

    private static IResult Render(HttpContext context, string? notice, string? error) => Page(context, "Web password", $"""
        {Notice(notice)}{Notice(error, error: true)}
        {Form(context, "/password", $"""
            <label>Current password<input type="password" name="current" autocomplete="current-password" required></label>
            <label>New password (at least {WebPassword.MinimumLength} characters)<input type="password" name="password" autocomplete="new-password" required></label>
            <label>New password again<input type="password" name="confirm" autocomplete="new-password" required></label>
            <button>Change password</button>
            """)}
        <p>Signed in on a browser you no longer have? Sign out everywhere, this browser too.</p>
        {Form(context, "/sign-out-everywhere", "<button>Sign out everywhere</button>")}
        <p class="note">Lost the password? On the server's console, run <code>healthsync serve --reset-password</code>: it prints a one-time set-up code, as at the first start.</p>
        """, status: error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
}
