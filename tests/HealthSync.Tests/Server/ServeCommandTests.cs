using System.Net;
using System.Text.RegularExpressions;
using HealthSync.Cli;
using HealthSync.Tests.Support;
using Spectre.Console.Testing;

namespace HealthSync.Tests.Server;

/// <summary>`healthsync serve` starts the server program beside the tool (here: the test output folder) and stops it with SIGTERM.</summary>
public sealed partial class ServeCommandTests
{
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
