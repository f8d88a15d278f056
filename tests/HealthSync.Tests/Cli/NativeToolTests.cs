using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Tests.HealthAutoExport;
using HealthSync.Tests.Server;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;
using HealthSync.Workouts;
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
    public async Task Serve_Should_Start_The_Native_Server_Published_Beside_It_And_Stop_On_Sigterm()
    {
        // The publish folder is what the tool packages carry: the server must be in it, compiled natively too, and
        // found there, not through HEALTHSYNC_SERVER or the source tree.
        var folder = Path.GetDirectoryName(native.Executable)!;
        Assert.True(File.Exists(Path.Combine(folder, OperatingSystem.IsWindows() ? "HealthSync.Server.exe" : "HealthSync.Server")), "the native server is not published beside the tool");
        Assert.False(File.Exists(Path.Combine(folder, "HealthSync.Server.dll")), "the native tool carries a framework-dependent server too");
        using var dir = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(native.Executable, dir.File("state"), []);
        Assert.Equal(HttpStatusCode.OK, (await serve.Browser().GetAsync("/healthz")).StatusCode);

        // SIGTERM, as systemd stops it: the tool forwards it to the server, which stops cleanly, and so does the tool.
        Assert.Equal(0, await serve.StopAsync());
        Assert.Matches("Sign in at http://127\\.0\\.0\\.1:\\d+/setup\\?code=[0-9a-f]{16}", serve.Output);
    }

    [Fact]
    public async Task Native_Server_Should_Sign_In_Save_The_Key_Upload_A_Push_And_Backfill_An_Upload()
    {
        // What the native server does is what the tests of the JIT build check (cookie sign-in, antiforgery, the key
        // checked against the service, the Health Auto Export reader, the FIT upload, the export read by the tool
        // beside it): trimming or ahead-of-time compilation may not drop any of it.
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = SyncHarness.ApiKey, RatePerSecond = 1000, Burst = 1000, Budget = 0 });
        using var dir = new TempDirectory();
        var state = dir.File("state");
        Directory.CreateDirectory(state);
        using (var store = SyncState.Open(state, TimeProvider.System))
        {
            // Sync on since before the pushed walk, and after the sample export's workouts (October 2026): a backfill's.
            SyncSettings.SetSync(store, on: true, new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.FromHours(1)));
            SyncSettings.SetSport(store, SportCategory.Cycling, on: true);
            SyncSettings.SetSport(store, SportCategory.Running, on: true);
        }

        const string password = "native server password";
        const string token = "native-push-token-0b9f3e5d7c1a48e2b6f0";
        await using var serve = await ServeProcess.StartAsync(native.Executable, state, new() { ["HEALTHSYNC_WEB_PASSWORD"] = password, ["HEALTHSYNC_PUSH_TOKEN"] = token });
        using var browser = serve.Browser();
        var login = await browser.GetStringAsync("/login");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/login", ServerHarness.Form(login, ("password", password)))).StatusCode);
        foreach (var page in new[] { "/", "/settings", "/account", "/history", "/names", "/phone", "/backfill" })
        {
            var answer = await browser.GetAsync(page);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{page}: {answer.StatusCode}\n{serve.Output}");
        }

        var account = await browser.GetStringAsync("/account");
        var saved = await browser.PostAsync("/account", ServerHarness.Form(account, ("api-key", SyncHarness.ApiKey), ("athlete", "0"), ("base-url", standIn.BaseAddress.ToString())));
        Assert.Equal("/account?saved=1", saved.Headers.Location?.OriginalString);

        using var push = new HttpRequestMessage(HttpMethod.Post, "/push/health-auto-export") { Content = new StringContent(HaeFixtures.V2EnglishWalk.Replace("2026-05-03", "2026-12-01", StringComparison.Ordinal), Encoding.UTF8, "application/json") };
        push.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var pushed = await browser.SendAsync(push);
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await pushed.Content.ReadAsStringAsync()).RootElement.GetProperty("new").GetInt32());
        await serve.WaitUntilAsync(() => standIn.Activities.All.Count == 1, "the pushed walk");
        var walk = Assert.Single(standIn.Activities.All);
        Assert.Equal("Walk", walk["type"]!.ToString());
        Assert.Equal("2026-12-01T05:12:04Z", walk["start_date"]!.ToString());

        // The sample export, uploaded and backfilled from the browser: read by the native tool beside the server.
        var uploaded = await ServerHarness.UploadExportAsync(browser, Path.Combine(RepoPaths.Root, "samples", "export.zip"));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);
        var file = Uri.UnescapeDataString(uploaded.Headers.Location!.OriginalString.Split("file=")[1]);
        Assert.Equal("/?started=backfill", (await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", file)))).Headers.Location?.OriginalString);
        await serve.WaitUntilAsync(() => standIn.Activities.All.Count == 8, "the backfill of the sample export's 7 workouts");
        Assert.Equal(8, standIn.Received.All.Count(r => r.Method == "POST"));
        var history = await browser.GetStringAsync("/history");
        Assert.Contains("Outdoor Walk", history, StringComparison.Ordinal);
        Assert.DoesNotContain(SyncHarness.ApiKey, serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Antiforgery", serve.Output, StringComparison.Ordinal); // no warning for each page served
        Assert.Equal(0, await serve.StopAsync());
    }

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
