using System.Text.Json.Serialization;

namespace HealthSync.Intervals;

/// <summary>An activity as Intervals.icu lists it, limited to what duplicate detection reads.</summary>
/// <remarks>Strava stubs carry only id, start_date_local and source, so every other field may be null.</remarks>
public sealed record IntervalsActivity
{
    /// <summary>The activity id, e.g. "i12345678".</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Local wall-clock start, without an offset.</summary>
    [JsonPropertyName("start_date_local")]
    public DateTime? StartDateLocal { get; init; }

    /// <summary>Start instant (UTC); absent on Strava stubs.</summary>
    [JsonPropertyName("start_date")]
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>Activity type, an open string such as "Run" or "VirtualRide".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Elapsed seconds, pauses included.</summary>
    [JsonPropertyName("elapsed_time")]
    public int? ElapsedTime { get; init; }

    /// <summary>Moving seconds.</summary>
    [JsonPropertyName("moving_time")]
    public int? MovingTime { get; init; }

    /// <summary>Distance in metres.</summary>
    [JsonPropertyName("distance")]
    public double? Distance { get; init; }

    /// <summary>Where the activity came from: STRAVA, UPLOAD, GARMIN_CONNECT, ...</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The uploader's id; HealthSync writes its workout id here.</summary>
    [JsonPropertyName("external_id")]
    public string? ExternalId { get; init; }

    /// <summary>Activity name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Recording device name.</summary>
    [JsonPropertyName("device_name")]
    public string? DeviceName { get; init; }

    /// <summary>The service's note on stubs (e.g. why a Strava activity shows no data).</summary>
    [JsonPropertyName("_note")]
    public string? Note { get; init; }

    /// <summary>The <c>fields</c> asked for when listing: exactly the properties above.</summary>
    internal static readonly string[] ListFields =
        ["id", "start_date_local", "start_date", "type", "elapsed_time", "moving_time", "distance", "source", "external_id", "name", "device_name"];
}

/// <summary>Fields to change with PUT; null fields are left out of the request and stay as they are.</summary>
public sealed record IntervalsActivityUpdate
{
    /// <summary>New activity type, e.g. "VirtualRide".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>New name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>New description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}

/// <summary>What an upload did: the activity id, and whether it is new (201) or the file was a duplicate (200).</summary>
public sealed record IntervalsUploadResult(string ActivityId, bool IsNew);

internal sealed record UploadResponse(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("activities")] IReadOnlyList<UploadedActivity>? Activities);

internal sealed record UploadedActivity([property: JsonPropertyName("id")] string Id);

internal sealed record ServiceError([property: JsonPropertyName("error")] string? Error);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntervalsActivity))]
[JsonSerializable(typeof(List<IntervalsActivity>))]
[JsonSerializable(typeof(IntervalsActivityUpdate))]
[JsonSerializable(typeof(UploadResponse))]
[JsonSerializable(typeof(ServiceError))]
[JsonSerializable(typeof(List<ServiceError>))]
internal sealed partial class IntervalsJson : JsonSerializerContext;
