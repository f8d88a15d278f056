namespace HealthSync.Fit;

/// <summary>Canonical values to FIT's scaled integers; a value a field cannot hold becomes "invalid" (null), never a wrapped number.</summary>
internal static class FitScale
{
    public static byte? Byte(double? value) => Scaled(value, 1, 0, byte.MaxValue - 1) is { } v ? (byte)v : null;

    public static ushort? UInt16(double? value) => Scaled(value, 1, 0, ushort.MaxValue - 1) is { } v ? (ushort)v : null;

    /// <summary>Metres, scale 100.</summary>
    public static uint? Distance(double? meters) => Scaled(meters, 100, 0, uint.MaxValue - 1) is { } v ? (uint)v : null;

    /// <summary>m/s, scale 1000.</summary>
    public static ushort? Speed(double? metersPerSecond) => Scaled(metersPerSecond, 1000, 0, ushort.MaxValue - 1) is { } v ? (ushort)v : null;

    /// <summary>Metres, scale 5, offset 500.</summary>
    public static ushort? Altitude(double? meters) => Scaled(meters + 500, 5, 0, ushort.MaxValue - 1) is { } v ? (ushort)v : null;

    /// <summary>Pool length in metres, scale 100.</summary>
    public static ushort? PoolLength(double? meters) => Scaled(meters, 100, 0, ushort.MaxValue - 1) is { } v ? (ushort)v : null;

    private static double? Scaled(double? value, double scale, double min, double max)
    {
        if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v))
        {
            return null;
        }

        var scaled = Math.Round(v * scale, MidpointRounding.AwayFromZero);
        if (scaled < min)
        {
            return null;
        }

        return scaled > max ? null : scaled;
    }
}
