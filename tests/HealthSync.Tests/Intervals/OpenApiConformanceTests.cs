using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthSync.Intervals;

namespace HealthSync.Tests.Intervals;

public sealed class OpenApiConformanceTests
{
    [Fact]
    public async Task Should_Send_Only_Paths_And_Parameters_The_OpenApi_Document_Declares()
    {
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(SpecPath()))!;
        await using var server = await StandIn.StartAsync();
        using var client = StandIn.Client(server, StandIn.Time());
        var upload = await client.UploadFitAsync("ah-spec", TestFitFile.Create(new DateTimeOffset(2025, 5, 1, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30)), "Run", "Apple Watch", CancellationToken.None);
        await client.ListActivitiesAsync(new DateTime(2025, 4, 1), new DateTime(2025, 6, 1), CancellationToken.None);
        await client.GetActivityAsync(upload.ActivityId, CancellationToken.None);
        await client.UpdateActivityAsync(upload.ActivityId, new IntervalsActivityUpdate { Type = "Run" }, CancellationToken.None);
        await client.DeleteActivityAsync(upload.ActivityId, CancellationToken.None);

        Assert.Equal(5, server.Received.Count);
        foreach (var request in server.Received.All)
        {
            var operation = FindOperation(spec["paths"]!.AsObject(), request.Method, request.Path);
            Assert.True(operation is not null, $"{request.Method} {request.Path} is not in the OpenAPI document");
            var declared = operation!["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).ToHashSet() ?? [];
            Assert.All(request.Query.Keys, name => Assert.Contains(name, declared));
            var required = operation["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "query" && (bool?)p["required"] == true).Select(p => (string)p!["name"]!) ?? [];
            Assert.All(required, name => Assert.Contains(name, request.Query.Keys));
            if (request.File is not null)
            {
                var fields = operation["requestBody"]!["content"]!.AsObject().SelectMany(c => c.Value?["schema"]?["properties"]?.AsObject().Select(p => p.Key) ?? []).ToHashSet();
                Assert.Equal(["file"], request.FileFields);
                Assert.Contains(request.FileFields.Single(), fields);
                Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
            }
        }
    }

    private static JsonNode? FindOperation(JsonObject paths, string method, string path)
    {
        foreach (var (template, item) in paths)
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item?[method.ToLowerInvariant()] is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    // The repository's parent holds shared/reference (the worktree sits next to it).
    private static string SpecPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "intervals-openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/reference/intervals-openapi.json not found above " + AppContext.BaseDirectory);
    }
}
