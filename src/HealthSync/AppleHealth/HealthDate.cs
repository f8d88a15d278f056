using System.Text;

namespace HealthSync.AppleHealth;

/// <summary>Parses Apple Health export dates ("2025-07-14 16:39:21 +0100") to instants.</summary>
/// <remarks>
/// The offset is the exporting device's at export time, not the workout's: the result is an instant only.
/// Hand-written because it runs for millions of records; DateTimeOffset.ParseExact is several times slower.
/// </remarks>
internal static class HealthDate
{
    private const int Length = 25; // yyyy-MM-dd HH:mm:ss +hhmm

    // HealthKit began in 2014; the bounds only keep nonsense ("0000-01-01") from overflowing what follows.
    private const int MinYear = 1970;
    private const int MaxYear = 2068;

    /// <summary>Parses UTF-8 bytes to Unix seconds.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseUnixSeconds(ReadOnlySpan<byte> text, out long unixSeconds)
    {
        unixSeconds = 0;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':' || text[19] != ' ')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || !TryDigits(text, 21, 2, out var offsetHours) || !TryDigits(text, 23, 2, out var offsetMinutes))
        {
            return false;
        }

        var sign = text[20] switch { (byte)'+' => 1, (byte)'-' => -1, _ => 0 };
        if (sign == 0 || year is < MinYear or > MaxYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60 || offsetHours > 18 || offsetMinutes > 59)
        {
            return false;
        }

        var offsetSeconds = sign * ((offsetHours * 3600) + (offsetMinutes * 60));
        unixSeconds = (DaysFromCivil(year, month, day) * 86400L) + (hour * 3600) + (minute * 60) + second - offsetSeconds;
        return true;
    }

    /// <summary>Parses a string to a UTC instant.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[Length];
        if (Encoding.UTF8.GetBytes(text, utf8) != Length || !TryParseUnixSeconds(utf8, out var seconds))
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (unchecked((uint)digit) > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    // Howard Hinnant's days_from_civil: days since 1970-01-01 for a proleptic Gregorian date.
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097L) + dayOfEra - 719468;
    }
}
