using System.Runtime.CompilerServices;

namespace HealthSync.AppleHealth;

/// <summary>Reads attributes straight out of a start tag's bytes, for the byte-level readers.</summary>
internal static class StartTag
{
    /// <summary>The attribute's value, searched from <paramref name="cursor"/> and then, if need be, from the start; moves the cursor past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Attribute(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> nameEquals, ref int cursor)
    {
        var found = Attribute(attributes, nameEquals, cursor, out var end);
        if (found < 0 && cursor > 0)
        {
            found = Attribute(attributes, nameEquals, 0, out end);
        }

        if (found < 0)
        {
            return default;
        }

        cursor = end;
        return attributes[found..end];
    }

    /// <summary>
    /// Finds `name=` followed by a quoted value at or after <paramref name="from"/>: the name must follow white space
    /// and the value may be in either quote. Values are escaped XML, so this cannot start inside another value.
    /// Returns the value's start (and its end in <paramref name="end"/>), or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Attribute(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> nameEquals, int from, out int end)
    {
        end = 0;
        while (true)
        {
            var at = attributes[from..].IndexOf(nameEquals);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            from = at + nameEquals.Length;
            if (at == 0 || attributes[at - 1] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                continue; // the tail of a longer name
            }

            var quote = from;
            while (quote < attributes.Length && attributes[quote] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                quote++;
            }

            if (quote >= attributes.Length || attributes[quote] is not ((byte)'"' or (byte)'\''))
            {
                continue;
            }

            var close = attributes[(quote + 1)..].IndexOf(attributes[quote]);
            if (close < 0)
            {
                return -1;
            }

            end = quote + 1 + close;
            return quote + 1;
        }
    }
}
