using System.Text.Json.Nodes;

namespace IntervalsStandIn;

/// <summary>Answers shaped as the service's: Spring-style {"status","error"} bodies.</summary>
internal static class ServiceResults
{
    public static IResult Error(int status, string error) =>
        Results.Json(new JsonObject { ["status"] = status, ["error"] = error }, statusCode: status);

    public static Task WriteErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject { ["status"] = status, ["error"] = error });
    }
}
