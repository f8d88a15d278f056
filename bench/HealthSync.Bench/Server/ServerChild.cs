using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthSync.Bench.Server;

/// <summary>
/// The HealthSync server as a child process, with its memory and CPU time read from /proc: the program HEALTHSYNC_SERVER
/// names (the native HealthSync.Server as shipped, or a HealthSync.Server.dll), else the Release build of src/HealthSync.Server.
/// </summary>
internal sealed class ServerChild : IAsyncDisposable
{
    /// <summary>The push token given to the server in HEALTHSYNC_PUSH_TOKEN.</summary>
    public const string PushToken = "bench-push-token-5f0c1a9e2b7d4e55";

    /// <summary>The web pages' password given to the server in HEALTHSYNC_WEB_PASSWORD.</summary>
    public const string WebPassword = "bench-web-password";

    private readonly Process _process;
    private readonly Task<string> _stderr;

    private ServerChild(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _ = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public Uri BaseAddress { get; }

    public Uri PushAddress => new(BaseAddress, "push/health-auto-export");

    /// <summary>Starts the server on a free loopback port over <paramref name="stateDir"/> and waits until /healthz answers.</summary>
    public static async Task<ServerChild> StartAsync(string stateDir)
    {
        var server = FindServer();
        var port = FreePort();
        Console.WriteLine($"server: {server}");
        var start = HealthSync.Cli.Commands.ServeCommand.StartInfo(server, ["--urls", FormattableString.Invariant($"http://127.0.0.1:{port}"), "--state-dir", stateDir]);
        start.Environment["HEALTHSYNC_WEB_PASSWORD"] = WebPassword;
        start.Environment["HEALTHSYNC_PUSH_TOKEN"] = PushToken;
        var child = new ServerChild(Process.Start(start)!, new Uri(FormattableString.Invariant($"http://127.0.0.1:{port}/")));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (child._process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {child._process.ExitCode}: {await child._stderr}");
            }

            try
            {
                using var answer = await client.GetAsync(new Uri(child.BaseAddress, "healthz"));
                if (answer.IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        await child.DisposeAsync();
        throw new TimeoutException("the server did not answer /healthz within 60 s");
    }

    /// <summary>VmRSS, VmHWM (peak), and of the RSS the anonymous part (heaps) and the file-backed part (mapped assemblies), in bytes.</summary>
    public ServerMemory Memory()
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && line[..colon] is "VmRSS" or "VmHWM" or "RssAnon" or "RssFile")
            {
                values[line[..colon]] = Kilobytes(line);
            }
        }

        return new ServerMemory(values["VmRSS"], values["VmHWM"], values["RssAnon"], values["RssFile"]);
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds and the server has used no CPU for a second (its worker finished),
    /// at most <paramref name="max"/>; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitIdleAsync(Func<bool> done, TimeSpan max)
    {
        var waited = Stopwatch.StartNew();
        var last = CpuTicks();
        var quiet = 0;
        while (waited.Elapsed < max)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System); // real time: the server is a real process
            var ticks = CpuTicks();
            quiet = ticks - last <= 1 ? quiet + 1 : 0; // a tick is 10 ms: at most 1 % busy
            last = ticks;
            if (quiet >= 4 && done())
            {
                return waited.Elapsed;
            }
        }

        throw new TimeoutException($"the server was still busy after {max.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM, as systemd stops it; it finishes the upload in flight.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>User plus system CPU time of the process, in clock ticks (1/100 s).</summary>
    private long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    /// <summary>HEALTHSYNC_SERVER, else the Release build in the source tree above this program.</summary>
    private static string FindServer()
    {
        if (Environment.GetEnvironmentVariable("HEALTHSYNC_SERVER") is { Length: > 0 } given)
        {
            return given;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "HealthSync.Server", "bin", "Release", "net10.0", "HealthSync.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("HealthSync.Server.dll not found: run `dotnet build -c Release src/HealthSync.Server`, or set HEALTHSYNC_SERVER (e.g. to artifacts/native/HealthSync.Server after `dotnet publish src/HealthSync.Cli -c Release -o artifacts/native`)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A reading of the server's memory from /proc, in bytes.</summary>
internal sealed record ServerMemory(long Rss, long Peak, long Anonymous, long FileBacked)
{
    public override string ToString() => FormattableString.Invariant(
        $"RSS {Rss / 1e6:0} MB ({Anonymous / 1e6:0} MB heaps and other anonymous memory, {FileBacked / 1e6:0} MB mapped files)");
}
