using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace HealthSync.HealthAutoExport;

/// <summary>Parses the date forms Health Auto Export is known to send, to UTC instants.</summary>
/// <remarks>
/// "2024-02-06 07:00:00 -0800" (24-hour), "2024-09-21 7:57:00 am +1000" (a phone set to a 12-hour clock, also "AM"),
/// and the same with a narrow no-break space (U+202F, newer iOS) or a no-break space before am/pm. HAE sends no zone
/// name, so the offset is the only word on the phone's local time: a workout's start offset becomes its zone
/// (<see cref="Workouts.WorkoutZone.FixedOffsetId"/>). ISO 8601 ("2024-02-06T07:00:00-08:00") is accepted as well.
/// </remarks>
internal static class HaeDate
{
    private const int MaxLength = 64;

    /// <summary>Parses <paramref name="text"/>; false when it is none of the known forms.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant) => TryParse(text.AsSpan(), out instant);

    /// <summary>Parses a JSON string value without allocating (route points and samples have thousands of dates).</summary>
    public static bool TryParse(JsonElement element, out DateTimeOffset instant)
    {
        instant = default;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // The raw bytes include the quotes; an escaped value ("\u202F") is rare and takes the allocating path.
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length < 2 || raw.Length > MaxLength || raw.Contains((byte)'\\'))
        {
            return TryParse(HaeJson.Text(element), out instant);
        }

        Span<char> chars = stackalloc char[MaxLength];
        var count = Encoding.UTF8.GetChars(raw[1..^1], chars);
        return TryParse(chars[..count], out instant);
    }

    /// <summary>Parses characters; false when they are none of the known forms.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant) => TryParse(text, out instant, out _);

    /// <summary>Parses characters to the instant and the UTC offset the phone wrote beside it (its local time's).</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant, out TimeSpan offset) => TryParse(text.AsSpan(), out instant, out offset);

    /// <summary>Parses characters to the instant and the UTC offset the phone wrote beside it (its local time's).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant, out TimeSpan writtenOffset)
    {
        instant = default;
        writtenOffset = default;
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        Span<char> normalized = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            normalized[i] = text[i] is '\u202F' or '\u00A0' ? ' ' : text[i];
        }

        Span<Range> ranges = stackalloc Range[5];
        var parts = ((ReadOnlySpan<char>)normalized).Split(ranges, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ReadOnlySpan<char> span = normalized;
        if (parts is 3 or 4 && TryDate(span[ranges[0]], out var date) && TryOffset(span[ranges[parts - 1]], out var offset))
        {
            var time = span[ranges[1]];
            var meridiem = parts == 4 ? span[ranges[2]] : default;

            // "7:57:00am": the marker glued to the time.
            if (parts == 3 && time.Length > 2 && char.IsLetter(time[^1]))
            {
                meridiem = time[^2..];
                time = time[..^2];
            }

            // Year 1 east of Greenwich or year 9999 west of it has no UTC instant: not a date, never an exception.
            if (TryTime(time, meridiem, out var timeOfDay) && date.Year is > 1 and < 9999)
            {
                instant = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue) + timeOfDay, offset).ToUniversalTime();
                writtenOffset = offset;
                return true;
            }

            return false;
        }

        if (text.Contains('T')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
            && iso.UtcDateTime.Year is > 1 and < 9999)
        {
            instant = iso.ToUniversalTime();
            writtenOffset = iso.Offset;
            return true;
        }

        return false;
    }

    private static bool TryDate(ReadOnlySpan<char> text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryTime(ReadOnlySpan<char> text, ReadOnlySpan<char> meridiem, out TimeSpan time)
    {
        time = default;
        Span<Range> fields = stackalloc Range[4];
        var count = text.Split(fields, ':');
        if (count is < 2 or > 3
            || !int.TryParse(text[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(text[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return false;
        }

        var seconds = 0.0;
        if (count == 3 && !double.TryParse(text[fields[2]], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        if (!meridiem.IsEmpty)
        {
            bool? pm = meridiem.Equals("am", StringComparison.OrdinalIgnoreCase) || meridiem.Equals("a.m.", StringComparison.OrdinalIgnoreCase) ? false
                : meridiem.Equals("pm", StringComparison.OrdinalIgnoreCase) || meridiem.Equals("p.m.", StringComparison.OrdinalIgnoreCase) ? true
                : null;
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

    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = default;
        if (text is "Z" or "z")
        {
            return true;
        }

        // "+0200" or "+02:00", within the offsets in use (−14:00 to +14:00): DateTimeOffset refuses more with an exception.
        Span<char> digits = stackalloc char[4];
        var length = 0;
        foreach (var c in text.Length > 1 ? text[1..] : [])
        {
            if (c == ':')
            {
                continue;
            }

            if (length == 4)
            {
                return false;
            }

            digits[length++] = c;
        }

        var sign = text.Length > 0 ? text[0] switch { '+' => 1, '-' => -1, _ => 0 } : 0;
        if (sign == 0 || length != 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm)
            || hhmm / 100 * 60 + (hhmm % 100) > 14 * 60 || hhmm % 100 > 59)
        {
            return false;
        }

        offset = sign * new TimeSpan(hhmm / 100, hhmm % 100, 0);
        return true;
    }
}
