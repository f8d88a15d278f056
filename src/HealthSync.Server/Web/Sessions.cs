using System.Security.Claims;
using HealthSync.Server.Work;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HealthSync.Server.Web;

/// <summary>
/// Signed-in sessions kept in the state, one row each: the cookie carries a session id, and a cookie whose session
/// was ended (signed out, password changed, signed out everywhere) opens nothing, even where it was copied to.
/// </summary>
/// <remarks>A cookie alone is a bearer token valid for 30 days: without a server-side row to end, signing out only
/// forgot it in the one browser that pressed the button.</remarks>
internal static class Sessions
{
    private const string SessionClaim = "sid";

    /// <summary>Signs the owner in with a new session.</summary>
    public static Task SignInAsync(HttpContext context)
    {
        var id = State(context).AddWebSession(Now(context));
        return context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "owner"), new Claim(SessionClaim, id)], CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>Ends this request's session and removes its cookie.</summary>
    public static Task SignOutAsync(HttpContext context)
    {
        State(context).EndWebSession(Id(context.User));
        return context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends every session but this request's (after a password change).</summary>
    public static void EndOthers(HttpContext context) => State(context).EndWebSessions(Id(context.User));

    /// <summary>Ends every session, this one too.</summary>
    public static void EndAll(HttpContext context) => State(context).EndWebSessions(keep: null);

    /// <summary>The cookie handler's check of each request: the cookie's session must still exist.</summary>
    public static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (State(context.HttpContext).HasWebSession(Id(context.Principal)))
        {
            return Task.CompletedTask;
        }

        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static string? Id(ClaimsPrincipal? user) => user?.FindFirst(SessionClaim)?.Value;

    private static HealthSync.State.SyncState State(HttpContext context) => context.RequestServices.GetRequiredService<ServerStateHandle>().State;

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<ServerOptions>().Time.GetUtcNow();
}
