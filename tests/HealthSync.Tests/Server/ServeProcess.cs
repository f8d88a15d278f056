using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HealthSync.Cli.Commands;

namespace HealthSync.Tests.Server;

/// <summary>`healthsync serve` as a child process on a free port, its output collected, stopped with SIGTERM (or killed).</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The tool's process id (the server is its child).</summary>
    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts `TOOL serve` (the native tool) and waits until it listens.</summary>
    public static Task<ServeProcess> StartAsync(string tool, string stateDir, Dictionary<string, string> environment) =>
        StartAsync(tool, [], stateDir, environment);

    /// <summary>As <see cref="StartAsync(string, string, Dictionary{string, string})"/>, with <paramref name="before"/> passed before `serve` (the JIT build: "dotnet", [HealthSync.Cli.dll]).</summary>
    public static async Task<ServeProcess> StartAsync(string program, IReadOnlyList<string> before, string stateDir, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in before.Concat(["serve", "--urls", "http://127.0.0.1:0", "--state-dir", stateDir]))
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from the machine running the tests: no server elsewhere, no secrets, no service address.
        foreach (var variable in new[] { ServeCommand.ServerPathVariable, "HEALTHSYNC_HOME", "HEALTHSYNC_URLS", "HEALTHSYNC_WEB_PASSWORD", "HEALTHSYNC_PUSH_TOKEN", "INTERVALS_API_KEY", "INTERVALS_BASE_URL" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var serve = new ServeProcess(new Process { StartInfo = start });
        serve._process.OutputDataReceived += (_, e) => serve.Collect(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Collect(e.Data);
        Assert.True(serve._process.Start());
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        try
        {
            serve.BaseAddress = await serve._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await serve.DisposeAsync();
            Assert.Fail($"serve did not listen in time:\n{serve.Output}");
        }

        return serve;
    }

    public HttpClient Browser() => ServerHarness.BrowserAt(BaseAddress);

    /// <summary>Looks every 50 ms until <paramref name="done"/> holds, at most a minute: the server is a real process on the real clock.</summary>
    public async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"no {what} after a minute:\n{Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }

    /// <summary>SIGTERM to the tool, which forwards it to the server; the tool's exit code, once it ended within <paramref name="within"/> (default a minute, a hang guard).</summary>
    public async Task<int> StopAsync(TimeSpan? within = null)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(within ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"serve did not stop within {within ?? TimeSpan.FromSeconds(60)} of SIGTERM:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the tool alone (not its server), as the OOM killer or `kill -9` would; waits for the tool's end.</summary>
    public async Task KillToolAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex("listening on (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex ListeningLine();
}
