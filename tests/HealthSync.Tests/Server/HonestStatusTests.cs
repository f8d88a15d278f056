using System.Globalization;
using HealthSync.Tests.HealthAutoExport;

namespace HealthSync.Tests.Server;

/// <summary>Honest status (issue 17, point 9): what the pages say is what happened.</summary>
public sealed class HonestStatusTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_later_richer_copy_of_an_uploaded_workout_is_said_in_history_with_how_to_get_it_in()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var (start, end) = (TestPushSource.Date(Now.AddHours(-1)), TestPushSource.Date(Now.AddMinutes(-30)));
        await harness.PushAsync(HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", start, end, ", \"location\": \"Outdoor\"")));
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);

        // The phone sends the same walk again, now with its route (the watch synced it late).
        var route = string.Join(", ", Enumerable.Range(0, 5).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{{\"latitude\": 48.85{i}, \"longitude\": 2.35{i}, \"timestamp\": \"{TestPushSource.Date(Now.AddHours(-1).AddMinutes(i))}\"}}")));
        await harness.PushAsync(HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", start, end, $", \"location\": \"Outdoor\", \"route\": [{route}]")));
        await harness.Server.Jobs.WhenIdle();

        Assert.Single(harness.Uploads); // never a second copy in Intervals.icu
        var browser = await harness.SignedInBrowserAsync();
        var history = await browser.GetStringAsync("/history");
        Assert.Contains("a later copy adds a GPS route (5 points)", history, StringComparison.Ordinal);
        Assert.Contains("then Re-send this workout (edits made there are lost)", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_poorer_copy_read_again_never_replaces_the_richer_row_nor_claims_a_richer_copy()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var (start, end) = (TestPushSource.Date(Now.AddHours(-1)), TestPushSource.Date(Now.AddMinutes(-30)));
        var route = string.Join(", ", Enumerable.Range(0, 5).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{{\"latitude\": 48.85{i}, \"longitude\": 2.35{i}, \"timestamp\": \"{TestPushSource.Date(Now.AddHours(-1).AddMinutes(i))}\"}}")));
        await harness.PushAsync(HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", start, end, $", \"location\": \"Outdoor\", \"route\": [{route}]")));
        await harness.Server.Jobs.WhenIdle();

        // The app resends it without the route (a shorter export setting), then with it again.
        await harness.PushAsync(HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", start, end, ", \"location\": \"Outdoor\"")));
        await harness.Server.Jobs.WhenIdle();
        await harness.PushAsync(HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", start, end, $", \"location\": \"Outdoor\", \"route\": [{route}], \"unused\": 1")));
        await harness.Server.Jobs.WhenIdle();

        using var state = harness.OpenState();
        Assert.Equal(5, state.InboxSummaries().Single().RoutePoints);
        Assert.DoesNotContain(state.History(null, 10), h => h.Reason?.Contains("later copy", StringComparison.Ordinal) == true);
        Assert.Single(harness.Uploads);
    }

}
