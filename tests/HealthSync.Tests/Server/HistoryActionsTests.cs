using System.Net;
using HealthSync.Sync;
using HealthSync.Tests.HealthAutoExport;

namespace HealthSync.Tests.Server;

/// <summary>The history page's Forget and Re-send over real HTTP: the outcome goes, the line is marked, and a re-send reaches the stand-in again.</summary>
public sealed class HistoryActionsTests
{
    // Sync is on since 17:00 +02:00: the 18:00 walk is new; the walk two days before is a backfill's.
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 19, 0, 0, TimeSpan.FromHours(2));
    private static readonly string NewWalk = HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk"));
    private static readonly string OldWalk = HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", "2026-05-01 08:00:00 +0200", "2026-05-01 08:45:00 +0200"));

    [Fact]
    public async Task Should_Forget_A_Workout_From_Its_History_Line()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(NewWalk)).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        var id = UploadedId(harness);
        using var browser = await harness.SignedInBrowserAsync();
        var page = await browser.GetStringAsync("/history");
        Assert.Contains(WorkoutField(id), page, StringComparison.Ordinal);

        var answer = await browser.PostAsync("/history/forget", ServerHarness.Form(page, ("workout", id)));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        using (var state = harness.OpenState())
        {
            Assert.False(state.Workouts().ContainsKey(id));
            Assert.NotNull(Assert.Single(state.History(null, 10)).ForgottenAt);
        }

        var after = await browser.GetStringAsync(answer.Headers.Location!.OriginalString);
        Assert.Contains("Forgotten: the next sync or backfill decides this workout afresh", after, StringComparison.Ordinal);
        Assert.Contains("uploaded forgotten", after, StringComparison.Ordinal);
        Assert.Contains("forgotten Sun 3 May 2026, 19:00", after, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkoutField(id), after, StringComparison.Ordinal); // no action on a forgotten line
        Assert.Single(harness.Uploads); // forgetting alone sends nothing
    }

    [Fact]
    public async Task Should_Upload_Again_On_Resend_When_The_Activity_Was_Deleted_In_Intervals()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        await harness.PushAsync(NewWalk);
        await harness.Server.Jobs.WhenIdle();
        var id = UploadedId(harness);
        Assert.True(harness.StandIn.Activities.Delete(Assert.Single(harness.StandIn.Activities.All)["id"]!.ToString()));
        using var browser = await harness.SignedInBrowserAsync();
        var page = await browser.GetStringAsync("/history");

        var answer = await browser.PostAsync("/history/resend", ServerHarness.Form(page, ("workout", id)));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(2, harness.Uploads.Count);
        Assert.Equal(id, Assert.Single(harness.StandIn.Activities.All)["external_id"]!.ToString());
        using var state = harness.OpenState();
        Assert.Equal(OutcomeKind.Uploaded, state.Workouts()[id].Kind);
        var lines = state.History("uploaded", 10);
        Assert.Equal(2, lines.Count);
        Assert.Null(lines[0].ForgottenAt); // the new upload's line
        Assert.NotNull(lines[1].ForgottenAt);
        Assert.Contains("Forgotten and sent again", await browser.GetStringAsync(answer.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Resend_An_Older_Workout_With_A_Backfill_Run()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        await harness.PushAsync(OldWalk);
        await harness.Server.Jobs.WhenIdle();
        Assert.Empty(harness.Uploads); // ended before sync was turned on: waits for a backfill
        harness.Server.Jobs.BackfillFromInbox(null);
        await harness.Server.Jobs.WhenIdle();
        var id = UploadedId(harness);
        Assert.True(harness.StandIn.Activities.Delete(Assert.Single(harness.StandIn.Activities.All)["id"]!.ToString()));
        using var browser = await harness.SignedInBrowserAsync();
        var page = await browser.GetStringAsync("/history");

        await browser.PostAsync("/history/resend", ServerHarness.Form(page, ("workout", id)));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(2, harness.Uploads.Count);
        Assert.Equal(id, Assert.Single(harness.StandIn.Activities.All)["external_id"]!.ToString());
        Assert.Equal("Re-send", harness.Server.Jobs.Last!.Title);
    }

    [Fact]
    public async Task Should_Refuse_A_Forget_Without_The_Antiforgery_Token()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        await harness.PushAsync(NewWalk);
        await harness.Server.Jobs.WhenIdle();
        var id = UploadedId(harness);
        using var browser = await harness.SignedInBrowserAsync();

        var forged = await browser.PostAsync("/history/forget", new FormUrlEncodedContent([new("workout", id)]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var state = harness.OpenState();
        Assert.True(state.Workouts().ContainsKey(id));
    }

    private static string UploadedId(ServerHarness harness)
    {
        using var state = harness.OpenState();
        return Assert.Single(state.History("uploaded", 10)).WorkoutId;
    }

    private static string WorkoutField(string id) => $"name=\"workout\" value=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(id)}\"";
}
