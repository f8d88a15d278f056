using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthSync.Cli.Commands;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;
using IntervalsStandIn;

namespace HealthSync.Tests.Cli;

/// <summary>
/// The tool as shipped: `healthsync` published as a native (Native AOT) executable, run as a process. It must do
/// exactly what the JIT-compiled build does: trimming or ahead-of-time compilation may not drop a code path
/// (reflection-bound JSON, SQLite's native library, HTTP). Its `serve` starts the server published beside it.
/// </summary>
[Trait("Category", "Slow")] // publishes the CLI natively (about a minute)
public sealed partial class NativeToolTests(NativeToolTests.NativeBuild native) : IClassFixture<NativeToolTests.NativeBuild>
{
    public static TheoryData<string> Exports => new()
    {
        Path.Combine(RepoPaths.Root, "samples", "export.zip"),
        RepoPaths.AppleHealthFixture("v12-watchos6-walk-with-route.zip"),
        RepoPaths.AppleHealthFixture("legacy-2019"),
        RepoPaths.AppleHealthFixture("legacy-2019-inline-locations.xml"),
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Inspect_Json_Should_Be_Byte_For_Byte_What_The_Jit_Build_Prints(string export)
    {
        var jit = await CliRunner.RunAsync("inspect", export, "--json");
        var aot = await native.RunAsync(["inspect", export, "--json"]);

        Assert.Equal(0, aot.ExitCode);
        Assert.Equal(jit.Out, aot.Out);
    }

    [Fact]
    public async Task Export_Fit_Should_Write_The_Same_Files_As_The_Jit_Build()
    {
        using var dir = new TempDirectory();
        var export = Path.Combine(RepoPaths.Root, "samples", "export.zip");
        var jit = await CliRunner.RunAsync("export-fit", export, "--out", dir.File("jit"));
        var aot = await native.RunAsync(["export-fit", export, "--out", dir.File("aot")]);

        Assert.Equal(0, jit.ExitCode);
        Assert.Equal(0, aot.ExitCode);
        var files = Directory.GetFiles(dir.File("jit")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(7, files.Count);
        Assert.Equal(files, Directory.GetFiles(dir.File("aot")).Select(Path.GetFileName).Order().ToList());
        foreach (var name in files)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir.File("jit"), name!)), await File.ReadAllBytesAsync(Path.Combine(dir.File("aot"), name!)));
        }
    }

    [Fact]
    public async Task Should_Log_In_Backfill_And_Show_History_Against_The_Service()
    {
        await using var server = await StandInServer.StartAsync(new StandInOptions { ApiKey = SyncHarness.ApiKey, RatePerSecond = 1000, Burst = 1000, Budget = 0 });
        using var dir = new TempDirectory();
        var state = dir.File("state");
        var export = Path.Combine(RepoPaths.Root, "samples", "export.zip");

        // The service's address comes from the environment at login, and from the stored login after it.
        var login = await native.RunAsync(["login", "--state-dir", state], stdin: SyncHarness.ApiKey, environment: new() { ["INTERVALS_BASE_URL"] = server.BaseAddress.ToString() });
        var loginChecks = server.Received.All.Count(r => r.Method == "GET" && r.Status == 200);
        var sports = await native.RunAsync(["sports", "enable", "cycling", "running", "--state-dir", state]);
        var backfill = await native.RunAsync(["backfill", export, "--json", "--state-dir", state]);
        var again = await native.RunAsync(["backfill", export, "--json", "--state-dir", state]);
        var history = await native.RunAsync(["history", "--json", "--state-dir", state]);

        Assert.True(login.ExitCode == 0, login.Error);
        Assert.Equal(string.Empty, login.Error); // the key was checked against the service: no "could not check" warning
        Assert.Equal(1, loginChecks);
        Assert.Equal(0, sports.ExitCode);
        Assert.True(backfill.ExitCode == 0, backfill.Error);
        using var first = JsonDocument.Parse(backfill.Out);
        Assert.Equal(7, first.RootElement.GetProperty("uploaded").GetInt32());
        using var second = JsonDocument.Parse(again.Out);
        Assert.Equal(0, second.RootElement.GetProperty("uploaded").GetInt32());
        Assert.Equal(7, second.RootElement.GetProperty("skipped").GetInt32());
        Assert.Equal(7, server.Activities.All.Count);
        Assert.Equal(7, server.Received.All.Count(r => r.Method == "POST"));
        using var listed = JsonDocument.Parse(history.Out);
        Assert.Equal(7, listed.RootElement.GetArrayLength());
        Assert.All(listed.RootElement.EnumerateArray(), e => Assert.Equal("uploaded", e.GetProperty("status").GetString()));
        Assert.DoesNotContain(SyncHarness.ApiKey, backfill.Out + backfill.Error + history.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Should_Start_The_Server_Published_Beside_It_And_Stop_On_Sigterm()
    {
        // The publish folder is what the tool packages carry: the server must be in it, and found there, not through
        // HEALTHSYNC_SERVER or the source tree.
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(native.Executable)!, "HealthSync.Server.dll")), "HealthSync.Server.dll is not published beside the tool");
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo(native.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "serve", "--urls", "http://127.0.0.1:0", "--state-dir", dir.File("state") })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { ServeCommand.ServerPathVariable, "HEALTHSYNC_HOME", "HEALTHSYNC_URLS", "HEALTHSYNC_WEB_PASSWORD", "HEALTHSYNC_PUSH_TOKEN" })
        {
            start.Environment.Remove(variable);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        using var serve = new Process { StartInfo = start };
        serve.OutputDataReceived += (_, e) => Collect(e.Data);
        serve.ErrorDataReceived += (_, e) => Collect(e.Data);
        Assert.True(serve.Start());
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

            // SIGTERM, as systemd stops it: the tool forwards it to the server, which stops cleanly, and so does the tool.
            using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(serve.ExitCode == 0, $"serve exited with {serve.ExitCode}:\n{output}");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"serve did not listen or stop in time:\n{output}");
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }

        Assert.Contains("Sign in at http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("listening on (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex ListeningLine();

    /// <summary>Publishes the CLI once for this test class, natively for this machine, into a folder of its own.</summary>
    public sealed class NativeBuild : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public NativeBuild()
        {
            // --artifacts-path keeps the publish's obj and bin out of the repository's, which the test run is using.
            var (exitCode, stdout, stderr) = ChildProcess.Run("dotnet", [
                "publish", Path.Combine(RepoPaths.Root, "src", "HealthSync.Cli", "HealthSync.Cli.csproj"),
                "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--artifacts-path", _dir.File("artifacts"), "-o", _dir.File("native"),
            ], timeout: TimeSpan.FromMinutes(15));
            var output = stdout + stderr;
            Assert.True(exitCode == 0, $"dotnet publish (Native AOT) failed ({exitCode}):\n{output}");
            Executable = _dir.File(Path.Combine("native", OperatingSystem.IsWindows() ? "HealthSync.Cli.exe" : "HealthSync.Cli"));
            Assert.True(File.Exists(Executable), $"no native executable at {Executable}:\n{output}");
        }

        public string Executable { get; }

        internal Task<CliRunner.Run> RunAsync(string[] args, string? stdin = null, Dictionary<string, string>? environment = null)
        {
            // No credentials or service address from the machine running the tests, only those given.
            var variables = new Dictionary<string, string?>
            {
                ["INTERVALS_API_KEY"] = null, ["INTERVALS_ACCESS_TOKEN"] = null, ["INTERVALS_BASE_URL"] = null, ["INTERVALS_ATHLETE_ID"] = null, ["HEALTHSYNC_HOME"] = null,
            };
            foreach (var (name, value) in environment ?? [])
            {
                variables[name] = value;
            }

            var (exitCode, stdout, stderr) = ChildProcess.Run(Executable, args, stdin: stdin, environment: variables, timeout: TimeSpan.FromMinutes(2));
            return Task.FromResult(new CliRunner.Run(exitCode, string.Empty, stdout, stderr));
        }

        public void Dispose() => _dir.Dispose();
    }
}
