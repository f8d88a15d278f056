using System.Globalization;

namespace HealthSync.AppleHealth;

/// <summary>Converts the units an export writes (they follow the user's preferences) to canonical ones.</summary>
internal static class Units
{
    /// <summary>Metres per unit of length: m, km, mi, yd, ft, cm, in.</summary>
    public static double? MetersPer(ReadOnlySpan<char> unit) => unit switch
    {
        "m" => 1,
        "km" => 1000,
        "mi" => 1609.344,
        "yd" => 0.9144,
        "ft" => 0.3048,
        "cm" => 0.01,
        "in" => 0.0254,
        "mm" => 0.001,
        _ => null,
    };

    /// <summary>Kilocalories per unit of energy: kcal, Cal (= kcal), kJ, cal, J.</summary>
    public static double? KilocaloriesPer(ReadOnlySpan<char> unit) => unit switch
    {
        "kcal" or "Cal" => 1,
        "kJ" => 1 / 4.184,
        "cal" => 0.001,
        "J" => 1 / 4184.0,
        _ => null,
    };

    /// <summary>Metres per second per unit of speed: m/s, km/hr, mi/hr, km/h, mph.</summary>
    public static double? MetersPerSecondPer(ReadOnlySpan<char> unit) => unit switch
    {
        "m/s" => 1,
        "km/hr" or "km/h" => 1000 / 3600.0,
        "mi/hr" or "mph" => 1609.344 / 3600,
        _ => null,
    };

    /// <summary>Seconds per unit of duration: s, min, hr, ms.</summary>
    public static double? SecondsPer(ReadOnlySpan<char> unit) => unit switch
    {
        "s" or "sec" => 1,
        "min" => 60,
        "hr" or "h" => 3600,
        "ms" => 0.001,
        "d" => 86400,
        _ => null,
    };

    /// <summary>Parses a number written with '.' as decimal separator, whatever the machine's culture.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses a metadata quantity such as "217 cm" or "50 m" to metres.</summary>
    public static bool TryParseLength(string? text, out double meters)
    {
        meters = 0;
        if (!TrySplitQuantity(text, out var number, out var unit))
        {
            return false;
        }

        var factor = MetersPer(unit);
        meters = number * (factor ?? 0);
        return factor is not null;
    }

    /// <summary>Splits "23178 cm" into its number and unit.</summary>
    public static bool TrySplitQuantity(string? text, out double number, out ReadOnlySpan<char> unit)
    {
        number = 0;
        unit = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var space = span.IndexOf(' ');
        if (space < 0 || !TryParseNumber(span[..space], out number))
        {
            return false;
        }

        unit = span[(space + 1)..].Trim();
        return true;
    }
}
