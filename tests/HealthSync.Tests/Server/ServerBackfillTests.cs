using System.Net;
using HealthSync.Server.Work;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;

namespace HealthSync.Tests.Server;

/// <summary>Backfill from the browser: an export.zip uploaded (streamed to disk), previewed as a dry run, started, and carried over a restart.</summary>
public sealed class ServerBackfillTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_preview_then_backfill_an_uploaded_export_and_go_on_after_a_restart()
    {
        // No account at first: the backfill starts, waits for one, and a restart with an account carries it on.
        await using var harness = await ServerHarness.StartAsync(Now, account: false);
        var walk = new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2)); // before sync was turned on
        var zip = new ExportBuilder().Add(SyncHarness.Workout("Walking", walk, 40)).Add(SyncHarness.Workout("Running", walk.AddDays(1), 30)).WriteZip(harness.Dir.File("export.zip"));
        using var browser = await harness.SignedInBrowserAsync();
        var uploaded = await ServerHarness.UploadExportAsync(browser, zip);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var stored = Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir)));
        Assert.Equal(new FileInfo(zip).Length, new FileInfo(stored).Length);

        await harness.Server.Jobs.WhenIdle(); // the preview is a worker job (ServerPreviewTests follow it while it runs)
        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Contains("2 workouts, <strong>1 would be uploaded</strong>", preview, StringComparison.Ordinal);
        Assert.Contains("<td>Walk</td>", preview, StringComparison.Ordinal); // the name a person reads, as in the history
        Assert.Empty(harness.Uploads);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", Path.GetFileName(stored))))).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        Assert.Empty(harness.Uploads);

        harness.ConnectAccount();
        await harness.RestartAsync();
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);
        Assert.Empty(Directory.GetFiles(Uploads.Folder(harness.StateDir)));
        using var state = harness.OpenState();
        Assert.Equal("uploaded", Assert.Single(state.History("uploaded", 10)).Status);
    }

    [Fact]
    public async Task A_workout_of_the_export_that_ended_after_sync_was_turned_on_is_sent_by_the_sync_that_follows()
    {
        // The export holds a walk of an hour ago that never came by push: the backfill leaves it to a sync, which the
        // server runs right after it, as the preview says ("a new workout, for a sync").
        await using var harness = await ServerHarness.StartAsync(Now);
        var zip = new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2)), 40))
            .Add(SyncHarness.Workout("Walking", Now.AddHours(-1), 20))
            .WriteZip(harness.Dir.File("export.zip"));
        using var browser = await harness.SignedInBrowserAsync();
        var uploaded = await ServerHarness.UploadExportAsync(browser, zip);
        await harness.Server.Jobs.WhenIdle();
        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Contains("a new workout, for a sync", preview, StringComparison.Ordinal);
        var stored = Path.GetFileName(Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir))));

        await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", stored)));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(2, harness.Uploads.Count);
        using var state = harness.OpenState();
        Assert.Equal(2, state.History("uploaded", 10).Count);
    }

    [Fact]
    public async Task A_backfill_started_while_its_preview_asks_the_service_cuts_the_preview_and_the_worker_goes_on()
    {
        // A run that needs nothing of the service (here: a run, a sport this athlete does not sync) still checks the
        // account with one listing, which the stand-in holds; the backfill starts meanwhile and cuts the preview. The
        // cancelled request used to escape the preview job and end the worker's loop: the backfill, and every job
        // after it, then waited for ever (the hang PhoneEndToEndTests hit now and then, its export all known already).
        await using var harness = await ServerHarness.StartAsync(Now);
        harness.StandIn.Faults.Enqueue(IntervalsStandIn.Fault.Slow(TimeSpan.FromSeconds(20)));
        var zip = new ExportBuilder().Add(SyncHarness.Workout("Running", new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2)), 40)).WriteZip(harness.Dir.File("export.zip"));
        using var browser = await harness.SignedInBrowserAsync();
        var uploaded = await ServerHarness.UploadExportAsync(browser, zip);
        await HealthSync.Tests.Intervals.Eventually.TrueAsync(() => harness.StandIn.Faults.Waiting == 0); // the preview's check is held

        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);
        var stored = Path.GetFileName(Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir))));
        await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", stored)));
        await harness.Server.Jobs.WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("Backfill of export.zip", harness.Server.Jobs.Last?.Title, StringComparison.Ordinal);
        harness.Server.Jobs.SyncNow(); // and the worker still takes jobs
        await harness.Server.Jobs.WhenIdle().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("Sync", harness.Server.Jobs.Last?.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_to_the_preview_of_a_file_under_backfill_queues_no_second_read_of_it()
    {
        await using var harness = await ServerHarness.StartAsync(Now, account: false); // the backfill waits for an account
        var walk = new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2));
        var zip = new ExportBuilder().Add(SyncHarness.Workout("Walking", walk, 40)).WriteZip(harness.Dir.File("export.zip"));
        using var browser = await harness.SignedInBrowserAsync();
        var uploaded = await ServerHarness.UploadExportAsync(browser, zip);
        await harness.Server.Jobs.WhenIdle();
        var address = uploaded.Headers.Location!.OriginalString;
        var stored = Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir)));
        await browser.PostAsync("/backfill/start", ServerHarness.Form(await browser.GetStringAsync(address), ("file", Path.GetFileName(stored))));
        await harness.Server.Jobs.WhenIdle();
        await harness.RestartAsync(); // the kept preview is lost; the backfill is not
        await harness.Server.Jobs.WhenIdle();
        using var again = await harness.SignedInBrowserAsync(); // the restarted server listens on a new port

        var page = await again.GetStringAsync(address);

        Assert.Contains("A backfill of export.zip is under way", page, StringComparison.Ordinal);
        Assert.Null(harness.Server.Jobs.Previews.Current);
        Assert.True(File.Exists(stored));
    }

    [Fact]
    public async Task An_upload_without_the_form_token_is_refused_and_nothing_is_written()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "export.zip" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/backfill/upload", form)).StatusCode);
        Assert.False(Directory.Exists(Uploads.Folder(harness.StateDir)) && Directory.GetFiles(Uploads.Folder(harness.StateDir)).Length > 0);
    }
}
