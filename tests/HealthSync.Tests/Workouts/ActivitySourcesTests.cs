using System.Text.Json;
using HealthSync.Intervals;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Workouts;

public sealed class ActivitySourcesTests
{
    [Theory]
    [InlineData("GARMIN_CONNECT", "Garmin Connect")]
    [InlineData("STRAVA", "Strava")]
    [InlineData("OAUTH_CLIENT", "Connected app")]
    [InlineData("UPLOAD", "File upload")]
    [InlineData("MANUAL", "Manual entry")]
    [InlineData("COROS", "COROS")]
    [InlineData("garmin_connect", "Garmin Connect")]
    [InlineData("SOME_NEW_SERVICE", "Some New Service")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Should_Say_The_Source_In_Words(string? code, string expected) =>
        Assert.Equal(expected, ActivitySources.DisplayName(code));

    [Fact]
    public void Should_Know_Every_Source_Of_The_OpenApi_Enum()
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(RepoPaths.Shared("reference/intervals-openapi.json")));
        var codes = spec.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Activity")
            .GetProperty("properties").GetProperty("source").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Contains("GARMIN_CONNECT", codes);
        Assert.All(codes, code => Assert.Contains(code, ActivitySources.KnownCodes));
    }
}
