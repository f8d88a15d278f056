using System.Globalization;
using System.Xml;
using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>Reads the track points of a route GPX file as the Health app writes it (lon before lat, any number of segments).</summary>
internal static class GpxRouteReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        XmlResolver = null,
    };

    /// <summary>Appends every trkpt of every trkseg to <paramref name="points"/>; throws XmlException or FormatException on bad input.</summary>
    public static void Read(Stream gpx, List<RoutePoint> points)
    {
        using var reader = XmlReader.Create(gpx, Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "trkpt")
            {
                points.Add(ReadPoint(reader));
            }
        }
    }

    private static RoutePoint ReadPoint(XmlReader reader)
    {
        var latitude = Coordinate(reader, "lat", 90);
        var longitude = Coordinate(reader, "lon", 180);
        double? elevation = null, speed = null, course = null, accuracy = null;
        DateTimeOffset? time = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                // Extension elements (speed, course, hAcc) are in the default GPX namespace: match by local name.
                // ReadElementContentAsString moves to the next node itself, so only other nodes call Read().
                switch (reader.LocalName)
                {
                    case "ele":
                        elevation = Number(reader.ReadElementContentAsString());
                        break;
                    case "time":
                        var text = reader.ReadElementContentAsString();
                        time = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                            ? parsed
                            : throw new FormatException($"trkpt time \"{text}\" is not a date");
                        break;
                    case "speed":
                        speed = Number(reader.ReadElementContentAsString());
                        break;
                    case "course":
                        course = Number(reader.ReadElementContentAsString());
                        break;
                    case "hAcc":
                        accuracy = Number(reader.ReadElementContentAsString());
                        break;
                    default:
                        reader.Read();
                        break;
                }
            }
        }

        return new RoutePoint(
            time ?? throw new FormatException($"the trkpt at {latitude.ToString(CultureInfo.InvariantCulture)},{longitude.ToString(CultureInfo.InvariantCulture)} has no time"),
            latitude,
            longitude,
            elevation,
            speed is >= 0 ? speed : null,
            course is >= 0 ? course : null,
            accuracy);
    }

    private static double Coordinate(XmlReader reader, string attribute, double limit)
    {
        var text = reader.GetAttribute(attribute);
        return Units.TryParseNumber(text, out var value) && Math.Abs(value) <= limit
            ? value
            : throw new FormatException($"trkpt {attribute}=\"{text}\" is not a coordinate");
    }

    private static double? Number(string text) => Units.TryParseNumber(text, out var value) ? value : null;
}
