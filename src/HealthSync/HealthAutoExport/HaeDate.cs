using System.Globalization;

namespace HealthSync.HealthAutoExport;

/// <summary>Parses the date forms Health Auto Export is known to send, to UTC instants.</summary>
/// <remarks>
/// "2024-02-06 07:00:00 -0800" (24-hour), "2024-09-21 7:57:00 am +1000" (a phone set to a 12-hour clock, also "AM"),
/// and the same with a narrow no-break space (U+202F, newer iOS) or a no-break space before am/pm. The offset is kept
/// only to find the instant: HAE sends no zone name. ISO 8601 ("2024-02-06T07:00:00-08:00") is accepted as well.
/// </remarks>
internal static class HaeDate
{
    /// <summary>Parses <paramref name="text"/>; false when it is none of the known forms.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Replace('\u202F', ' ').Replace('\u00A0', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 3 or 4 && TryDate(parts[0], out var date) && TryOffset(parts[^1], out var offset))
        {
            var time = parts[1];
            string? meridiem = parts.Length == 4 ? parts[2] : null;

            // "7:57:00am": the marker glued to the time.
            if (meridiem is null && time.Length > 2 && char.IsLetter(time[^1]))
            {
                meridiem = time[^2..];
                time = time[..^2];
            }

            if (TryTime(time, meridiem, out var timeOfDay))
            {
                instant = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue) + timeOfDay, offset).ToUniversalTime();
                return true;
            }

            return false;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            instant = iso.ToUniversalTime();
            return true;
        }

        return false;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryTime(string text, string? meridiem, out TimeSpan time)
    {
        time = default;
        var fields = text.Split(':');
        if (fields.Length is < 2 or > 3
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return false;
        }

        var seconds = 0.0;
        if (fields.Length == 3 && !double.TryParse(fields[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        if (meridiem is not null)
        {
            var pm = meridiem.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant() switch
            {
                "AM" => false,
                "PM" => true,
                _ => (bool?)null,
            };
            if (pm is null || hour is < 1 or > 12)
            {
                return false;
            }

            // 12:05 am is just after midnight, 12:05 pm just after noon.
            hour = (hour % 12) + (pm.Value ? 12 : 0);
        }

        if (hour > 23 || minute > 59 || seconds >= 61)
        {
            return false;
        }

        time = new TimeSpan(hour, minute, 0) + TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static bool TryOffset(string text, out TimeSpan offset)
    {
        offset = default;
        if (text is "Z" or "z")
        {
            return true;
        }

        var digits = text.Length > 1 ? text[1..].Replace(":", "", StringComparison.Ordinal) : "";
        var sign = text.Length > 0 ? text[0] switch { '+' => 1, '-' => -1, _ => 0 } : 0;
        if (sign == 0 || digits.Length != 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm)
            || hhmm / 100 > 18 || hhmm % 100 > 59)
        {
            return false;
        }

        offset = sign * new TimeSpan(hhmm / 100, hhmm % 100, 0);
        return true;
    }
}
