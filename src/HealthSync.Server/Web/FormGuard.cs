using Microsoft.AspNetCore.Antiforgery;

namespace HealthSync.Server.Web;

/// <summary>Antiforgery on every form: a POST without the page's token is refused before its handler runs.</summary>
internal static class FormGuard
{
    public static RouteHandlerBuilder Guarded(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter(async (invocation, next) =>
    {
        var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(invocation.HttpContext).ConfigureAwait(false);
        }
        catch (Exception ex) when (TooLarge(ex) || TooLarge(ex.InnerException))
        {
            // Past ServerOptions.MaxFormBytes (a form is a few fields): refused as it is read, never buffered whole.
            return Results.Text("This form is far larger than any of this site's forms.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!valid)
        {
            return Results.Text("This form has expired or did not come from this site. Go back, reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(invocation).ConfigureAwait(false);
    });

    /// <summary>Kestrel's body limit or the form reader's own (antiforgery wraps either in its validation exception).</summary>
    private static bool TooLarge(Exception? ex) => ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException;
}
