using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>Parses the export's HKDevice description ("&lt;&lt;HKDevice: 0x...&gt;, name:Apple Watch, ..., hardware:Watch7,2, software:11.5&gt;").</summary>
internal static class DeviceDescription
{
    private static readonly string[] Keys = ["name", "manufacturer", "model", "hardware", "software", "localIdentifier", "UDIDeviceIdentifier", "creation date", "firmware"];

    /// <summary>Reads the known fields; values may hold commas ("Watch7,2"), so fields are cut at the next known key.</summary>
    public static WorkoutDevice? Parse(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var text = description.Trim().TrimEnd('>');
        var starts = new List<(int Index, string Key)>();
        foreach (var key in Keys)
        {
            var at = text.IndexOf($", {key}:", StringComparison.Ordinal);
            if (at >= 0)
            {
                starts.Add((at, key));
            }
        }

        starts.Sort((a, b) => a.Index.CompareTo(b.Index));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < starts.Count; i++)
        {
            var valueStart = starts[i].Index + starts[i].Key.Length + 3;
            var valueEnd = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
            fields[starts[i].Key] = text[valueStart..valueEnd].Trim();
        }

        return fields.Count == 0
            ? null
            : new WorkoutDevice(fields.GetValueOrDefault("name"), fields.GetValueOrDefault("manufacturer"), fields.GetValueOrDefault("model"),
                fields.GetValueOrDefault("hardware"), fields.GetValueOrDefault("software"));
    }
}
