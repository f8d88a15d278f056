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
    /// <summary>Appends every trkpt of the file to <paramref name="points"/>; throws FormatException naming the point on bad input.</summary>
    public static void Read(Stream gpx, List<RoutePoint> points)
    {
        byte[] bytes;
        if (gpx is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            bytes = segment.AsSpan((int)memory.Position).ToArray();
        }
        else
        {
            using var copy = new MemoryStream();
            gpx.CopyTo(copy);
            bytes = copy.ToArray();
        }

        Read(bytes, points);
    }

    /// <summary>Parses a whole GPX document held in memory (route files are a few MB at most).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: hundreds of thousands of points, once per process
    public static void Read(ReadOnlySpan<byte> gpx, List<RoutePoint> points)
    {
        var number = 0;
        while (true)
        {
            var at = gpx.IndexOf("<trkpt"u8);
            if (at < 0)
            {
                return;
            }

            gpx = gpx[(at + 6)..];
            if (gpx.IsEmpty || gpx[0] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                continue; // <trkptExtension> or the like
            }

            number++;
            var tagEnd = gpx.IndexOf((byte)'>');
            if (tagEnd < 0)
            {
                throw new FormatException($"trkpt {number} is cut short: the file ends inside it");
            }

            var attributes = gpx[..tagEnd];
            var selfClosing = tagEnd > 0 && gpx[tagEnd - 1] == '/';
            var latitude = Coordinate(attributes, "lat"u8, 90, number);
            var longitude = Coordinate(attributes, "lon"u8, 180, number);
            gpx = gpx[(tagEnd + 1)..];

            ReadOnlySpan<byte> body = default;
            if (!selfClosing)
            {
                var close = gpx.IndexOf("</trkpt>"u8);
                if (close < 0)
                {
                    throw new FormatException($"trkpt {number} is not closed: the file ends inside it");
                }

                body = gpx[..close];
                gpx = gpx[(close + 8)..];
            }

            var children = Children.Read(body);
            if (children.Time.IsEmpty || !TryParseTime(children.Time, out var time))
            {
                throw new FormatException($"trkpt {number} ({Invariant(latitude)},{Invariant(longitude)}) has no readable time (\"{Encoding.UTF8.GetString(children.Time)}\")");
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

    /// <summary>The texts of a trkpt's children, found in one pass over its body.</summary>
    private ref struct Children
    {
        public ReadOnlySpan<byte> Time;
        public ReadOnlySpan<byte> Elevation;
        public ReadOnlySpan<byte> Speed;
        public ReadOnlySpan<byte> Course;
        public ReadOnlySpan<byte> HorizontalAccuracy;

        /// <summary>Visits each start tag once; a tag's text runs to the next '&lt;'. A "prefix:" before a name is allowed.</summary>
        public static Children Read(ReadOnlySpan<byte> body)
        {
            var found = default(Children);
            while (true)
            {
                var lt = body.IndexOf((byte)'<');
                if (lt < 0 || lt + 1 >= body.Length)
                {
                    return found;
                }

                body = body[(lt + 1)..];
                if (body[0] == '/')
                {
                    continue;
                }

                var gt = body.IndexOf((byte)'>');
                if (gt < 0)
                {
                    return found;
                }

                var name = body[..gt];
                var colon = name.IndexOf((byte)':');
                if (colon >= 0)
                {
                    name = name[(colon + 1)..];
                }

                body = body[(gt + 1)..];
                var end = body.IndexOf((byte)'<');
                var text = (end < 0 ? body : body[..end]).Trim(" \t\r\n"u8);
                switch (name.Length)
                {
                    case 3 when name.SequenceEqual("ele"u8):
                        found.Elevation = text;
                        break;
                    case 4 when name.SequenceEqual("time"u8):
                        found.Time = text;
                        break;
                    case 4 when name.SequenceEqual("hAcc"u8):
                        found.HorizontalAccuracy = text;
                        break;
                    case 5 when name.SequenceEqual("speed"u8):
                        found.Speed = text;
                        break;
                    case 6 when name.SequenceEqual("course"u8):
                        found.Course = text;
                        break;
                }
            }
        }
    }

    private static double Coordinate(ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> name, double limit, int number)
    {
        var value = Attribute(attributes, name);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) && Math.Abs(degrees) <= limit
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
        !text.IsEmpty && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
