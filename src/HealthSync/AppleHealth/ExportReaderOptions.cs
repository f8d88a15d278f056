namespace HealthSync.AppleHealth;

/// <summary>Options of the Apple Health export reader.</summary>
public sealed record ExportReaderOptions
{
    /// <summary>Whether to read GPS routes (GPX files and inline Location elements). Default: true.</summary>
    public bool ReadRoutes { get; init; } = true;

    /// <summary>Whether to join heart-rate, distance, power, cadence and speed samples to workouts. Default: true.</summary>
    public bool ReadSamples { get; init; } = true;

    /// <summary>Size of the read buffer in bytes. Default: 1 MiB; it grows for a Workout element larger than it.</summary>
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>
    /// Longest single element accepted, in bytes. Default: 256 MiB. The read buffer grows to hold one element whole,
    /// and the largest real ones (a pre-iOS 13 workout with its route inline) are a few MB: a longer element
    /// means a damaged or hostile file, and is an <see cref="ExportReadException"/> rather than gigabytes of memory.
    /// </summary>
    public int MaxElementBytes { get; init; } = 256 << 20;
}
