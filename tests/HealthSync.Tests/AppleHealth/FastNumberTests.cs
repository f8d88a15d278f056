using System.Globalization;
using System.Text;
using HealthSync.AppleHealth;

namespace HealthSync.Tests.AppleHealth;

public sealed class FastNumberTests
{
    [Theory]
    [InlineData("72")]
    [InlineData("-118.232524")]
    [InlineData("34.045088")]
    [InlineData("0.4971749504535062")]
    [InlineData("48.74499999999999")]
    [InlineData("1e-5")]
    [InlineData("+3.5")]
    [InlineData("0")]
    [InlineData("-0.000001")]
    [InlineData("123456789012345678")]
    [InlineData(".5")]
    public void Should_Give_Exactly_What_Double_Parse_Gives(string text)
    {
        Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var fast));

        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), fast);
    }

    [Fact]
    public void Should_Agree_With_Double_Parse_On_Random_Coordinates_And_Readings()
    {
        var random = new Random(1234);
        for (var i = 0; i < 100_000; i++)
        {
            var text = (random.NextDouble() * 360 - 180).ToString("F" + random.Next(0, 13), CultureInfo.InvariantCulture);
            Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var fast));
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), fast);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    public void Should_Reject_What_Is_Not_A_Number(string text) =>
        Assert.False(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out _));
}
