using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using HealthSync.Tests.Support;
using IntervalsStandIn;

namespace HealthSync.Tests.Intervals;

/// <summary>The stand-in as a program (issue 12, point 7): usage on --help, one line for a port in use, never a silent default key.</summary>
[Trait("Category", "Slow")] // starts the stand-in as a child process
public sealed class StandInCommandLineTests
{
    private static readonly string Program = typeof(StandInServer).Assembly.Location;

    [Fact]
    public void Should_Print_Usage_For_Help_And_Exit_0()
    {
        var (exit, stdout, stderr) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", stdout);
        Assert.Contains("--generate-key", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Should_Say_In_One_Line_That_The_Port_Is_In_Use()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (exit, stdout, stderr) = Run("--api-key", "k", "--urls", url);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("listening", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: could not start on {url}", line);
        Assert.Contains("address already in use", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Should_Refuse_To_Start_Without_A_Key()
    {
        var (exit, stdout, stderr) = Run("--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("error: no API key: give --api-key KEY", stderr);
    }

    [Theory]
    [InlineData(new[] { "--api-key", "k", "--rate", "fast" }, "--rate: 'fast' is not a number")]
    [InlineData(new[] { "--api-key", "k", "--colour" }, "unknown option '--colour'")]
    [InlineData(new[] { "--api-key", "k", "--generate-key" }, "not both")]
    [InlineData(new[] { "--api-key" }, "--api-key needs a value")]
    public void Should_Name_What_Is_Wrong_With_The_Arguments(string[] args, string expected)
    {
        var parsed = StandInCommandLine.Parse(args);

        Assert.Null(parsed.Options);
        Assert.Contains(expected, parsed.Error);
    }

    [Fact]
    public async Task Should_Generate_A_Key_Print_It_And_Accept_Only_It()
    {
        var parsed = StandInCommandLine.Parse(["--generate-key", "--urls", "http://127.0.0.1:0"]);
        Assert.NotNull(parsed.Options);
        Assert.Matches("^[0-9a-f]{32}$", parsed.GeneratedKey);
        Assert.NotEqual(parsed.GeneratedKey, StandInCommandLine.Parse(["--generate-key"]).GeneratedKey);

        await using var server = await StandInServer.StartAsync(parsed.Options);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(http, parsed.GeneratedKey!));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKeyAsync(http, "test-key"));
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) =>
        ChildProcess.Run("dotnet", [Program, .. args], timeout: TimeSpan.FromMinutes(1));

    private static async Task<HttpStatusCode> StatusWithKeyAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/athlete/0/activities?oldest=2025-01-01");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("API_KEY:" + key)));
        using var answer = await http.SendAsync(request);
        return answer.StatusCode;
    }
}
