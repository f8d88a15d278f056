using Microsoft.AspNetCore.Antiforgery;

namespace HealthSync.Server.Web;

/// <summary>Antiforgery on every form: a POST without the page's token is refused before its handler runs.</summary>
internal static class FormGuard
{
    public static RouteHandlerBuilder Guarded(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(async (invocation, next) =>
    {
        var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(invocation.HttpContext).ConfigureAwait(false))
        {
            return Results.Text("This form has expired or did not come from this site. Go back, reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(invocation).ConfigureAwait(false);
    });
}
