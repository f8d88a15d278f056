using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>Reads the track points of a route GPX file as the Health app writes it (lon before lat, any number of segments).</summary>
/// <remarks>
/// A byte-level reader, like <see cref="HealthDataScanner"/>: a real export holds hundreds of 1 Hz routes, and
/// XmlReader with general date parsing made them the slowest part of reading an export (about 30 MB/s).
/// It reads every trkpt wherever it stands (several trkseg or trk elements are fine), attributes in any order
/// and either quote, and the children ele, time and the extensions speed, course and hAcc, with or without a
/// namespace prefix. Other elements are skipped.
/// </remarks>
internal static class GpxRouteReader
{
    /// <summary>Bytes read at a time; grows only for a single point longer than this.</summary>
    private const int ChunkBytes = 256 * 1024;

    /// <summary>
    /// Appends every trkpt of the file to <paramref name="points"/>, reading it in chunks: a route is never held
    /// whole in memory. Throws FormatException naming the point on bad input, and <see cref="RouteFileException"/>
    /// past <paramref name="maxBytes"/> (the stream's own length cannot be trusted: a zip entry may lie about it).
    /// </summary>
    public static void Read(Stream gpx, List<RoutePoint> points, long maxBytes = RouteFiles.MaxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var length = 0;
            var total = 0L;
            var number = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = gpx.Read(buffer.AsSpan(length));
                total += read;
                if (total > maxBytes)
                {
                    throw RouteFiles.TooLarge();
                }

                length += read;
                var final = read == 0;
                var consumed = ReadPoints(buffer.AsSpan(0, length), points, ref number, final);
                if (final)
                {
                    return;
                }

                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a whole GPX document held in memory.</summary>
    public static void Read(ReadOnlySpan<byte> gpx, List<RoutePoint> points)
    {
        var number = 0;
        ReadPoints(gpx, points, ref number, final: true);
    }

    /// <summary>
    /// Parses the complete points in <paramref name="gpx"/> and returns how many bytes were used: a point cut by
    /// the end of a chunk is left for the next one, unless this is the <paramref name="final"/> chunk, where it is
    /// an error. <paramref name="number"/> counts the points read so far, for messages.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: hundreds of thousands of points, once per process
    private static int ReadPoints(ReadOnlySpan<byte> gpx, List<RoutePoint> points, ref int number, bool final)
    {
        // The Health app writes about 250 bytes a point: sizing the list once avoids copying it as it grows.
        points.EnsureCapacity(points.Count + (gpx.Length / 200));
        var rest = gpx;
        while (true)
        {
            var at = rest.IndexOf("<trkpt"u8);
            if (at < 0)
            {
                // Keep a tail that may be the start of "<trkpt" cut by the chunk's end.
                return final ? gpx.Length : Math.Max(gpx.Length - rest.Length, gpx.Length - ("<trkpt"u8.Length - 1));
            }

            var pointStart = gpx.Length - rest.Length + at;
            rest = rest[(at + 6)..];
            if (rest.IsEmpty)
            {
                return final ? gpx.Length : pointStart;
            }

            if (rest[0] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                continue; // <trkptExtension> or the like
            }

            var current = number + 1;
            var tagEnd = rest.IndexOf((byte)'>');
            if (tagEnd < 0)
            {
                return final ? throw new FormatException($"trkpt {current} is cut short: the file ends inside it") : pointStart;
            }

            var attributes = rest[..tagEnd];
            var selfClosing = tagEnd > 0 && rest[tagEnd - 1] == '/';
            var afterTag = rest[(tagEnd + 1)..];
            ReadOnlySpan<byte> body = default;
            if (!selfClosing)
            {
                var close = afterTag.IndexOf("</trkpt>"u8);
                if (close < 0)
                {
                    return final ? throw new FormatException($"trkpt {current} is not closed: the file ends inside it") : pointStart;
                }

                body = afterTag[..close];
                afterTag = afterTag[(close + 8)..];
            }

            number = current;
            var latitude = Coordinate(attributes, "lat"u8, 90, current);
            var longitude = Coordinate(attributes, "lon"u8, 180, current);
            rest = afterTag;

            var children = Children.Read(body);
            if (children.Time.IsEmpty || !TryParseTime(children.Time, out var time))
            {
                throw new FormatException($"trkpt {current} ({Invariant(latitude)},{Invariant(longitude)}) has no readable time (\"{Encoding.UTF8.GetString(children.Time)}\")");
            }

            var speed = Number(children.Speed);
            var course = Number(children.Course);
            points.Add(new RoutePoint(
                time,
                latitude,
                longitude,
                Number(children.Elevation),
                speed is >= 0 ? speed : null,
                course is >= 0 ? course : null,
                Number(children.HorizontalAccuracy)));
        }
    }

    /// <summary>The texts of a trkpt's children.</summary>
    private ref struct Children
    {
        public ReadOnlySpan<byte> Time;
        public ReadOnlySpan<byte> Elevation;
        public ReadOnlySpan<byte> Speed;
        public ReadOnlySpan<byte> Course;
        public ReadOnlySpan<byte> HorizontalAccuracy;

        public static Children Read(ReadOnlySpan<byte> body) => new()
        {
            Time = Text(body, "time>"u8),
            Elevation = Text(body, "ele>"u8),
            Speed = Text(body, "speed>"u8),
            Course = Text(body, "course>"u8),
            HorizontalAccuracy = Text(body, "hAcc>"u8),
        };

        /// <summary>
        /// The text of the first element named <paramref name="nameAndGt"/> ("time&gt;"), found by a direct
        /// search: a start tag comes before its end tag, and the name must follow '&lt;' or a "prefix:".
        /// </summary>
        private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> body, ReadOnlySpan<byte> nameAndGt)
        {
            var from = 0;
            while (true)
            {
                var at = body[from..].IndexOf(nameAndGt);
                if (at < 0)
                {
                    return default;
                }

                at += from;
                if (at > 0 && (body[at - 1] == '<' || (body[at - 1] == ':' && body[..at].LastIndexOf((byte)'<') is var lt && lt >= 0 && body[lt + 1] != '/')))
                {
                    var content = body[(at + nameAndGt.Length)..];
                    var end = content.IndexOf((byte)'<');
                    return (end < 0 ? content : content[..end]).Trim(" \t\r\n"u8);
                }

                from = at + nameAndGt.Length;
            }
        }
    }

