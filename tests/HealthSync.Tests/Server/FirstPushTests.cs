using System.Net;
using HealthSync.Sync;

namespace HealthSync.Tests.Server;

/// <summary>A new user's phone path, from a fresh server with nothing pre-set: connect the account, then push (issue 17, point 1).</summary>
public sealed class FirstPushTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_upload_the_first_push_of_a_workout_recorded_after_the_account_was_connected()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false, fresh: true);
        var browser = await harness.SignedInBrowserAsync();
        Assert.Contains("turns on when you connect", await browser.GetStringAsync("/"), StringComparison.Ordinal);

        await ConnectAsync(harness, browser);

        // The walk happens after the account was connected; the phone pushes it when it ends.
        harness.Time.Advance(TimeSpan.FromHours(1));
        var push = await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddMinutes(20), 30)));
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        await harness.Server.Jobs.WhenIdle();

        Assert.Single(harness.Uploads);
        Assert.Contains("Outdoor Walk", await browser.GetStringAsync("/history"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_keep_sync_unset_when_settings_are_saved_before_connecting_with_the_box_as_shown()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false, fresh: true);
        var browser = await harness.SignedInBrowserAsync();

        // The page shows the box as it stands (unset); saving the sports without touching it is not "turn sync off".
        var settings = await browser.GetStringAsync("/settings");
        var saved = await browser.PostAsync("/settings", ServerHarness.Form(settings, ("sync-shown", "unset"), ("sport-walking", "on"), ("time-zone", "Europe/Paris"), ("gps-routes", "on")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await ConnectAsync(harness, browser);

        using var state = harness.OpenState();
        var loaded = SyncSettings.Load(state, "UTC");
        Assert.True(loaded.SyncOn);
        Assert.Equal(Now, loaded.SyncSince);
    }

    [Fact]
    public async Task Should_say_how_many_older_workouts_wait_and_backfill_them_with_one_button()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false, fresh: true);
        var browser = await harness.SignedInBrowserAsync();
        await ConnectAsync(harness, browser);

        // The app's first push carries yesterday's workouts too: they ended before sync was on.
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddDays(-1), 30), ("Yoga", Now.AddDays(-1).AddHours(3), 20)));
        await harness.Server.Jobs.WhenIdle();
        Assert.Empty(harness.Uploads);

        var status = await browser.GetStringAsync("/");
        Assert.Contains("2 workouts received ended before sync was turned on", status, StringComparison.Ordinal);
        var started = await browser.PostAsync("/backfill-held", ServerHarness.Form(status));
        Assert.Equal("/?started=backfill", started.Headers.Location?.OriginalString);
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(2, harness.Uploads.Count);
        Assert.DoesNotContain("ended before sync was turned on", await browser.GetStringAsync("/"), StringComparison.Ordinal);
        using var state = harness.OpenState();
        Assert.Equal(string.Empty, state.GetSetting(HealthSync.Server.Work.SyncJobs.BackfillHeldKey));
    }

    [Fact]
    public async Task Should_not_say_sync_started_when_no_account_is_connected()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false, fresh: true);
        var browser = await harness.SignedInBrowserAsync();

        var answer = await browser.PostAsync("/sync-now", ServerHarness.Form(await browser.GetStringAsync("/")));
        var page = await browser.GetStringAsync(answer.Headers.Location!.OriginalString);

        Assert.DoesNotContain("Sync started.", page, StringComparison.Ordinal);
        Assert.Contains("connect your Intervals.icu account first", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_send_after_a_restart_what_a_kill_left_read_but_not_sent_with_no_push()
    {
        await using var harness = await ServerHarness.StartAsync(Now);

        // As a kill -9 between the read of a pushed document and its upload run leaves it: the document is marked
        // read, its workout is in the inbox, and no outcome is recorded.
        await harness.RestartAsync(async () =>
        {
            using (var state = harness.OpenState())
            {
                state.AddDocument(HealthSync.Server.Push.PushEndpoint.DocumentKind, "push", System.Text.Encoding.UTF8.GetBytes(TestPushSource.Document(("Walking", Now.AddHours(-1), 30))), Now);
            }

            var run = new SyncRun { StateDirectory = harness.StateDir, Mode = SyncMode.New, MachineZone = TimeZoneInfo.Utc };
            var read = await new StoredDocuments(harness.Time).ReadWaitingAsync(run, TestPushSource.Parse, CancellationToken.None);
            Assert.Equal(1, read.Documents);
        });
        await harness.Server.Jobs.WhenIdle();

        Assert.Single(harness.Uploads);
        await harness.RestartAsync();
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);
    }

    private static async Task ConnectAsync(ServerHarness harness, HttpClient browser)
    {
        var account = await browser.GetStringAsync("/account");
        var saved = await browser.PostAsync("/account", ServerHarness.Form(account, ("api-key", ServerHarness.ApiKey), ("athlete", "0"), ("base-url", harness.StandIn.BaseAddress.ToString())));
        Assert.Equal("/account?saved=1", saved.Headers.Location?.OriginalString);
    }
}
