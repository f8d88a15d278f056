using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using IntervalsStandIn;

namespace HealthSync.Bench.Server;

/// <summary>
/// `server-backfill EXPORT.zip`: the server's RSS through an export uploaded in the browser, previewed and backfilled
/// into the stand-in at its default limits (issue 11: idle at &lt;= 100 MB, flat through a 2 GB export).
/// </summary>
internal static partial class ServerBackfillBenchmark
{
    private const string Prefix = "server-backfill:";
    private const string BackfillFileKey = "server.backfill.file"; // SyncJobs.BackfillFileKey: empty once the file is read into the inbox
    private static readonly TimeSpan IdleWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BackfillWait = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan PreviewWait = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string export)
    {
        var size = new FileInfo(export).Length;
        using var folder = new ServerBenchmark.TempFolder();
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = ServerBenchmark.Key });
        // Sync on since an hour ago: every workout of the export is older, so it comes in by the backfill alone.
        ServerBenchmark.Prepare(folder.Path, standIn, syncSince: TimeProvider.System.GetUtcNow().AddHours(-1));
        using (var state = SyncState.Open(folder.Path, TimeProvider.System))
        {
            // As backfill-export does (`sports enable cycling running`): every sport of the export is uploaded.
            SyncSettings.SetSport(state, SportCategory.Cycling, on: true);
            SyncSettings.SetSport(state, SportCategory.Running, on: true);
        }

        await using var server = await ServerChild.StartAsync(folder.Path);
        await server.WaitIdleAsync(() => true, IdleWait);
        await using var sampler = new RssSampler(server);
        Console.WriteLine(FormattableString.Invariant(
            $"{Prefix} {export} ({size / 1e6:0} MB zipped) uploaded in the browser, previewed and backfilled; the stand-in at 10 requests/s, burst 20; cycling and running on"));
        Console.WriteLine(FormattableString.Invariant($"{Prefix} idle after start: {server.Memory()} (target <= 100 MB)"));
        sampler.EndPhase();

        using var browser = Browser();
        await SignInAsync(browser, server.BaseAddress);

        var clock = Stopwatch.StartNew();
        var preview = await UploadAsync(browser, server.BaseAddress, export);
        var uploaded = clock.Elapsed;
        Console.WriteLine(FormattableString.Invariant(
            $"{Prefix} upload: {size / 1e6:0} MB in {uploaded.TotalSeconds:0.0} s ({size / 1e6 / uploaded.TotalSeconds:0} MB/s), peak RSS {sampler.EndPhase() / 1e6:0} MB"));

        clock.Restart();
        var (result, startPage) = await WaitForPreviewAsync(browser, preview);
        Console.WriteLine(FormattableString.Invariant(
            $"{Prefix} preview: {result} in {clock.Elapsed.TotalSeconds:0.0} s, peak RSS {sampler.EndPhase() / 1e6:0} MB"));

        var file = Uri.UnescapeDataString(preview.Query[(preview.Query.IndexOf("file=", StringComparison.Ordinal) + 5)..]);
        var backfillFrom = TimeProvider.System.GetUtcNow(); // the clock the stand-in stamps arrivals with
        clock.Restart();
        await StartAsync(browser, server.BaseAddress, startPage, file);
        var activities = -1;
        await server.WaitIdleAsync(() => Done(folder.Path, standIn, ref activities), BackfillWait);
        var backfilled = clock.Elapsed;
        var peak = sampler.EndPhase();
        var received = standIn.Received.All.Where(r => r.At >= backfillFrom).ToList();
        var seconds = received.Count > 1 ? (received.Max(r => r.At) - received.Min(r => r.At)).TotalSeconds : 0;
        var rate = seconds > 0 ? (received.Count - 1) / seconds : 0;
        Console.WriteLine(FormattableString.Invariant(
            $"{Prefix} backfill: {standIn.Activities.All.Count} activities created, {received.Count} requests at {rate:0.00}/s ({rate / 10:P0} of the limit), {received.Count(r => r.Status == 429)} answers 429, in {backfilled.TotalSeconds:0} s, peak RSS {peak / 1e6:0} MB"));
        Console.WriteLine($"{Prefix} the status page: last sync {await LastSyncAsync(browser, server.BaseAddress)}");

        var idle = await ServerBenchmark.IdleAsync(server, Prefix + " idle after");
        Console.WriteLine(FormattableString.Invariant($"{Prefix} peak of the whole run {Math.Max(sampler.EndPhase(), idle.Peak) / 1e6:0} MB"));
        return 0;
    }

    /// <summary>Signs in as a browser does: the login form's antiforgery field and the password, the cookie kept.</summary>
    private static async Task SignInAsync(HttpClient browser, Uri server)
    {
        var login = await browser.GetStringAsync(new Uri(server, "login"));
        using var form = Form(login, ("password", ServerChild.WebPassword));
        using var answer = await browser.PostAsync(new Uri(server, "login"), form);
        Expect(answer, HttpStatusCode.Redirect, "sign-in");
    }

    /// <summary>Posts the backfill page's form: the antiforgery field first, then the file streamed from disk. Returns the preview's address.</summary>
    private static async Task<Uri> UploadAsync(HttpClient browser, Uri server, string export)
    {
        var (name, value) = Token(await browser.GetStringAsync(new Uri(server, "backfill")));
        using var form = new MultipartFormDataContent { { new StringContent(value), name } };
        var file = new StreamContent(File.OpenRead(export), 81920);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", Path.GetFileName(export));
        using var answer = await browser.PostAsync(new Uri(server, "backfill/upload"), form);
        Expect(answer, HttpStatusCode.Redirect, "upload");
        return new Uri(server, answer.Headers.Location!);
    }

    /// <summary>Reloads the preview page every second, as a browser without script does, until the dry run's result is there.</summary>
    private static async Task<(string Result, string Page)> WaitForPreviewAsync(HttpClient browser, Uri preview)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < PreviewWait)
        {
            using var answer = await browser.GetAsync(preview);
            var page = await answer.Content.ReadAsStringAsync();
            Expect(answer, HttpStatusCode.OK, "preview");
            if (PreviewResult().Match(page) is { Success: true } result)
            {
                // "export.zip: 502 workouts, 480 would be uploaded. Nothing has been sent yet.": the counts alone.
                var text = WebUtility.HtmlDecode(Tags().Replace(result.Groups[1].Value, string.Empty));
                var counts = text[(text.LastIndexOf(": ", StringComparison.Ordinal) + 2)..];
                return (counts.Split(". ", 2)[0], page);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
        }

        throw new TimeoutException($"no preview after {PreviewWait.TotalMinutes:0} min");
    }

    /// <summary>The preview page's Start backfill form.</summary>
    private static async Task StartAsync(HttpClient browser, Uri server, string page, string file)
    {
        using var form = Form(page, ("file", file));
        using var answer = await browser.PostAsync(new Uri(server, "backfill/start"), form);
        Expect(answer, HttpStatusCode.Redirect, "start");
        if (answer.Headers.Location?.OriginalString.StartsWith("/?started", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"start: sent to {answer.Headers.Location} (the upload was not found)");
        }
    }

    /// <summary>The file is read into the inbox (the server cleared it) and the stand-in's activities did not change since the last look.</summary>
    private static bool Done(string stateDir, StandInServer standIn, ref int activities)
    {
        var count = standIn.Activities.All.Count;
        var stable = count == activities;
        activities = count;
        using var state = SyncState.OpenReadOnly(stateDir, TimeProvider.System);
        return stable && state.GetSetting(BackfillFileKey) is null or "";
    }

    private static async Task<string> LastSyncAsync(HttpClient browser, Uri server)
    {
        var page = await browser.GetStringAsync(server);
        return LastSync().Match(page) is { Success: true } last ? WebUtility.HtmlDecode(last.Groups[1].Value) : "(not shown)";
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var (name, value) = Token(page);
        return new FormUrlEncodedContent([new(name, value), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    private static (string Name, string Value) Token(string page) =>
        AntiforgeryField().Match(page) is { Success: true } token
            ? (token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value))
            : throw new InvalidOperationException("the page has no antiforgery field");

    private static void Expect(HttpResponseMessage answer, HttpStatusCode expected, string what)
    {
        if (answer.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: {(int)answer.StatusCode} instead of {(int)expected}");
        }
    }

    /// <summary>A browser: its own cookies, redirects not followed so each answer can be checked.</summary>
    private static HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(30) };

    [GeneratedRegex("name=\"([^\"]*RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<p id=\"preview-result\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex PreviewResult();

    [GeneratedRegex("<dd id=\"last\">(.*?)</dd>", RegexOptions.Singleline)]
    private static partial Regex LastSync();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
