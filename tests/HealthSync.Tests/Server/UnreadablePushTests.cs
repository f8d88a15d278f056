using System.Net;
using System.Text;
using HealthSync.Tests.HealthAutoExport;

namespace HealthSync.Tests.Server;

/// <summary>
/// Nothing unreadable blocks anything (issue 17, point 3): each document that once stopped every later upload for good
/// is pushed, then a plain walk; the walk is uploaded, the bad workout is either read without its bad part or recorded
/// once as unusable with its reason, and nothing waits.
/// </summary>
public sealed class UnreadablePushTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, bool> Cases => new()
    {
        // name, extra JSON members of the bad workout, whether the workout is still uploaded (without the bad part)
        { "invalid UTF-8 in a source", ", \"heartRateData\": [{\"date\": \"" + TestPushSource.Date(Now.AddMinutes(-109)) + "\", \"Avg\": 101, \"source\": \"Apple\u00FF Watch\"}]", true },
        { "a heart-rate date in year 1", ", \"heartRateData\": [{\"date\": \"0001-01-01 00:00:00 +0100\", \"Avg\": 101}]", true },
        { "a route time in year 9999", ", \"route\": [{\"latitude\": 48.1, \"longitude\": 2.3, \"timestamp\": \"9999-12-31 23:59:59 -0100\"}]", true },
        { "a duration of 1e300 s", ", \"duration\": 1e300", false },
        { "a distance of 1e308 km", ", \"distance\": {\"qty\": 1e308, \"units\": \"km\"}", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Should_upload_the_next_push_after_a_document_with(string what, string extra, bool uploaded)
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var bad = HaeFixtures.Document(HaeFixtures.Workout("Yoga", TestPushSource.Date(Now.AddMinutes(-110)), TestPushSource.Date(Now.AddMinutes(-70)), extra));
        var bytes = Encoding.UTF8.GetBytes(bad);
        if (what.Contains("UTF-8", StringComparison.Ordinal))
        {
            // "ÿ" (C3 BF) becomes a lone continuation byte: not UTF-8.
            var at = bytes.AsSpan().IndexOf("\u00FF"u8);
            bytes[at] = 0xBF;
            bytes[at + 1] = 0xBF;
        }

        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(bytes)).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)))).StatusCode);
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(uploaded ? 2 : 1, harness.Uploads.Count);
        using (var state = harness.OpenState())
        {
            Assert.Equal(0, state.WaitingDocumentCount());
            var failed = state.History("failed", 10);
            if (!uploaded)
            {
                var line = Assert.Single(failed);
                Assert.Contains(what.Contains("duration", StringComparison.Ordinal) ? "over 30 days" : "not a distance", line.Reason, StringComparison.Ordinal);
            }
        }

        // A restart brings no block back and records nothing twice.
        await harness.RestartAsync();
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddMinutes(-25), 10)))).StatusCode);
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(uploaded ? 3 : 2, harness.Uploads.Count);
        using var after = harness.OpenState();
        Assert.Equal(uploaded ? 0 : 1, after.HistoryCount("failed"));
    }

    [Fact]
    public async Task Should_answer_a_push_whose_offset_is_past_14_hours_and_read_the_rest()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var document = HaeFixtures.Document(
            HaeFixtures.Workout("Yoga", "2025-06-02 16:00:00 +1800", "2025-06-02 16:30:00 +1800"),
            HaeFixtures.Workout("Outdoor Walk", TestPushSource.Date(Now.AddHours(-1)), TestPushSource.Date(Now.AddMinutes(-30))));

        var answer = await harness.PushAsync(document);
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Single(harness.Uploads);
    }

    [Fact]
    public async Task Should_record_a_workout_before_1990_once_as_unusable_and_go_on()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var old = HaeFixtures.Document(HaeFixtures.Workout("Yoga", "1989-06-01 10:00:00 +0000", "1989-06-01 10:30:00 +0000"));

        await harness.PushAsync(old);
        await harness.Server.Jobs.WhenIdle();
        await harness.PushAsync(old.Replace("}]}}", ", \"unused\": 1}]}}", StringComparison.Ordinal)); // the app resends, as new bytes
        await harness.Server.Jobs.WhenIdle();

        using var state = harness.OpenState();
        var line = Assert.Single(state.History("failed", 10));
        Assert.Contains("before 1990", line.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Uploads);
        var browser = await harness.SignedInBrowserAsync();
        Assert.Contains("1 workout could not be sent", await browser.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_leave_out_an_inbox_row_no_workout_can_be_and_send_the_others()
    {
        await using var harness = await ServerHarness.StartAsync(Now);

        // As an older release let it in: a row whose workout started in 1900.
        await harness.RestartAsync(() =>
        {
            using var state = harness.OpenState();
            var absurd = new HealthSync.Workouts.Workout
            {
                Id = "ah-absurd", ActivityType = "Yoga", Start = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero),
                End = new DateTimeOffset(1900, 1, 1, 1, 0, 0, TimeSpan.Zero), Duration = TimeSpan.FromHours(1), Source = "Apple Watch",
            };
            state.PutInbox([absurd], "health-auto-export", "push", Now);
            return Task.CompletedTask;
        });
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)));
        await harness.Server.Jobs.WhenIdle();

        Assert.Single(harness.Uploads);
        using (var after = harness.OpenState())
        {
            Assert.Contains("before 1990", Assert.Single(after.History("failed", 10)).Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(after.InboxSummaries(), s => s.Id == "ah-absurd");
        }

        // Forget (the History page's button) removes it for good: no later run brings it back.
        var browser = await harness.SignedInBrowserAsync();
        var history = await browser.GetStringAsync("/history?status=failed");
        Assert.Contains("1 workout could not be sent", await browser.GetStringAsync("/"), StringComparison.Ordinal);
        await browser.PostAsync("/history/forget", ServerHarness.Form(history, ("workout", "ah-absurd")));
        var status = await browser.GetStringAsync("/");
        Assert.DoesNotContain("could not be sent", status, StringComparison.Ordinal);
        await browser.PostAsync("/sync-now", ServerHarness.Form(status));
        await harness.Server.Jobs.WhenIdle();
        using var later = harness.OpenState();
        Assert.False(later.Workouts().ContainsKey("ah-absurd"));
        var line = Assert.Single(later.History(null, 10), h => h.WorkoutId == "ah-absurd"); // not recorded again
        Assert.NotNull(line.ForgottenAt);
    }

}
