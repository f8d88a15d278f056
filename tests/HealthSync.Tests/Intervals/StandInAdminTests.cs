using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HealthSync.Tests.Intervals;

/// <summary>/_standin/faults: what out-of-process tests script, every fault kind included.</summary>
public sealed class StandInAdminTests
{
    [Fact]
    public async Task Should_Accept_SlowAnswer_And_None_Faults_From_The_Admin_Endpoint()
    {
        await using var server = await StandIn.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var script = new StringContent("""[{"kind":"None"},{"kind":"SlowAnswer","delayMs":1},{"kind":"Error","status":418}]""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(new Uri("/_standin/faults", UriKind.Relative), script)).StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/athlete/0/activities?oldest=2025-01-01");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("API_KEY:" + StandIn.ApiKey)));
            using var answer = await http.SendAsync(request);
            statuses.Add(answer.StatusCode);
        }

        // None lets the first through, SlowAnswer answers the second (late), and the error lands on the third.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)418], statuses);
    }

    [Fact]
    public async Task Should_Refuse_An_Unknown_Fault_Kind()
    {
        await using var server = await StandIn.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var script = new StringContent("""[{"kind":"Sideways"}]""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(new Uri("/_standin/faults", UriKind.Relative), script)).StatusCode);
    }
}
