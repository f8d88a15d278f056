using System.Globalization;
using System.Runtime.CompilerServices;

namespace HealthSync.AppleHealth;

/// <summary>Parses the plain decimals an export is made of ("72", "-118.232524") faster than double.Parse, with the same result.</summary>
/// <remarks>
/// Up to 15 significant digits and 22 decimals, the digits form an integer a double holds exactly, and dividing
/// it by an exact power of ten rounds once, correctly: the very double that double.Parse returns. Anything else
/// (exponents, long mantissas) goes to double.Parse.
/// </remarks>
internal static class FastNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'-' or (byte)'+')
        {
            negative = text[i] == '-';
            i++;
        }

        long mantissa = 0;
        int digits = 0, decimals = 0;
        var seenPoint = false;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            var digit = c - '0';
            if (unchecked((uint)digit) > 9 || digits >= 15)
            {
                return Fallback(text, out value);
            }

            any = true;
            if (mantissa != 0 || digit != 0)
            {
                digits++;
            }

            mantissa = (mantissa * 10) + digit;
            if (seenPoint)
            {
                decimals++;
            }
        }

        if (!any || decimals >= PowersOfTen.Length)
        {
            return Fallback(text, out value);
        }

        value = mantissa / PowersOfTen[decimals];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    // Through chars on purpose: the UTF-8 overload of double.TryParse accepted "1,5" and "1.2.3" here.
    private static bool Fallback(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return double.TryParse(chars[..text.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
