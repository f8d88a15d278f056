using System.Net;
using System.Text.RegularExpressions;
using HealthSync.State;
using HealthSync.Sync;

namespace HealthSync.Tests.Server;

/// <summary>What a hostile or careless address or upload makes of the pages: no redirect off-site, no 500, no path of the server's.</summary>
public sealed partial class ServerHostileInputTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sign_in_follows_a_local_return_path_only()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.SignInAttemptsPerMinute = 100);

        // The query as a link would carry it (escaped once, so the server reads it decoded), and where sign-in goes.
        (string Query, string Expected)[] cases =
        [
            ("/history?status=failed", "/history?status=failed"),
            (Uri.EscapeDataString("/history?status=failed"), "/history?status=failed"),
            ("/", "/"),
            ("//evil.example/", "/"),
            (Uri.EscapeDataString("//evil.example/"), "/"),
            (Uri.EscapeDataString("/\\evil.example/"), "/"),
            ("/%5Cevil.example/", "/"), // read as /\evil.example/, which a browser takes for //evil.example/
            ("/%255Cevil.example/", "/"), // /%5Cevil.example/ once more escaped: refused as its decoded form is
            (Uri.EscapeDataString("https://evil.example/"), "/"),
            ("https://evil.example/", "/"),
            (Uri.EscapeDataString("/\t/evil.example/"), "/"), // a browser drops the tab: //evil.example/
            (Uri.EscapeDataString("\\\\evil.example"), "/"),
            ("evil.example", "/"),
        ];
        foreach (var (query, expected) in cases)
        {
            using var browser = harness.Browser();
            var login = await browser.GetStringAsync("/login?ReturnUrl=" + query);
            var back = WebUtility.HtmlDecode(ReturnField().Match(login).Groups[1].Value); // what the page's form sends back
            var answer = await browser.PostAsync("/login", ServerHarness.Form(login, ("return", back), ("password", ServerHarness.Password)));
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.True(expected == answer.Headers.Location!.OriginalString, $"ReturnUrl={query} went to {answer.Headers.Location.OriginalString}, not {expected}");
        }
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("1073741824")]
    [InlineData("0")]
    [InlineData("-2147483648")]
    public async Task A_page_number_out_of_range_shows_the_nearest_page(string page)
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        foreach (var filter in new[] { string.Empty, "status=failed&" })
        {
            var answer = await browser.GetAsync($"/history?{filter}page={page}");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("Page 1 of 1", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_page_number_past_the_last_shows_the_last_page()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using (var state = harness.OpenState())
        {
            for (var i = 0; i < 51; i++)
            {
                var id = $"workout-{i}";
                var start = Now.AddDays(-1).AddMinutes(i);
                state.Record(
                    new WorkoutRecord(id, OutcomeKind.Failed, "refused", null, Now),
                    null,
                    new HistoryEntry(id, "Walking", "walking", start, OutcomeKind.Failed, "refused", null, Now) { Name = "Outdoor Walk" });
            }
        }

        using var browser = await harness.SignedInBrowserAsync();
        var html = await browser.GetStringAsync("/history?page=2147483647");
        Assert.Contains("Page 2 of 2 (51 entries)", html, StringComparison.Ordinal);
        Assert.Contains("page=1\">newer</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export.zip", "not a zip at all")]
    [InlineData("export.xml", "<?xml version=\"1.0\"?><notes/>")]
    [InlineData("workouts.json", "{\"data\": \"no workouts here\"")]
    public async Task An_unreadable_upload_is_named_as_the_user_named_it_and_no_server_path_is_shown(string name, string content)
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var file = harness.Dir.File(name);
        await File.WriteAllTextAsync(file, content);

        var uploaded = await ServerHarness.UploadExportAsync(browser, file, name);
        await harness.Server.Jobs.WhenIdle();
        var page = await browser.GetAsync(uploaded.Headers.Location!.OriginalString);

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains($"This file cannot be read: {name}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.StateDir, html, StringComparison.Ordinal);
        Assert.DoesNotContain(HealthSync.Server.Work.Uploads.FolderName + "/", html, StringComparison.Ordinal);
        foreach (var other in new[] { "/", "/backfill", "/history" })
        {
            Assert.DoesNotContain(harness.StateDir, await browser.GetStringAsync(other), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("name=\"return\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnField();
}
