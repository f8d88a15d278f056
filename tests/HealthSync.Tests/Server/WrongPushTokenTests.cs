using System.Net;
using System.Net.Sockets;
using HealthSync.Server;
using HealthSync.Server.Push;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Server;

/// <summary>Wrong push tokens are rate limited per client address, on the server's clock: a stranger cannot guess at speed, the phone elsewhere is not slowed.</summary>
public sealed class WrongPushTokenTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Wrong_push_tokens_are_rate_limited_per_address_and_the_limit_ends_with_its_window()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var document = TestPushSource.Document(("Walking", Now.AddHours(-1), 30));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await harness.PushAsync(document, bearer: $"guess-{i}")).StatusCode);
        }

        // The eleventh wrong token in the minute, then even the right one from that address, wait out the window.
        var limited = await harness.PushAsync(document, bearer: "guess-10");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("wrong push token", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await harness.PushAsync(document)).StatusCode);

        if (OperatingSystem.IsLinux())
        {
            // Another address (all of 127/8 is this machine on Linux) is not slowed down, right or wrong.
            using var other = From(IPAddress.Parse("127.0.0.2"), harness.Server.BaseAddress);
            Assert.Equal(HttpStatusCode.Accepted, (await PushAsync(other, document, ServerHarness.PushToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync(other, document, "guess-from-elsewhere")).StatusCode);
        }

        harness.Time.Advance(TimeSpan.FromSeconds(59));
        var later = await harness.PushAsync(document);
        Assert.Equal(HttpStatusCode.TooManyRequests, later.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), later.Headers.RetryAfter?.Delta);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await harness.PushAsync(document)).IsSuccessStatusCode);
    }

    [Fact]
    public void An_ipv6_client_is_counted_by_its_64_and_an_ipv4_mapped_one_as_ipv4()
    {
        var time = new FakeTimeProvider(Now);
        var limiter = new WrongTokenLimiter(new ServerOptions { StateDirectory = "unused", Time = time, PushFailuresPerWindow = 3 });
        foreach (var address in new[] { "2001:db8::1", "2001:db8::2", "2001:db8::ffff:1" })
        {
            limiter.Failed(IPAddress.Parse(address));
        }

        limiter.Failed(IPAddress.Parse("::ffff:192.0.2.7"));
        limiter.Failed(IPAddress.Parse("192.0.2.7"));
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.Blocked(IPAddress.Parse("2001:db8::99"))); // the same /64
        Assert.Null(limiter.Blocked(IPAddress.Parse("2001:db8:0:1::1"))); // the next /64
        Assert.Null(limiter.Blocked(IPAddress.Parse("192.0.2.7"))); // two so far
        limiter.Failed(IPAddress.Parse("192.0.2.7"));
        Assert.NotNull(limiter.Blocked(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.Null(limiter.Blocked(IPAddress.Parse("192.0.2.8")));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(limiter.Blocked(IPAddress.Parse("2001:db8::99")));
    }

    /// <summary>A client whose connections leave from <paramref name="source"/>.</summary>
    private static HttpClient From(IPAddress source, Uri server) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = server };

    private static async Task<HttpResponseMessage> PushAsync(HttpClient client, string json, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/push/health-auto-export") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await client.SendAsync(request);
    }
}
