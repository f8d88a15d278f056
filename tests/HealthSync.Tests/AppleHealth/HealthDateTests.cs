using System.Text;
using HealthSync.AppleHealth;

namespace HealthSync.Tests.AppleHealth;

public sealed class HealthDateTests
{
    [Theory]
    [InlineData("2025-07-14 16:39:21 +0100", "2025-07-14T15:39:21Z")]
    [InlineData("2016-11-14 06:25:44 -0800", "2016-11-14T14:25:44Z")]
    [InlineData("2024-02-29 23:59:59 +0530", "2024-02-29T18:29:59Z")]
    [InlineData("1999-12-31 23:00:00 -0100", "2000-01-01T00:00:00Z")]
    public void Should_Parse_To_The_Instant(string text, string utc)
    {
        Assert.True(HealthDate.TryParse(text, out var instant));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("2025-07-14 9h00")]
    [InlineData("2025-07-14  6:39:21 +0100")] // a space where a digit belongs
    [InlineData("2025-02-30 16:39:21 +0100")]
    [InlineData("2025-13-01 16:39:21 +0100")]
    [InlineData("2025-07-14 16:39:21 0100 ")]
    [InlineData("2025-07-14T16:39:21+01:00")]
    [InlineData("")]
    public void Should_Refuse_What_Is_Not_An_Export_Date(string text)
    {
        Assert.False(HealthDate.TryParse(text, out _));
        Assert.False(HealthDate.TryParseUnixSeconds(Encoding.UTF8.GetBytes(text), out _));
    }
}
