using System.Globalization;
using System.Text.Json;

namespace HealthSync.Tests.Fit;

/// <summary>One file as Garmin's decoder saw it, with typed access to the messages the tests check.</summary>
internal sealed class DecodedFit(JsonElement root)
{
    private static readonly DateTimeOffset FitEpoch = new(1989, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public bool IsFit => root.GetProperty("isFIT").GetBoolean();

    public bool Integrity => root.GetProperty("integrity").GetBoolean();

    public IReadOnlyList<string> Errors => [.. root.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "")];

    public IReadOnlyList<JsonElement> Messages(string key) =>
        root.GetProperty("messages").TryGetProperty(key, out var list) ? [.. list.EnumerateArray()] : [];

    public JsonElement Session => Assert.Single(Messages("sessionMesgs"));

    public JsonElement Activity => Assert.Single(Messages("activityMesgs"));

    public static double Number(JsonElement message, string field) => message.GetProperty(field).GetDouble();

    public static double? OptionalNumber(JsonElement message, string field) =>
        message.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A date_time (decoded to an ISO string) or local_date_time (left as FIT seconds) as an instant-like value.</summary>
    public static DateTimeOffset Time(JsonElement message, string field)
    {
        var value = message.GetProperty(field);
        return value.ValueKind == JsonValueKind.Number
            ? FitEpoch.AddSeconds(value.GetDouble())
            : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static double Degrees(double semicircles) => semicircles * 180.0 / 2147483648.0;
}
