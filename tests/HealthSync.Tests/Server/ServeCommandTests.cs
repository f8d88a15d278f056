using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HealthSync.Cli;
using HealthSync.State;
using HealthSync.Tests.Support;
using Spectre.Console.Testing;

namespace HealthSync.Tests.Server;

/// <summary>`healthsync serve` starts the server program beside the tool (here: the test output folder) and stops it with SIGTERM.</summary>
public sealed partial class ServeCommandTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    /// <summary>The JIT build's tool as a process of its own (`dotnet HealthSync.Cli.dll`), its server the one beside it.</summary>
    private static readonly string[] Tool = [Path.Combine(AppContext.BaseDirectory, "HealthSync.Cli.dll")];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Serve_starts_the_server_prints_where_to_sign_in_and_stops_on_sigterm()
    {
        using var dir = new TempDirectory();
        using var output = new LineWriter(ListeningLine());
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var context = new CliContext(new TestConsole(), output, error, TimeProvider.System);
        var serving = HealthSyncApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--state-dir", dir.File("state")], context, stop.Token);

        var listening = await output.Matched.WaitAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Matches("Sign in at http://127\\.0\\.0\\.1:\\d+/setup\\?code=[0-9a-f]{16}", output.ToString());
        Assert.True(File.Exists(dir.File("state/push-token")));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Serve_on_a_busy_port_says_so_in_one_line_exits_2_and_creates_nothing()
    {
        using var dir = new TempDirectory();
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var address = "http://127.0.0.1:" + ((IPEndPoint)other.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (exit, error) = await ServeAsync(["serve", "--urls", address, "--state-dir", dir.File("state")]);

        Assert.Equal(2, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"error: cannot listen on {address}: another program is already using port", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.Contains("stop the other program", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("state")), "a server that cannot listen created its state folder");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_second_server_on_the_same_state_folder_exits_75_and_names_the_first()
    {
        await using var first = await ServerHarness.StartAsync(Now);

        var (exit, error) = await ServeAsync(["serve", "--urls", "http://127.0.0.1:0", "--state-dir", first.StateDir]);

        Assert.Equal(75, exit);
        var line = Assert.Single(Lines(error));
        Assert.Equal($"error: the HealthSync server (pid {Environment.ProcessId}) at {first.Server.BaseAddress} already holds the state folder {first.StateDir}. Stop it first, or give this one another --state-dir.", line);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Serve_killed_with_sigkill_takes_its_server_with_it()
    {
        using var dir = new TempDirectory();
        var state = dir.File("state");
        await using var serve = await ServeProcess.StartAsync("dotnet", Tool, state, []);
        var server = StateLockHolderOf(state).Pid;
        Assert.NotEqual(serve.Id, server);
        try
        {
            await serve.KillToolAsync();

            // The server sees serve gone and stops as on SIGTERM: the state folder is free again, for a sync or a new server.
            await serve.WaitUntilAsync(() => Free(state), "state folder released by the server after serve was killed");
        }
        finally
        {
            KillOrphan(server);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Sigterm_stops_serve_with_0_at_once_though_a_browser_holds_the_event_stream_open()
    {
        using var dir = new TempDirectory();
        const string password = "serve test password";
        await using var serve = await ServeProcess.StartAsync("dotnet", Tool, dir.File("state"), new() { ["HEALTHSYNC_WEB_PASSWORD"] = password });
        using var browser = serve.Browser();
        var login = await browser.GetStringAsync("/login");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/login", ServerHarness.Form(login, ("password", password)))).StatusCode);
        using var events = await browser.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        using var stream = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: ", await stream.ReadLineAsync(), StringComparison.Ordinal);

        // Idle, it has nothing to finish: it stops at once. The bound is a hang guard below the 30 s grace, which an
        // open page used to spend whole (and then the job in flight had none left).
        Assert.Equal(0, await serve.StopAsync(within: TimeSpan.FromSeconds(20)));
        Assert.Equal(string.Empty, (await stream.ReadToEndAsync()).Trim()); // the stream ended, as a stream does
    }

    /// <summary>Runs `healthsync serve` in this process (its server a child); the exit code and stderr, within a minute (a hang guard).</summary>
    private static async Task<(int Exit, string Error)> ServeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(new TestConsole(), output, error, TimeProvider.System);
        var exit = await HealthSyncApp.RunAsync(args, context).WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static StateLockHolder StateLockHolderOf(string state)
    {
        Assert.Null(StateLock.TryAcquire(state, out var holder));
        return holder;
    }

    private static bool Free(string state)
    {
        using var held = StateLock.TryAcquire(state, out _);
        return held is not null;
    }

    /// <summary>The server a failed test left running without its parent.</summary>
    private static void KillOrphan(int pid)
    {
        try
        {
            using var orphan = Process.GetProcessById(pid);
            orphan.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Gone, as it should be.
        }
    }

    [GeneratedRegex("listening on (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex ListeningLine();

    /// <summary>Collects what is written, and completes <see cref="Matched"/> at the first line matching a pattern.</summary>
    private sealed class LineWriter(Regex pattern) : StringWriter
    {
        private readonly TaskCompletionSource<Match> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Match> Matched => _matched.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && pattern.Match(value) is { Success: true } match)
            {
                _matched.TrySetResult(match);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
