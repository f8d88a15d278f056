using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IntervalsStandIn.Fit;

namespace IntervalsStandIn;

/// <summary>The API paths HealthSync uses, as the OpenAPI document and the reference page describe them.</summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app, StandInServer server)
    {
        var options = server.Options;
        app.MapPost("/api/v1/athlete/{id}/activities", (HttpContext context, string id) => UploadAsync(context, id, server));
        app.MapGet("/api/v1/athlete/{id}/activities", (HttpContext context, string id) => List(context, id, server));
        app.MapGet("/api/v1/activity/{id}", (string id) =>
            server.Activities.Get(id) is { } a ? Results.Json(a) : ServiceResults.Error(404, "Activity not found"));
        app.MapPut("/api/v1/activity/{id}", async (HttpContext context, string id) =>
        {
            var existing = server.Activities.Get(id);
            if (existing is null)
            {
                return ServiceResults.Error(404, "Activity not found");
            }

            if (existing["source"]?.ToString() == "STRAVA")
            {
                return ServiceResults.Error(422, "Strava activities cannot be updated");
            }

            var changes = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            return changes is null ? ServiceResults.Error(422, "Expected a JSON object") : Results.Json(server.Activities.Update(id, changes));
        });
        app.MapDelete("/api/v1/activity/{id}", (string id) => server.Activities.Delete(id)
            ? Results.Json(new JsonObject { ["icu_athlete_id"] = options.AthleteId, ["id"] = id })
            : ServiceResults.Error(404, "Activity not found"));
        app.Map("/api/{**rest}", (HttpContext context) => Results.Json(
            new JsonObject { ["timestamp"] = server.Options.TimeProvider.GetUtcNow().ToString("O"), ["status"] = 404, ["error"] = "Not Found", ["path"] = context.Request.Path.Value },
            statusCode: 404));
    }

    private static bool IsOwnAthlete(string id, StandInOptions options) => id == "0" || id == options.AthleteId;

    private static async Task<IResult> UploadAsync(HttpContext context, string athleteId, StandInServer server)
    {
        if (!IsOwnAthlete(athleteId, server.Options))
        {
            return ServiceResults.Error(403, "Access denied");
        }

        if (!context.Request.HasFormContentType)
        {
            return ServiceResults.Error(422, "Expected multipart/form-data with a file");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var record = (ReceivedRequest?)context.Items[StandInServer.RecordKey];
        var file = form.Files.GetFile("file");
        if (record is not null)
        {
            record.FileFields = [.. form.Files.Select(f => f.Name)];
        }

        if (file is null)
        {
            return ServiceResults.Error(422, "Missing multipart field 'file'");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        if (record is not null)
        {
            record.FileName = file.FileName;
            record.File = bytes;
        }

        FitSummary fit;
        try
        {
            fit = FitDecoder.Decode(IsGzip(bytes) ? Gunzip(bytes) : bytes);
        }
        catch (Exception ex) when (ex is FitFormatException or InvalidDataException)
        {
            return ServiceResults.Error(422, "Unable to read file: " + ex.Message);
        }

        // The service de-duplicates by a hash of the uploaded bytes only.
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var query = context.Request.Query;
        var (id, created) = server.Activities.Upload(sha, newId => NewActivity(newId, fit, server.Options, query["name"], query["device_name"], query["external_id"].FirstOrDefault() ?? file.FileName));
        var answer = new JsonObject
        {
            ["icu_athlete_id"] = server.Options.AthleteId,
            ["id"] = id,
            ["activities"] = new JsonArray(new JsonObject { ["icu_athlete_id"] = server.Options.AthleteId, ["id"] = id }),
        };
        return Results.Json(answer, statusCode: created ? 201 : 200);
    }

    private static JsonObject NewActivity(string id, FitSummary fit, StandInOptions options, string? name, string? deviceName, string externalId)
    {
        var athleteId = options.AthleteId;
        var type = fit.Sport is { } sport && options.DerivedTypeBySport.TryGetValue(sport, out var derived) ? derived : SportTypes.Of(fit.Sport, fit.SubSport);
        return new JsonObject
        {
            ["id"] = id,
            ["icu_athlete_id"] = athleteId,
            ["start_date_local"] = fit.StartLocal?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["start_date"] = fit.StartTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["type"] = type,
            ["name"] = string.IsNullOrEmpty(name) ? type : name,
            ["moving_time"] = Seconds(fit.TotalTimerSeconds),
            ["elapsed_time"] = Seconds(fit.TotalElapsedSeconds),
            ["distance"] = fit.TotalDistanceMeters,
            ["average_heartrate"] = fit.AverageHeartRate,
            ["calories"] = fit.TotalCalories,
            ["external_id"] = externalId,
            ["device_name"] = string.IsNullOrEmpty(deviceName) ? null : deviceName,
            ["source"] = "UPLOAD",
            ["file_type"] = "fit",
        };
    }

    private static IResult List(HttpContext context, string athleteId, StandInServer server)
    {
        if (!IsOwnAthlete(athleteId, server.Options))
        {
            return ServiceResults.Error(403, "Access denied");
        }

        var query = context.Request.Query;
        if (!TryParseLocal(query["oldest"], endOfDay: false, out var oldest))
        {
            return ServiceResults.Error(422, "Required parameter 'oldest' is missing or not a date");
        }

        // newest defaults to now; local "now" is unknown here, so allow the widest offset (+14 h).
        var newest = server.Options.TimeProvider.GetUtcNow().UtcDateTime.AddHours(14);
        if (query.ContainsKey("newest") && !TryParseLocal(query["newest"], endOfDay: true, out newest))
        {
            return ServiceResults.Error(422, "Parameter 'newest' is not a date");
        }

        var fields = query["fields"].SelectMany(f => (f ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
        IEnumerable<JsonObject> activities = server.Activities.List(oldest, newest);
        if (int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var limit) && limit > 0)
        {
            activities = activities.Take(limit);
        }

        var answer = new JsonArray();
        foreach (var activity in activities)
        {
            answer.Add(fields.Count == 0 ? activity : Only(activity, fields));
        }

        return Results.Json(answer);
    }

    private static JsonObject Only(JsonObject activity, HashSet<string> fields)
    {
        var result = new JsonObject();
        foreach (var (key, value) in activity)
        {
            // Stubs keep their note: the service sends it whatever was asked for.
            if (fields.Contains(key) || key == "_note")
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static bool TryParseLocal(string? text, bool endOfDay, out DateTime value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date.ToDateTime(endOfDay ? new TimeOnly(23, 59, 59) : TimeOnly.MinValue);
            return true;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static int? Seconds(double? value) => value is { } v ? (int)Math.Round(v) : null;

    private static bool IsGzip(byte[] bytes) => bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
