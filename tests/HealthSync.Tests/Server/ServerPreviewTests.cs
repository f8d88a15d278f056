using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HealthSync.Server.Work;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Server;

/// <summary>The backfill preview as a worker job: progress at once, the result kept, pushes not blocked, unreadable and replaced uploads.</summary>
public sealed partial class ServerPreviewTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Walk = new(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2)); // before sync was turned on

    [Fact]
    public async Task The_page_answers_at_once_with_progress_pushes_wait_behind_the_dry_run_and_the_result_is_kept()
    {
        // The real reader behind a gate: the dry run of the uploaded file stays in its reading phase until the test opens it.
        using var gate = new ManualResetEventSlim();
        var reads = 0;
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.Parser = (stream, name, options) =>
        {
            if (name == "older.json")
            {
                Interlocked.Increment(ref reads);
                Assert.True(gate.Wait(TimeSpan.FromMinutes(1)), "the test never opened the gate");
            }

            return TestPushSource.Parse(stream, name, options);
        });
        using var opener = new Opener(gate); // disposed before the harness: a failing assertion does not leave the worker waiting
        using var browser = await harness.SignedInBrowserAsync();
        var json = harness.Dir.File("older.json");
        await File.WriteAllTextAsync(json, TestPushSource.Document(("Walking", Walk, 40), ("Running", Walk.AddDays(1), 30)));
        var uploaded = await UploadAsync(browser, json, "older.json");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var address = uploaded.Headers.Location!.OriginalString;

        var waiting = await browser.GetStringAsync(address);
        Assert.Contains("a dry run is reading it", waiting, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\"", waiting, StringComparison.Ordinal); // without script, a reload shows the progress or the result
        Assert.DoesNotContain("id=\"preview-result\"", waiting, StringComparison.Ordinal);
        Assert.Contains("action=\"/backfill/start\"", waiting, StringComparison.Ordinal); // the backfill need not wait for the preview

        // The job is the worker's: the live stream reports it by name.
        while (harness.Server.Jobs.Current?.Title != "Preview of older.json")
        {
            await harness.Server.Jobs.Changed.WaitAsync(TimeSpan.FromSeconds(30));
        }

        using var live = await browser.GetAsync(EventsAddress(waiting), HttpCompletionOption.ResponseHeadersRead);
        using var stream = new StreamReader(await live.Content.ReadAsStreamAsync());
        Assert.Contains("Preview of older.json: reading", await ReadEventAsync(stream), StringComparison.Ordinal);

        // A push while the dry run reads: stored and answered at once, read and uploaded after the preview.
        var pushed = await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        Assert.Empty(harness.Uploads);
        using (var state = harness.OpenState())
        {
            Assert.Equal(1, state.WaitingDocumentCount());
        }

        gate.Set();
        await harness.Server.Jobs.WhenIdle();
        var events = 0;
        while (!(await ReadEventAsync(stream)).Contains("event: ready", StringComparison.Ordinal))
        {
            Assert.True(++events < 100, "the stream never said the result is ready"); // progress lines until then
        }

        Assert.Single(harness.Uploads);

        var result = await browser.GetStringAsync(address);
        Assert.Contains("2 workouts, <strong>1 would be uploaded</strong>", result, StringComparison.Ordinal);
        Assert.Contains("id=\"preview-result\"", result, StringComparison.Ordinal);
        Assert.Contains("<td>Outdoor Walk</td><td>upload</td>", result, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", result, StringComparison.Ordinal);

        // A reload shows the kept result: the file is not read again.
        Assert.Contains("2 workouts, <strong>1 would be uploaded</strong>", await browser.GetStringAsync(address), StringComparison.Ordinal);
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(1, Volatile.Read(ref reads));

        // A restart loses it: the page queues the dry run again and shows the result once it is done.
        await harness.RestartAsync();
        using var after = await harness.SignedInBrowserAsync();
        await after.GetStringAsync(address);
        await harness.Server.Jobs.WhenIdle();
        Assert.Contains("2 workouts, <strong>", await after.GetStringAsync(address), StringComparison.Ordinal);
        Assert.Equal(2, Volatile.Read(ref reads));
    }

    [Theory]
    [InlineData("export.zip", "not a zip at all")]
    [InlineData("workouts.json", "{\"data\": \"no workouts here\"")]
    public async Task An_unreadable_upload_is_said_in_words_and_deleted(string name, string content)
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var file = harness.Dir.File(name);
        await File.WriteAllTextAsync(file, content);
        var uploaded = await UploadAsync(browser, file, name);
        await harness.Server.Jobs.WhenIdle();

        var page = await browser.GetAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("This file cannot be read: ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Uploads.Folder(harness.StateDir)));
    }

    [Fact]
    public async Task A_second_upload_replaces_the_first_preview_and_its_file()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var first = new ExportBuilder().Add(SyncHarness.Workout("Walking", Walk, 40)).WriteZip(harness.Dir.File("first.zip"));
        var second = new ExportBuilder().Add(SyncHarness.Workout("Walking", Walk, 40)).Add(SyncHarness.Workout("Walking", Walk.AddDays(2), 50)).Add(SyncHarness.Workout("Running", Walk.AddDays(3), 30)).WriteZip(harness.Dir.File("second.zip"));

        var one = (await UploadAsync(browser, first, "first.zip")).Headers.Location!.OriginalString;
        await harness.Server.Jobs.WhenIdle();
        Assert.Contains("1 workout, <strong>1 would be uploaded</strong>", await browser.GetStringAsync(one), StringComparison.Ordinal);

        var two = (await UploadAsync(browser, second, "second.zip")).Headers.Location!.OriginalString;
        await harness.Server.Jobs.WhenIdle();
        Assert.Contains("3 workouts, <strong>2 would be uploaded</strong>", await browser.GetStringAsync(two), StringComparison.Ordinal);
        Assert.EndsWith("second.zip", Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir))), StringComparison.Ordinal);
        Assert.Equal("/backfill", (await browser.GetAsync(one)).Headers.Location!.OriginalString); // the first is gone
        Assert.Contains("The preview of second.zip", await browser.GetStringAsync("/backfill"), StringComparison.Ordinal);
        Assert.Empty(harness.Uploads);
    }

    /// <summary>Uploads a file from the backfill page as a browser does, under the name given.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string path, string name)
    {
        var token = AntiforgeryField().Match(await browser.GetStringAsync("/backfill"));
        Assert.True(token.Success, "the backfill page has no antiforgery field");
        using var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[2].Value)), token.Groups[1].Value } };
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await browser.PostAsync("/backfill/upload", form);
    }

    private static string EventsAddress(string page) => WebUtility.HtmlDecode(EventsAttribute().Match(page).Groups[1].Value);

    /// <summary>The next server-sent event's lines (up to the blank line that ends it).</summary>
    private static async Task<string> ReadEventAsync(StreamReader stream)
    {
        var lines = new List<string>();
        while (await stream.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) is { } line)
        {
            if (line.Length == 0 && lines.Count > 0)
            {
                break;
            }

            lines.Add(line);
        }

        return string.Join('\n', lines);
    }

    private sealed class Opener(ManualResetEventSlim gate) : IDisposable
    {
        public void Dispose() => gate.Set();
    }

    [GeneratedRegex("name=\"([^\"]*RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-events=\"([^\"]+)\"")]
    private static partial Regex EventsAttribute();
}
