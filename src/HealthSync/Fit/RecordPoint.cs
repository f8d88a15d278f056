namespace HealthSync.Fit;

/// <summary>Everything known at one second of the workout: one FIT <c>record</c> message.</summary>
internal sealed class RecordPoint(uint time)
{
    public uint Time { get; } = time;

    public int? Latitude { get; set; }

    public int? Longitude { get; set; }

    public double? AltitudeMeters { get; set; }

    public double? HeartRate { get; set; }

    public double? Cadence { get; set; }

    public double? DistanceMeters { get; set; }

    public double? Speed { get; set; }

    public double? Power { get; set; }
}
