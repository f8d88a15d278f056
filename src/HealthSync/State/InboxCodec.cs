using System.Buffers;
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
    /// <summary>Writes the workout's JSON into <paramref name="buffer"/> (cleared first): one buffer serves a whole intake,
    /// so a source of thousands of routes does not leave a large-object-heap array per workout behind.</summary>
    public static ReadOnlySpan<byte> Json(Workout workout, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, workout, InboxJson.Default.Workout);
        }

        return buffer.WrittenSpan;
    }

    public static string Sha256(ReadOnlySpan<byte> json) => Convert.ToHexStringLower(SHA256.HashData(json));

    /// <summary>Brotli at its fastest quality: about 1/10 of the JSON for a route, in well under a millisecond a workout.</summary>
    /// <param name="json">The workout's JSON.</param>
    /// <param name="scratch">The caller's buffer for the compressed bytes, grown when too small: one per intake, not
    /// a shared pool's (which keeps a multi-MB array per size long after a backfill, in a server that runs for months).</param>
    public static byte[] Compress(ReadOnlySpan<byte> json, ref byte[]? scratch)
    {
        var needed = BrotliEncoder.GetMaxCompressedLength(json.Length);
        if (scratch is null || scratch.Length < needed)
        {
            scratch = new byte[Math.Max(needed, 64 * 1024)];
        }

        if (!BrotliEncoder.TryCompress(json, scratch, out var written, quality: 1, window: 22))
        {
            throw new InvalidOperationException("Brotli could not compress a workout into its maximum compressed length.");
        }

        return scratch.AsSpan(0, written).ToArray();
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
