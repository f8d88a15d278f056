using System.Globalization;
using System.Text;
using HealthSync.AppleHealth;
using HealthSync.Tests.Support;
using HealthSync.Workouts;

namespace HealthSync.Tests.AppleHealth;

/// <summary>A route read in chunks gives the same points as one read whole, wherever the chunks fall.</summary>
public sealed class GpxStreamingTests
{
    /// <summary>Hands out a few bytes per read, so that chunk ends fall inside every part of a point.</summary>
    private sealed class TrickleStream(byte[] bytes, int seed) : MemoryStream(bytes)
    {
        private readonly Random _random = new(seed);

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _random.Next(1, 8))]);
    }

    private static byte[] LongRoute(int count)
    {
        var start = new DateTimeOffset(2025, 7, 14, 7, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, count)
            .Select(i => (46 + (i * 1e-5), 7 + (i * 2e-5), start.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)))
            .ToArray();
        return Encoding.UTF8.GetBytes(ExportBuilder.Gpx(points[..(count / 2)], points[(count / 2)..]));
    }

    [Fact]
    public void Should_Read_A_Route_Longer_Than_A_Chunk_As_The_Whole_Read_Does()
    {
        var gpx = LongRoute(3000); // about 600 KB: several 256 KB chunks
        var whole = new List<RoutePoint>();
        GpxRouteReader.Read(gpx, whole);
        var streamed = new List<RoutePoint>();
        using var stream = new MemoryStream(gpx);

        GpxRouteReader.Read(stream, streamed);

        Assert.Equal(3000, whole.Count);
        Assert.Equal(whole, streamed);
    }

    [Fact]
    public void Should_Read_The_Same_Points_When_Chunks_End_Anywhere()
    {
        var gpx = LongRoute(200);
        var whole = new List<RoutePoint>();
        GpxRouteReader.Read(gpx, whole);
        var trickled = new List<RoutePoint>();
        using var stream = new TrickleStream(gpx, 7);

        GpxRouteReader.Read(stream, trickled);

        Assert.Equal(whole, trickled);
    }

    [Fact]
    public void Should_Stop_At_The_Byte_Cap_Whatever_The_Stream_Says_Its_Length_Is()
    {
        var gpx = LongRoute(200);
        using var stream = new MemoryStream(gpx);

        var error = Assert.Throws<RouteFileException>(() => GpxRouteReader.Read(stream, [], maxBytes: gpx.Length / 2));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Still_Name_A_Point_Cut_Short_At_The_End_Of_The_Stream()
    {
        using var stream = new TrickleStream("""<gpx><trkpt lat="46" lon="7"><time>2025-07-14T15:00:00Z</time></trkpt><trkpt lat="46" lon="7"><time>"""u8.ToArray(), 3);

        var error = Assert.Throws<FormatException>(() => GpxRouteReader.Read(stream, []));

        Assert.Contains("trkpt 2 is not closed", error.Message, StringComparison.Ordinal);
    }
}