    private static double Coordinate(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> name, double limit, int number)
    {
        var value = Attribute(attributes, name);
        return FastNumber.TryParse(value, out var degrees) && Math.Abs(degrees) <= limit
            ? degrees
            : throw new FormatException($"trkpt {number} has {Encoding.UTF8.GetString(name)}=\"{Encoding.UTF8.GetString(value)}\", which is not a coordinate");
    }

    private static ReadOnlySpan<byte> Attribute(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> name)
    {
        var from = 0;
        while (true)
        {
            var at = attributes[from..].IndexOf(name);
            if (at < 0)
            {
                return default;
            }

            at += from;
            var before = at == 0 ? (byte)' ' : attributes[at - 1];
            var rest = attributes[(at + name.Length)..].TrimStart(" \t\r\n"u8);
            if (before is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' && rest.Length > 1 && rest[0] == '=')
            {
                rest = rest[1..].TrimStart(" \t\r\n"u8);
                if (rest.Length > 0 && rest[0] is (byte)'"' or (byte)'\'')
                {
                    var close = rest[1..].IndexOf(rest[0]);
                    return close < 0 ? default : rest.Slice(1, close);
                }
            }

            from = at + name.Length;
        }
    }

    /// <summary>"2025-07-14T15:39:22Z" fast; anything else ISO 8601 through DateTimeOffset.</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> text, out DateTimeOffset time)
    {
        if (text.Length == 20 && text[10] == 'T' && text[19] == 'Z')
        {
            Span<byte> health = stackalloc byte[25];
            text[..10].CopyTo(health);
            health[10] = (byte)' ';
            text[11..19].CopyTo(health[11..]);
            " +0000"u8.CopyTo(health[19..]);
            if (HealthDate.TryParseUnixSeconds(health, out var seconds))
            {
                time = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            }
        }

        var parsed = DateTimeOffset.TryParse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        return parsed;
    }

    private static double? Number(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && FastNumber.TryParse(text, out var value) ? value : null;

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
