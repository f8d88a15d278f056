using HealthSync.Server.Secrets;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>First start (set the password with the one-time code from the console), sign in (rate limited) and sign out.</summary>
internal static class AuthPages
{
    public const string SignInPolicy = "sign-in";

    public static void Map(WebApplication app)
    {
        app.MapGet("/setup", (HttpContext context, WebPassword password, string? code) =>
            password.IsSet ? Results.Redirect("/login") : SetupPage(context, code, null));
        app.MapPost("/setup", SetupAsync).Guarded().RequireRateLimiting(SignInPolicy);
        app.MapGet("/login", (HttpContext context, WebPassword password) =>
            password.IsSet ? LoginPage(context, null) : Results.Redirect("/setup"));
        app.MapPost("/login", LoginAsync).Guarded().RequireRateLimiting(SignInPolicy);
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await Sessions.SignOutAsync(context).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).Guarded();
    }

    private static async Task<IResult> SetupAsync(HttpContext context, WebPassword password)
    {
        if (password.IsSet)
        {
            return Results.Redirect("/login");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var code = form["code"].ToString();
        var chosen = form["password"].ToString();
        if (!password.SetupCodeMatches(code))
        {
            return SetupPage(context, null, "That set-up code is not the one the server printed when it started.");
        }

        if (chosen.Length < WebPassword.MinimumLength)
        {
            return SetupPage(context, code, $"Choose a password of at least {WebPassword.MinimumLength} characters.");
        }

        if (chosen != form["confirm"].ToString())
        {
            return SetupPage(context, code, "The two passwords differ.");
        }

        password.Set(chosen);
        await SignInAsync(context).ConfigureAwait(false);
        return Results.Redirect("/phone");
    }

    private static async Task<IResult> LoginAsync(HttpContext context, WebPassword password)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!password.IsSet || !password.Verify(form["password"].ToString()))
        {
            return LoginPage(context, "Wrong password.", StatusCodes.Status401Unauthorized);
        }

        await SignInAsync(context).ConfigureAwait(false);
        return Results.Redirect(LocalReturn.Path(form["return"].ToString())); // the field is the client's: checked again
    }

    private static Task SignInAsync(HttpContext context) => Sessions.SignInAsync(context);

    private static IResult SetupPage(HttpContext context, string? code, string? error) => Page(context, "Set a password", $"""
        <p>This is the first start of this HealthSync server. Choose the password that protects its pages.</p>
        {Notice(error, error: true)}
        {Form(context, "/setup", $"""
            <label>Set-up code (printed by the server when it started)<input type="text" name="code" value="{E(code)}" autocomplete="off" required></label>
            <label>Password (at least {WebPassword.MinimumLength} characters)<input type="password" name="password" autocomplete="new-password" required></label>
            <label>Password again<input type="password" name="confirm" autocomplete="new-password" required></label>
            <button>Set password</button>
            """)}
        """, signedIn: false, status: error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    private static IResult LoginPage(HttpContext context, string? error, int status = StatusCodes.Status200OK) => Page(context, "Sign in", $"""
        {Notice(error, error: true)}
        {Form(context, "/login", $"""
            <input type="hidden" name="return" value="{E(LocalReturn.Path(context.Request.Query["ReturnUrl"].ToString()))}">
            <label>Password<input type="password" name="password" autocomplete="current-password" required autofocus></label>
            <button>Sign in</button>
            """)}
        """, signedIn: false, status: status);
}
