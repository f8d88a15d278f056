using System.Text.Json;
using HealthSync.Tests.Support;
using IntervalsStandIn;

namespace HealthSync.Tests.Server;

/// <summary>
/// The main flows in a real browser: Debian's Chromium driven by playwright-core (tests/browser/flows.mjs) against the
/// real server and the stand-in. Screenshots of each page land in TestResults/screenshots for a person to look at.
/// </summary>
public sealed class BrowserTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task First_start_phone_setup_settings_history_with_a_failure_sync_now_and_a_backfill_preview()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "Chromium is missing: apt-get install -y chromium (.ci/run does it)");
        var harness = await ServerHarness.StartAsync(Now, configure: o => (o.WebPassword, o.PushToken) = (null, null));
        await using (harness)
        {
            // A pushed walk whose upload the service refuses: the history must show it failed, with the reason.
            harness.StandIn.Faults.Enqueue(Fault.None(), Fault.Error(422));
            await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)), bearer: harness.Server.PushToken.Reveal());
            await harness.Server.Jobs.WhenIdle();
            string reason;
            using (var state = harness.OpenState())
            {
                reason = Assert.Single(state.History("failed", 10)).Reason!;
            }

            // An export with a walk from before sync was turned on, for the backfill preview.
            var export = new ExportBuilder().Add(HealthSync.Tests.Sync.SyncHarness.Workout("Walking", new DateTimeOffset(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2)), 40)).WriteZip(harness.Dir.File("export.zip"));
            var code = System.Web.HttpUtility.ParseQueryString(harness.Server.SignInAddress.Query)["code"]!;
            var screenshots = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");
            var browser = Path.Combine(RepoPaths.Root, "tests", "browser");
            // Off the test thread: the server answers the browser from this process while node runs.
            var (exit, stdout, stderr) = await Task.Run(() => ChildProcess.Run(
                "node",
                ["flows.mjs", harness.Server.BaseAddress.ToString(), code, "a phone password", screenshots, export],
                workingDirectory: browser,
                timeout: TimeSpan.FromMinutes(2)));
            Assert.True(exit == 0, $"the browser flow failed (exit {exit}): {stderr}{stdout}");

            var seen = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
            Assert.Equal(new Uri(harness.Server.BaseAddress, "push/health-auto-export").ToString(), seen.GetProperty("phoneUrl").GetString());
            Assert.Equal("Bearer " + harness.Server.PushToken.Reveal(), seen.GetProperty("phoneHeader").GetString());
            Assert.Contains("Version 2", seen.GetProperty("phoneText").GetString(), StringComparison.Ordinal);
            Assert.False(seen.GetProperty("runningBefore").GetBoolean());
            Assert.True(seen.GetProperty("runningAfter").GetBoolean());
            Assert.Contains("Strava and Garmin", seen.GetProperty("settingsText").GetString(), StringComparison.Ordinal);
            var failed = Assert.Single(seen.GetProperty("failedRows").EnumerateArray()).GetString();
            Assert.Contains(reason, failed, StringComparison.Ordinal);
            Assert.Contains("1 uploaded", seen.GetProperty("last").GetString(), StringComparison.Ordinal);
            var activity = harness.StandIn.Activities.All.Single()["id"]!.ToString();
            Assert.Contains($"https://intervals.icu/activities/{activity}", seen.GetProperty("activityLinks").EnumerateArray().Select(a => a.GetString()));
            Assert.Contains("export.zip: 1 workout, 1 would be uploaded", seen.GetProperty("previewText").GetString(), StringComparison.Ordinal);
            Assert.Contains("08:00Walkupload", Assert.Single(seen.GetProperty("previewRows").EnumerateArray()).GetString(), StringComparison.Ordinal); // the name a person reads, not the type's
            foreach (var name in new[] { "1-first-start", "2-phone-setup", "3-settings", "4-history-failed", "5-status-after-sync-now", "6-history", "7-backfill-preview" })
            {
                Assert.True(new FileInfo(Path.Combine(screenshots, name + ".png")).Length > 1000, name);
            }
        }
    }
}
