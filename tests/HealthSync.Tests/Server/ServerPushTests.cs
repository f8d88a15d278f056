using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthSync.State;

namespace HealthSync.Tests.Server;

/// <summary>The push receiver over real HTTP: authentication, limits, checks, durable storage, and the worker's uploads.</summary>
public sealed class ServerPushTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Healthz_answers_200_on_loopback()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        Assert.Equal("127.0.0.1", harness.Server.BaseAddress.Host);
        var answer = await harness.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Should_upload_a_pushed_workout_in_the_background_and_add_nothing_when_it_is_pushed_again()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var document = TestPushSource.Document(("Walking", Now.AddHours(-1), 30));

        var first = await harness.PushAsync(document);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, answer.GetProperty("received").GetInt32());
        Assert.Equal(1, answer.GetProperty("new").GetInt32());
        Assert.Equal(0, answer.GetProperty("known").GetInt32());
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);

        // The app resends yesterday and today several times a day: by the same document, and inside a new one.
        var again = await harness.PushAsync(document, bearer: null, apiKey: ServerHarness.PushToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("known").GetInt32());
        var wider = await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30), ("Yoga", Now.AddMinutes(-20), 15)));
        var widerAnswer = JsonDocument.Parse(await wider.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2, 1, 1), (widerAnswer.GetProperty("received").GetInt32(), widerAnswer.GetProperty("new").GetInt32(), widerAnswer.GetProperty("known").GetInt32()));
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(2, harness.Uploads.Count);
        using var state = harness.OpenState();
        Assert.Equal(0, state.WaitingDocumentCount());
    }

    [Fact]
    public async Task Should_refuse_a_push_without_the_token_before_reading_its_body()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        // Raw HTTP: headers announcing a 1 MB body with Expect: 100-continue, and no body. A server that read the
        // body would first answer "100 Continue"; this one must answer 401 at once.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(harness.Server.BaseAddress.Host, harness.Server.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /push/health-auto-export HTTP/1.1\r\nHost: {harness.Server.BaseAddress.Authority}\r\nAuthorization: Bearer not-the-token\r\n" +
            "Content-Type: application/json\r\nContent-Length: 1048576\r\nExpect: 100-continue\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream);
        Assert.Equal("HTTP/1.1 401 Unauthorized", await reader.ReadLineAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.PushAsync(TestPushSource.Document(), bearer: null)).StatusCode);
        using var state = harness.OpenState();
        Assert.Equal(0, state.WaitingDocumentCount());
    }

    [Theory]
    [InlineData("{\"data\":{\"workouts\":[", "not well-formed JSON")]
    [InlineData("{\"data\":{\"metrics\":[]}}", "not a Health Auto Export workouts document")]
    [InlineData("[1,2]", "not an object")]
    public async Task Should_answer_400_with_the_reason_and_store_nothing_for_a_bad_document(string body, string reason)
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var answer = await harness.PushAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(reason, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var state = harness.OpenState();
        Assert.Empty(state.WaitingDocuments(10));
    }

    [Fact]
    public async Task Should_answer_413_above_the_size_limit()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.MaxPushBytes = 4_096);
        // A little over the limit (under twice it): the server reads it to its end after answering, so the answer is never lost to a reset.
        var big = TestPushSource.Document([.. Enumerable.Range(0, 50).Select(i => ("Walking", Now.AddHours(-1).AddMinutes(-i), 1))]);
        Assert.InRange(big.Length, 4_097, 8_191);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await harness.PushAsync(big)).StatusCode);

        // Without a Content-Length (chunked), the limit is found while reading.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/push/health-auto-export") { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big))) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerHarness.PushToken);
        using var fresh = new HttpClient { BaseAddress = harness.Server.BaseAddress };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await fresh.SendAsync(request)).StatusCode);
        using var state = harness.OpenState();
        Assert.Equal(0, state.WaitingDocumentCount());
    }

    [Fact]
    public async Task Should_keep_a_document_received_without_an_account_and_upload_it_after_a_restart()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false);
        var answer = await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await harness.Server.Jobs.WhenIdle();
        Assert.Empty(harness.Uploads);
        Assert.NotNull(harness.Server.Jobs.Blocked);

        harness.ConnectAccount();
        await harness.RestartAsync();
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);
        using var state = harness.OpenState();
        Assert.Equal(0, state.WaitingDocumentCount());
        Assert.Equal("uploaded", Assert.Single(state.History(null, 10)).Status);
    }

    [Fact]
    public async Task Should_hold_the_state_so_a_command_line_sync_is_refused_meanwhile()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        Assert.Null(StateLock.TryAcquire(harness.StateDir, out var holder));
        Assert.Equal(new StateLockHolder(Environment.ProcessId, harness.Server.BaseAddress), holder); // the server, and where its web app is
    }

    [Fact]
    public async Task Should_finish_the_upload_in_flight_when_stopped()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        // The stand-in takes the upload, then holds its answer for a second: the stop comes in between.
        harness.StandIn.Faults.Enqueue(IntervalsStandIn.Fault.None(), IntervalsStandIn.Fault.SlowAnswer(TimeSpan.FromSeconds(1)));
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        await HealthSync.Tests.Intervals.Eventually.TrueAsync(() => harness.StandIn.Activities.All.Count == 1);

        await harness.RestartAsync(); // stops the first server as SIGTERM does
        using var state = harness.OpenState();
        Assert.Equal("uploaded", Assert.Single(state.History(null, 10)).Status);
        Assert.Empty(state.Pending());
        Assert.Equal(0, state.WaitingDocumentCount());
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);
    }
}
