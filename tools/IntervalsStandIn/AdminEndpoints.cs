using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace IntervalsStandIn;

/// <summary>/_standin/: what out-of-process tests use to read what arrived, seed activities and inject faults.</summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, StandInServer server)
    {
        var admin = app.MapGroup("/_standin");
        admin.MapGet("/requests", () => Results.Json(new JsonArray([.. server.Received.All.Select(Describe)])));
        admin.MapDelete("/requests", () =>
        {
            server.Received.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/activities", () => Results.Json(new JsonArray([.. server.Activities.All])));
        admin.MapPost("/activities", async (HttpContext context) =>
        {
            if (await JsonNode.ParseAsync(context.Request.Body) is not JsonArray activities)
            {
                return Results.BadRequest("expected a JSON array of activities");
            }

            server.Activities.Seed(activities, server.Options.AthleteId);
            return Results.NoContent();
        });
        admin.MapPost("/faults", async (HttpContext context) =>
        {
            // [{"kind":"Error","status":503},{"kind":"Drop"},{"kind":"Slow","delayMs":2000},{"kind":"SlowAnswer","delayMs":2000},
            //  {"kind":"RateLimit","retryAfterSeconds":3},{"kind":"None"}]
            if (await JsonNode.ParseAsync(context.Request.Body) is not JsonArray faults)
            {
                return Results.BadRequest("expected a JSON array of faults");
            }

            server.Faults.Enqueue([.. faults.OfType<JsonObject>().Select(ToFault)]);
            return Results.NoContent();
        });
        admin.MapDelete("/faults", () =>
        {
            server.Faults.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/stats", () => Results.Json(new JsonObject
        {
            ["requests"] = server.Received.Count,
            ["rateLimited"] = server.Received.All.Count(r => r.Status == 429),
            ["maxInAnySecond"] = server.Received.MaxInAnyWindow(TimeSpan.FromSeconds(1)),
        }));
        admin.MapPost("/reset", () =>
        {
            server.Received.Clear();
            server.Activities.Clear();
            server.Faults.Clear();
            return Results.NoContent();
        });
    }

    private static Fault ToFault(JsonObject f) => f["kind"]?.ToString().ToLowerInvariant() switch
    {
        "error" => Fault.Error((int?)f["status"] ?? 500),
        "drop" => Fault.Drop(),
        "slow" => Fault.Slow(TimeSpan.FromMilliseconds((double?)f["delayMs"] ?? 5000)),
        "slowanswer" => Fault.SlowAnswer(TimeSpan.FromMilliseconds((double?)f["delayMs"] ?? 5000)),
        "none" => Fault.None(),
        "ratelimit" => Fault.RateLimit(f["retryAfterSeconds"] is { } s ? TimeSpan.FromSeconds((double)s) : null),
        var other => throw new BadHttpRequestException($"unknown fault kind {other}"),
    };

    private static JsonObject Describe(ReceivedRequest r)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in r.Headers)
        {
            // Show the scheme, not the secret, even in a test double.
            headers[name] = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? value.Split(' ')[0] + " (hidden)" : value;
        }

        var query = new JsonObject();
        foreach (var (name, values) in r.Query)
        {
            query[name] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        }

        return new JsonObject
        {
            ["at"] = r.At.ToString("O"),
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["query"] = query,
            ["status"] = r.Status,
            ["headers"] = headers,
            ["fileFields"] = new JsonArray([.. r.FileFields.Select(f => JsonValue.Create(f))]),
            ["fileName"] = r.FileName,
            ["fileSize"] = r.File?.Length,
            ["fileSha256"] = r.File is null ? null : Convert.ToHexStringLower(SHA256.HashData(r.File)),
        };
    }
}
