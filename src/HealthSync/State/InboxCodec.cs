using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthSync.Workouts;

namespace HealthSync.State;

/// <summary>How a workout is stored in the inbox: the normalized workout as JSON, Brotli-compressed; its summary as plain JSON.</summary>
/// <remarks>
/// The normalized workout is stored rather than its FIT bytes because what is sent depends on things that may change
/// between reading and sending: the settings (GPS routes, the zone for workouts without one), the sport table and the
/// encoder itself. The source (the Health app's export, a pushed document) is never needed again.
/// The JSON of one workout is the same bytes every time it is read, so its SHA-256 tells an unchanged re-read
/// (nothing written) from a changed one (a route that was missing, a corrected zone: the row is updated).
/// </remarks>
internal static class InboxCodec
{
    public static byte[] Json(Workout workout) => JsonSerializer.SerializeToUtf8Bytes(workout, InboxJson.Default.Workout);

    public static string Sha256(byte[] json) => Convert.ToHexStringLower(SHA256.HashData(json));

    public static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream(json.Length / 4);
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(json);
        }

        return output.ToArray();
    }

    public static Workout Decompress(byte[] payload)
    {
        using var brotli = new BrotliStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, InboxJson.Default.Workout)
            ?? throw new InvalidDataException("an inbox row holds no workout");
    }

    public static string SummaryJson(WorkoutSummary summary) => JsonSerializer.Serialize(summary, InboxJson.Default.WorkoutSummary);

    public static WorkoutSummary Summary(string json) => JsonSerializer.Deserialize(json, InboxJson.Default.WorkoutSummary)
        ?? throw new InvalidDataException("an inbox row holds no summary");
}

// Computed properties (Category, Elapsed, Duration of a span) are derived again on reading, never stored.
[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Workout))]
[JsonSerializable(typeof(WorkoutSummary))]
internal sealed partial class InboxJson : JsonSerializerContext;
