using System.Text;
using HealthSync.AppleHealth;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

public sealed class GpxRouteReaderTests
{
    private static List<RoutePoint> Read(string gpx)
    {
        var points = new List<RoutePoint>();
        GpxRouteReader.Read(Encoding.UTF8.GetBytes(gpx), points);
        return points;
    }

    [Fact]
    public void Should_Read_Points_Across_Segments_With_Any_Attribute_Order_And_Quotes()
    {
        var points = Read("""
            <?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1"><trk>
            <trkseg><trkpt lon="-118.232524" lat="34.045088"><ele>85.6</ele><time>2020-02-24T18:00:45Z</time></trkpt></trkseg>
            <trkseg><trkpt lat='34.1' lon='-118.3'><time>2020-02-24T18:00:46Z</time><extensions><speed>1.5</speed><course>-1</course><hAcc>4</hAcc></extensions></trkpt></trkseg>
            </trk></gpx>
            """);

        Assert.Equal(2, points.Count);
        Assert.Equal(34.045088, points[0].Latitude);
        Assert.Equal(-118.232524, points[0].Longitude);
        Assert.Equal(85.6, points[0].Altitude);
        Assert.Null(points[0].Speed);
        Assert.Equal(new DateTimeOffset(2020, 2, 24, 18, 0, 45, TimeSpan.Zero), points[0].Time);
        Assert.Equal(34.1, points[1].Latitude);
        Assert.Equal(1.5, points[1].Speed);
        Assert.Null(points[1].Course); // -1: unknown
        Assert.Equal(4, points[1].HorizontalAccuracy);
    }

    [Fact]
    public void Should_Read_Prefixed_Extensions_And_Times_With_Fractions_Or_Offsets()
    {
        var points = Read("""
            <gpx><trk><trkseg>
            <trkpt lat="46" lon="7"><time>2025-07-14T15:39:22.500Z</time><extensions><gpxtpx:speed>3.25</gpxtpx:speed></extensions></trkpt>
            <trkpt lat="46" lon="7"><time>2025-07-14T17:39:23+02:00</time></trkpt>
            </trkseg></trk></gpx>
            """);

        Assert.Equal(3.25, points[0].Speed);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 15, 39, 22, 500, TimeSpan.Zero), points[0].Time);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 15, 39, 23, TimeSpan.Zero), points[1].Time);
    }

    [Theory]
    [InlineData("""<gpx><trkpt lat="46" lon="7"/></gpx>""", "trkpt 1 (46,7) has no readable time")]
    [InlineData("""<gpx><trkpt lat="46" lon="7"><time>2025-07-14T15:00:00Z</time></trkpt><trkpt lat="95" lon="7"><time>2025-07-14T15:00:01Z</time></trkpt></gpx>""", "trkpt 2 has lat=\"95\"")]
    [InlineData("""<gpx><trkpt lat="46" lon="7"><time>2025-07-14T15:00:00Z</time>""", "trkpt 1 is not closed")]
    [InlineData("""<gpx><trkpt lat="46" lon="seven"><time>2025-07-14T15:00:00Z</time></trkpt></gpx>""", "lon=\"seven\"")]
    public void Should_Name_The_Point_And_The_Problem(string gpx, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(gpx));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Ignore_Elements_That_Only_Start_Like_Trkpt()
    {
        var points = Read("""<gpx><trkptExtension a="1"/><trkpt lat="1" lon="2"><time>2025-01-01T00:00:00Z</time></trkpt></gpx>""");

        Assert.Single(points);
    }
}
