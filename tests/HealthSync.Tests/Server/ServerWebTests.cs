using System.Net;
using HealthSync.Server.Secrets;
using HealthSync.Hosting;
using HealthSync.Sync;
using HealthSync.Workouts;
using IntervalsStandIn;

namespace HealthSync.Tests.Server;

/// <summary>The web app over real HTTP with cookies: first start, sign-in, antiforgery, rate limits, the pages and their forms.</summary>
public sealed class ServerWebTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = harness.Browser();
        foreach (var page in new[] { "/", "/settings", "/account", "/history", "/phone", "/events" })
        {
            var answer = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("/login", answer.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task First_start_sets_the_password_with_the_printed_code_and_stores_only_a_hash()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => (o.WebPassword, o.PushToken) = (null, null));
        using var browser = harness.Browser();
        Assert.Equal("/setup", (await browser.GetAsync("/login")).Headers.Location!.OriginalString);
        var code = System.Web.HttpUtility.ParseQueryString(harness.Server.SignInAddress.Query)["code"]!;
        var page = await browser.GetStringAsync("/setup");

        var wrong = await browser.PostAsync("/setup", ServerHarness.Form(page, ("code", "0000"), ("password", "a long secret"), ("confirm", "a long secret")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var right = await browser.PostAsync("/setup", ServerHarness.Form(page, ("code", code), ("password", "a long secret"), ("confirm", "a long secret")));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);

        // Signed in by it, and the phone page shows the generated token, stored readable by the owner alone.
        var phone = await browser.GetStringAsync("/phone");
        var tokenFile = Path.Combine(harness.StateDir, PushToken.FileName);
        Assert.Contains("Bearer " + (await File.ReadAllTextAsync(tokenFile)).Trim(), phone, StringComparison.Ordinal);
        var passwordFile = Path.Combine(harness.StateDir, WebPassword.FileName);
        Assert.DoesNotContain("a long secret", await File.ReadAllTextAsync(passwordFile), StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$1000$", await File.ReadAllTextAsync(passwordFile), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }

        Assert.Equal("/login", harness.Server.SignInAddress.AbsolutePath);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.SignInAttemptsPerMinute = 3);
        using var browser = harness.Browser();
        var page = await browser.GetStringAsync("/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await browser.PostAsync("/login", ServerHarness.Form(page, ("password", "guess " + i)))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var forged = await browser.PostAsync("/settings", new FormUrlEncodedContent([new("sync", "off"), new("time-zone", "UTC")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var state = harness.OpenState();
        Assert.Equal("on", state.GetSetting(SyncSettings.SyncKey));
    }

    [Fact]
    public async Task Settings_show_the_seven_sports_with_their_defaults_and_save_changes()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var page = await browser.GetStringAsync("/settings");
        foreach (var category in SportCategories.All)
        {
            Assert.Contains($"name=\"sport-{category.ToId()}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains("Strava and Garmin usually deliver these", page, StringComparison.Ordinal);
        var fields = new List<(string, string)> { ("sync", "on"), ("gps-routes", "on"), ("time-zone", "America/New_York"), ("sport-running", "on"), ("sport-strength", "on") };
        var saved = await browser.PostAsync("/settings", ServerHarness.Form(page, [.. fields]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var state = harness.OpenState();
        var settings = SyncSettings.Load(state, "UTC");
        Assert.Equal([SportCategory.Running, SportCategory.Strength], settings.Sports.Order());
        Assert.Equal("America/New_York", settings.TimeZoneId);
        Assert.Equal(Now.AddHours(-2), settings.SyncSince); // saving with sync on keeps the instant it was turned on

        var badZone = await browser.PostAsync("/settings", ServerHarness.Form(await browser.GetStringAsync("/settings"), ("time-zone", "Mars/Olympus")));
        Assert.Contains("Mars/Olympus", await badZone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_now_runs_and_history_shows_a_failed_workout_with_its_reason()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        // The listing answers, the upload is refused: the workout fails with the service's reason.
        harness.StandIn.Faults.Enqueue(Fault.None(), Fault.Error(422));
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        await harness.Server.Jobs.WhenIdle();
        using (var state = harness.OpenState())
        {
            var failed = Assert.Single(state.History("failed", 10));
            var history = await browser.GetStringAsync("/history?status=failed");
            Assert.Contains("Failed", history, StringComparison.Ordinal);
            Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(failed.Reason!), history, StringComparison.Ordinal);
        }

        // Sync now sends it again from the inbox; the history links the activity.
        var status = await browser.GetStringAsync("/");
        Assert.Contains("On since", status, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/sync-now", ServerHarness.Form(status))).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        var uploaded = await browser.GetStringAsync("/history?status=uploaded");
        var activity = harness.StandIn.Activities.All.Single()["id"]!.ToString();
        Assert.Contains($"https://intervals.icu/activities/{activity}", uploaded, StringComparison.Ordinal);
        Assert.Contains("1 uploaded", await browser.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_key_is_checked_when_saved_and_never_shown_again_in_full()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false);
        using var browser = await harness.SignedInBrowserAsync();
        var page = await browser.GetStringAsync("/account");
        var refused = await browser.PostAsync("/account", ServerHarness.Form(page, ("api-key", "wrong-key"), ("athlete", "0"), ("base-url", harness.StandIn.BaseAddress.ToString())));
        Assert.Contains("refused", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(CredentialsFile.Read(harness.StateDir));

        var saved = await browser.PostAsync("/account", ServerHarness.Form(page, ("api-key", ServerHarness.ApiKey), ("athlete", "0"), ("base-url", harness.StandIn.BaseAddress.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(ServerHarness.ApiKey, CredentialsFile.Read(harness.StateDir)!.ApiKey);
        var after = await browser.GetStringAsync("/account");
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode("…" + ServerHarness.ApiKey[^4..]), after, StringComparison.Ordinal);
        foreach (var path in new[] { "/", "/account", "/settings", "/history" })
        {
            var html = await browser.GetStringAsync(path);
            Assert.DoesNotContain(ServerHarness.ApiKey, html, StringComparison.Ordinal);
            Assert.DoesNotContain(ServerHarness.PushToken, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rotating_the_push_token_refuses_the_old_one()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.PushToken = null);
        var old = harness.Server.PushToken.Reveal();
        using var browser = await harness.SignedInBrowserAsync();
        var phone = await browser.GetStringAsync("/phone");
        foreach (var words in new[] { "REST API", "JSON", "Version 2", "Workouts", "Authorization", "/push/health-auto-export" })
        {
            Assert.Contains(words, phone, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/phone/rotate", ServerHarness.Form(phone))).StatusCode);
        var rotated = harness.Server.PushToken.Reveal();
        Assert.NotEqual(old, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await harness.PushAsync(TestPushSource.Document(), bearer: old)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(TestPushSource.Document(), bearer: rotated)).StatusCode);
        Assert.Contains("Bearer " + rotated, await browser.GetStringAsync("/phone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_stream_the_job_line()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        using var answer = await browser.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", answer.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await answer.Content.ReadAsStreamAsync());
        Assert.Equal("data: {\"line\":\"Nothing is running.\",\"done\":0,\"total\":0,\"last\":null}", await reader.ReadLineAsync());
    }
}
