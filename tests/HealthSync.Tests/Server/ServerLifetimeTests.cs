using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HealthSync.Server;
using HealthSync.Tests.Cli;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Server;

/// <summary>How the server starts and stops: a port it cannot have, a state folder another process holds, a stop with pages open.</summary>
/// <remarks>The process-level twins (exit codes, SIGTERM, SIGKILL of `serve`) are in <see cref="ServeCommandTests"/>.</remarks>
public sealed class ServerLifetimeTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("*")]
    public async Task A_taken_port_is_refused_in_words_before_the_state_folder_is_created(string host)
    {
        using var dir = new TempDirectory();
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var options = new ServerOptions { StateDirectory = dir.File("state"), Urls = $"http://{host}:{port}", WarmUp = false };

        var refused = await Assert.ThrowsAsync<ServerStartRefusedException>(() => HealthSyncServer.StartAsync(options));

        Assert.Equal(ServerStartRefusal.CannotListen, refused.Refusal);
        Assert.Equal(
            $"cannot listen on http://{host}:{port}: another program is already using port {port}. Give another address with --urls (e.g. --urls http://{host}:{int.Parse(port, CultureInfo.InvariantCulture) + 1}), or stop the other program",
            refused.Message);
        Assert.False(Directory.Exists(options.StateDirectory));
    }

    [Fact]
    public async Task An_address_that_is_no_url_is_refused_in_words()
    {
        using var dir = new TempDirectory();
        var options = new ServerOptions { StateDirectory = dir.File("state"), Urls = "127.0.0.1:8080", WarmUp = false };

        var refused = await Assert.ThrowsAsync<ServerStartRefusedException>(() => HealthSyncServer.StartAsync(options));

        Assert.Equal("--urls: '127.0.0.1:8080' is not an address to listen on, such as http://127.0.0.1:8080", refused.Message);
        Assert.False(Directory.Exists(options.StateDirectory));
    }

    [Fact]
    public async Task A_second_server_on_the_folder_is_refused_naming_the_first_and_its_address()
    {
        await using var first = await ServerHarness.StartAsync(Now);

        var refused = await Assert.ThrowsAsync<ServerStartRefusedException>(() => HealthSyncServer.StartAsync(new ServerOptions { StateDirectory = first.StateDir, Urls = "http://127.0.0.1:0", WarmUp = false }));

        Assert.Equal(ServerStartRefusal.StateHeld, refused.Refusal);
        Assert.Contains($"the HealthSync server (pid {Environment.ProcessId}) at {first.Server.BaseAddress} already holds", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_ends_the_pages_event_streams_instead_of_waiting_out_its_grace_for_them()
    {
        // A grace far above the hang guard: a stop that waited for the open page fails here instead of passing late.
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.ShutdownGrace = TimeSpan.FromMinutes(5));
        using var browser = await harness.SignedInBrowserAsync();
        using var events = await browser.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var stream = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await stream.ReadLineAsync(), StringComparison.Ordinal);

        // What SIGTERM does, then what ServerProgram does.
        harness.Server.Stop();
        await harness.Server.WaitForShutdownAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(string.Empty, (await stream.ReadToEndAsync()).Trim()); // ended, not cut: the browser reconnects later
    }

    [Theory]
    [InlineData("press Sync now on the Status page", new[] { "sync" })]
    [InlineData("use the Backfill page", new[] { "backfill" })]
    [InlineData("map the name on the Names page", new[] { "names", "map", "Marche nordique", "Walking" })]
    [InlineData("use Forget on the History page", new[] { "forget", "some-workout-id" })]
    public async Task A_command_that_needs_the_state_names_the_server_holding_it_and_its_web_app(string onTheWeb, string[] command)
    {
        await using var harness = await ServerHarness.StartAsync(Now);

        var run = await CliRunner.RunAsync([.. command, "--state-dir", harness.StateDir]);

        Assert.Equal(75, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"error: the HealthSync server (pid {Environment.ProcessId}) holds the state folder {harness.StateDir}. In its web app at {harness.Server.BaseAddress}, {onTheWeb}; or stop the server, then run this again.", line);
    }
}
