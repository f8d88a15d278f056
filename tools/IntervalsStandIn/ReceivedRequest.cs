namespace IntervalsStandIn;

/// <summary>One API request as the stand-in received it, with the status it answered (0 when the connection was dropped).</summary>
public sealed class ReceivedRequest
{
    public required DateTimeOffset At { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The raw query string, "?" included, or empty.</summary>
    public required string QueryString { get; init; }

    public required IReadOnlyDictionary<string, string[]> Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public string? ContentType => Headers.GetValueOrDefault("Content-Type");

    /// <summary>Multipart field names of uploaded files.</summary>
    public IReadOnlyList<string> FileFields { get; internal set; } = [];

    public string? FileName { get; internal set; }

    public byte[]? File { get; internal set; }

    public int Status { get; internal set; }
}
