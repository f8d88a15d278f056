using HealthSync.Intervals;

namespace HealthSync.Tests.Intervals;

/// <summary>The one rule of where a key may go, for the command line, the server's Account page and the client itself.</summary>
public sealed class ServiceAddressTests
{
    [Theory]
    [InlineData("https://intervals.icu", true)]
    [InlineData("https://intervals.example.com:8443/api", true)]
    [InlineData("http://127.0.0.1:5700", true)]
    [InlineData("http://127.1.2.3/", true)]
    [InlineData("http://[::1]:5700/", true)]
    [InlineData("http://LocalHost:5700", true)]
    [InlineData("http://intervals.icu", false)]
    [InlineData("http://10.0.0.8:5700", false)]
    [InlineData("http://192.168.1.2/", false)]
    [InlineData("http://[fe80::1]/", false)]
    [InlineData("http://localhost.evil.example/", false)]
    [InlineData("http://127.0.0.1.evil.example/", false)]
    public void Should_Let_A_Key_Go_Over_Https_Or_Plain_Http_To_This_Machine_Only(string url, bool allowed)
    {
        Assert.Equal(allowed, ServiceAddress.TryParse(url, out var parsed, out var why));
        Assert.Equal(allowed, ServiceAddress.MayCarryKey(new Uri(url), out _));
        if (allowed)
        {
            Assert.NotNull(parsed);
            Assert.Empty(why);
        }
        else
        {
            Assert.Equal($"'{url}' is plain http, which would send the API key in clear text; use https:// (http:// only for 127.0.0.1, ::1 or localhost)", why);
        }
    }

    [Theory]
    [InlineData("intervals.icu")]
    [InlineData("ftp://intervals.icu")]
    [InlineData("")]
    public void Should_Say_What_Is_Not_A_Url(string text)
    {
        Assert.False(ServiceAddress.TryParse(text, out _, out var why));
        Assert.Equal($"'{text}' is not a URL; give the full address, e.g. https://intervals.icu", why);
    }

    [Fact]
    public void Should_Keep_The_Client_Itself_From_Sending_A_Key_In_Clear_Text_Off_The_Machine()
    {
        var options = new IntervalsOptions { Credentials = IntervalsCredentials.FromApiKey("key"), BaseUrl = new Uri("http://intervals.example.com") };

        var refused = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("'http://intervals.example.com/' is plain http", refused.Message, StringComparison.Ordinal);
        options.BaseUrl = new Uri("http://127.0.0.1:5700");
        options.Validate();
    }

    [Fact]
    public void Should_Take_Two_Spellings_Of_One_Service_For_The_Same()
    {
        Assert.True(ServiceAddress.SameService(new Uri("HTTPS://Intervals.ICU:443/"), new Uri("https://intervals.icu")));
        Assert.False(ServiceAddress.SameService(new Uri("https://intervals.icu"), new Uri("https://intervals.icu.evil.example")));
    }
}
