namespace HealthSync.Server.Web;

/// <summary>Headers on every answer: no inline script or framing, no referrer, no caching of pages that may show the token.</summary>
internal static class SecurityHeaders
{
    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // What antiforgery sets on a page with a form anyway: with "no-store" alone it overrode it and logged a warning
        // for every page served.
        headers.CacheControl = "no-cache, no-store";
        return next();
    }
}
