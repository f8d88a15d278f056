using System.Globalization;
using System.Text.Json;

namespace HealthSync.HealthAutoExport;

/// <summary>Lenient reads of HAE's JSON values: a missing or null field is null, a quantity is `{"qty","units"}` or a bare number.</summary>
internal static class HaeJson
{
    /// <summary>The named property when <paramref name="element"/> is an object holding it with a non-null value.</summary>
    public static JsonElement? Prop(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>The first of the named properties that is present.</summary>
    public static JsonElement? Prop(JsonElement element, string name, string otherName) => Prop(element, name) ?? Prop(element, otherName);

    /// <summary>A finite number, also from a numeric string ("12.5").</summary>
    public static double? Number(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && double.IsFinite(d) => d,
        { ValueKind: JsonValueKind.String } s when double.TryParse(String(s), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    /// <summary>A string value; invalid UTF-8 in it is read with replacement characters (U+FFFD), never thrown.</summary>
    public static string? Text(JsonElement? element) => element is { ValueKind: JsonValueKind.String } s ? String(s) : null;

    /// <summary>
    /// A string element's text. The JSON reader checks structure, not the UTF-8 inside strings: GetString throws on
    /// invalid bytes (seen in a source name), and one such byte must not make a whole workout, or document, unreadable.
    /// </summary>
    private static string String(JsonElement element)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
            return System.Text.Encoding.UTF8.GetString(raw.Length >= 2 ? raw[1..^1] : raw);
        }
    }

    /// <summary>A boolean value (also "true"/"false" strings and 0/1).</summary>
    public static bool? Bool(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(String(s), out var b) => b,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) && i is 0 or 1 => i == 1,
        _ => null,
    };

    /// <summary>A quantity: `{"qty": 3.9, "units": "km"}` or a bare number (units null).</summary>
    public static (double Value, string? Units)? Quantity(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Object } q when Number(Prop(q, "qty")) is { } value => (value, Text(Prop(q, "units"))),
        { } bare when Number(bare) is { } value => (value, null),
        _ => null,
    };

    /// <summary>The items of an array property; empty when absent or not an array.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        Prop(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
