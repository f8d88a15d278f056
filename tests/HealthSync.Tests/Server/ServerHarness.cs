using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using HealthSync.Server;
using HealthSync.Hosting;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Tests.Support;
using IntervalsStandIn;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Server;

/// <summary>The real server on loopback over a real state folder, syncing to the stand-in, with a fake "now" for the sync rules.</summary>
internal sealed partial class ServerHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-server-test-77d1";
    public const string PushToken = "push-token-test-5b1e0c7a9d3f42e18c6b0a4f"; // 40 characters: a given token carries 128 bits at least
    public const string Password = "correct horse battery";

    private ServerHarness(StandInServer standIn, FakeTimeProvider time, ServerOptions options)
    {
        StandIn = standIn;
        Time = time;
        Options = options;
    }

    public TempDirectory Dir { get; } = new();

    public StandInServer StandIn { get; }

    public FakeTimeProvider Time { get; }

    public ServerOptions Options { get; }

    public HealthSyncServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string StateDir => Options.StateDirectory;

    /// <summary>Starts the stand-in and the server; sync is on since two hours before <paramref name="now"/> unless <paramref name="fresh"/> (nothing set, as a new user's first start).</summary>
    public static async Task<ServerHarness> StartAsync(DateTimeOffset now, bool account = true, Action<ServerOptions>? configure = null, bool fresh = false)
    {
        var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = ApiKey, RatePerSecond = 1000, Burst = 1000, Budget = 0 });
        var state = Path.Combine(Path.GetTempPath(), "healthsync-tests", Guid.NewGuid().ToString("N"), "state");
        var time = new FakeTimeProvider(now);
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            StateDirectory = state,
            Time = time,
            MachineZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
            Parser = TestPushSource.Parse,
            PushToken = PushToken,
            WebPassword = Password,
            WarmUp = false, // its own test; here it would only spend CPU at each start
            PasswordIterations = 1_000, // the production count costs ~0.5 s a sign-in on this machine
            // The fake clock never refills a rate limiter: a burst these tests never spend. Nor does it end a retry's
            // back-off: a transient error (a loaded machine) must fail the upload with its reason, not hang the test.
            ConfigureAccount = o => (o.RequestsPerSecond, o.Burst, o.MaxRetries) = (100, 100, 0),
        };
        configure?.Invoke(options);
        var harness = new ServerHarness(standIn, time, options);
        if (!fresh)
        {
            Directory.CreateDirectory(state);
            using var store = SyncState.Open(state, time);
            SyncSettings.SetSync(store, on: true, now.AddHours(-2));
        }

        if (account)
        {
            harness.ConnectAccount();
        }

        await harness.StartServerAsync();
        return harness;
    }

    public void ConnectAccount() => CredentialsFile.Write(StateDir, new StoredCredentials(ApiKey, null, "0", StandIn.BaseAddress.ToString()));

    /// <summary>Stops the server (as SIGTERM does), runs <paramref name="whileStopped"/>, and starts a new one on the same state folder.</summary>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        await StartServerAsync();
    }

    /// <summary>A browser: its own cookies, redirects not followed so each answer can be checked.</summary>
    public HttpClient Browser() => BrowserAt(Server.BaseAddress);

    /// <summary>A browser of a server at <paramref name="address"/> (one this harness did not start, too).</summary>
    public static HttpClient BrowserAt(Uri address)
    {
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        BrowserCookies.Add(browser, cookies);
        return browser;
    }

    /// <summary>The cookies a browser of <see cref="BrowserAt"/> holds (to copy one, as a thief would).</summary>
    public static CookieContainer CookiesOf(HttpClient browser) => BrowserCookies.TryGetValue(browser, out var cookies) ? cookies : throw new ArgumentException("not a harness browser", nameof(browser));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> BrowserCookies = [];

    /// <summary>A browser signed in with the password.</summary>
    public async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = Browser();
        var login = await browser.GetStringAsync("/login");
        var answer = await browser.PostAsync("/login", Form(login, ("password", Password)));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return browser;
    }

    /// <summary>A form post carrying the antiforgery token of the page it came from.</summary>
    public static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the page has no antiforgery field");
        return new FormUrlEncodedContent([new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    /// <summary>Uploads an export from the backfill page as a browser does (multipart, with the form's token); returns the answer (a redirect to the preview).</summary>
    public static async Task<HttpResponseMessage> UploadExportAsync(HttpClient browser, string zip, string name = "export.zip")
    {
        var page = await browser.GetStringAsync("/backfill");
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the backfill page has no antiforgery field");
        using var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[2].Value)), token.Groups[1].Value } };
        var file = new StreamContent(File.OpenRead(zip));
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/zip");
        form.Add(file, "file", name);
        return await browser.PostAsync("/backfill/upload", form);
    }

    public Task<HttpResponseMessage> PushAsync(string json, string? bearer = PushToken, string? apiKey = null) =>
        PushAsync(Encoding.UTF8.GetBytes(json), bearer, apiKey);

    /// <summary>Pushes raw bytes (a document with invalid UTF-8, say) as the app would.</summary>
    public async Task<HttpResponseMessage> PushAsync(byte[] body, string? bearer = PushToken, string? apiKey = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/push/health-auto-export") { Content = content };
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("api-key", apiKey);
        }

        return await Client.SendAsync(request);
    }

    public IReadOnlyList<ReceivedRequest> Uploads => [.. StandIn.Received.All.Where(r => r.Method == "POST")];

    public SyncState OpenState() => SyncState.Open(StateDir, Time);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await StandIn.DisposeAsync();
        Dir.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(StateDir)!, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS
        }
    }

    private async Task StartServerAsync()
    {
        Server = await HealthSyncServer.StartAsync(Options);
        Client = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    [GeneratedRegex("name=\"([^\"]*RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
