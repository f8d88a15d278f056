namespace HealthSync.HealthAutoExport;

/// <summary>Canonical-unit factors for the unit strings Health Auto Export writes (they follow the phone's preferences).</summary>
/// <remarks>
/// The strings are hints: they tell kJ from kcal and km from mi, but the field's name says what is measured (HAE has
/// labelled `avgSpeed` "km" while its value is km/h). So each field asks for one dimension, and a string of another
/// dimension or an unknown one is reported, never converted by guess. Kept apart from the Health app reader's unit
/// table on purpose: the two sources do not reference each other.
/// </remarks>
internal static class HaeUnits
{
    /// <summary>Metres per unit: m, km, mi, yd, ft, cm.</summary>
    public static double? Metres(string? unit) => Norm(unit) switch
    {
        "m" or "meter" or "meters" or "metre" or "metres" or "mètres" => 1,
        "km" => 1000,
        "mi" => 1609.344,
        "yd" => 0.9144,
        "ft" => 0.3048,
        "cm" => 0.01,
        _ => null,
    };

    /// <summary>Kilocalories per unit: kcal (Cal), kJ.</summary>
    public static double? Kilocalories(string? unit) => unit?.Trim() == "Cal" // HealthKit's food calorie: a kilocalorie
        ? 1
        : Norm(unit) switch
        {
            "kcal" => 1,
            "kj" => 1 / 4.184,
            _ => null,
        };

    /// <summary>Metres per second per unit: m/s, km/hr, km/h, kmph, mph, mi/hr.</summary>
    public static double? MetresPerSecond(string? unit) => Norm(unit) switch
    {
        "m/s" => 1,
        "km/hr" or "km/h" or "kmph" or "kph" => 1000 / 3600.0,
        "mi/hr" or "mph" => 1609.344 / 3600,
        _ => null,
    };

    /// <summary>Seconds per unit of duration: s, min, hr.</summary>
    public static double? Seconds(string? unit) => Norm(unit) switch
    {
        "s" or "sec" or "" => 1,
        "min" => 60,
        "hr" or "h" => 3600,
        _ => null,
    };

    private static string Norm(string? unit) => (unit ?? "").Trim().ToLowerInvariant();
}
