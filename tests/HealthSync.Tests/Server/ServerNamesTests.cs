using System.Net;
using HealthSync.Tests.HealthAutoExport;

namespace HealthSync.Tests.Server;

/// <summary>Unknown workout names (issue 11, item 1) in the server: kept, listed with their language, mapped in the web app, then uploaded.</summary>
public sealed class ServerNamesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 19, 0, 0, TimeSpan.FromHours(2));
    private static readonly string NordicWalk = HaeFixtures.Document(HaeFixtures.Workout("Marche nordique"));

    [Fact]
    public async Task Should_Keep_An_Unknown_Name_Until_It_Is_Mapped_Then_Upload_It()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var pushed = await harness.PushAsync(NordicWalk);
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        Assert.Contains("Marche nordique", await pushed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await harness.Server.Jobs.WhenIdle();
        Assert.Empty(harness.Uploads); // never guessed into Other

        using var browser = await harness.SignedInBrowserAsync();
        var status = await browser.GetStringAsync("/");
        Assert.Contains("1 pushed workout has a name HealthSync does not know: \u201cMarche nordique\u201d (French)", System.Net.WebUtility.HtmlDecode(status), StringComparison.Ordinal);
        var names = await browser.GetStringAsync("/names");
        Assert.Contains("<td>Marche nordique</td><td>French</td><td>1</td>", names, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Walking\">Walk (Walking)</option>", names, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Hiking\">Hike (Hiking)</option>", names, StringComparison.Ordinal);

        var mapped = await browser.PostAsync("/names/map", ServerHarness.Form(names, ("name", "Marche nordique"), ("type", "Walking")));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);
        var activity = Assert.Single(harness.StandIn.Activities.All);
        Assert.Equal("Walk", activity["type"]!.ToString());
        Assert.Equal("2026-05-03T16:00:00Z", activity["start_date"]!.ToString());
        var after = await browser.GetStringAsync(mapped.Headers.Location!.OriginalString);
        Assert.Contains("the pushed document that held it is being read again", System.Net.WebUtility.HtmlDecode(after), StringComparison.Ordinal);
        Assert.Contains("No workout is waiting", after, StringComparison.Ordinal);
        Assert.Contains("<td>Marche nordique</td><td>Walk</td>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("does not know", await browser.GetStringAsync("/"), StringComparison.Ordinal);

        // The same document pushed again adds nothing.
        await harness.PushAsync(NordicWalk);
        await harness.Server.Jobs.WhenIdle();
        Assert.Single(harness.Uploads);
    }

    [Fact]
    public async Task Should_List_The_Unknown_Names_Of_A_File_Backfilled_From_The_Browser()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        var json = harness.Dir.File("older.json");
        await File.WriteAllTextAsync(json, HaeFixtures.Document(
            HaeFixtures.Workout("Marche afghane", "2026-04-20 08:00:00 +0200", "2026-04-20 09:00:00 +0200"),
            HaeFixtures.Workout("Outdoor Walk", "2026-04-21 08:00:00 +0200", "2026-04-21 08:40:00 +0200")));
        using var browser = await harness.SignedInBrowserAsync();
        var uploaded = await ServerHarness.UploadExportAsync(browser, json, "older.json");
        await harness.Server.Jobs.WhenIdle();
        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);

        await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", Path.GetFileName(Assert.Single(Directory.GetFiles(HealthSync.Server.Work.Uploads.Folder(harness.StateDir)))))));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal("Walk", Assert.Single(harness.StandIn.Activities.All)["type"]!.ToString()); // the walk; the unknown name never as Other
        var names = await browser.GetStringAsync("/names");
        Assert.Contains("<td>Marche afghane</td><td>French</td><td>1</td>", names, StringComparison.Ordinal);
        using (var state = harness.OpenState())
        {
            Assert.Contains(state.UnknownActivityNames(), n => n.Name == "Marche afghane");
        }

        // Mapped: the kept document is read again and, being a backfill's (history), backfilled: uploaded once.
        await browser.PostAsync("/names/map", ServerHarness.Form(names, ("name", "Marche afghane"), ("type", "Walking")));
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(2, harness.StandIn.Activities.All.Count);
        Assert.Contains(harness.StandIn.Activities.All, a => a["start_date"]!.ToString() == "2026-04-20T06:00:00Z");
        await browser.PostAsync("/sync-now", ServerHarness.Form(await browser.GetStringAsync("/")));
        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(2, harness.StandIn.Activities.All.Count);
    }

    [Fact]
    public async Task Should_Sync_Waiting_Pushes_After_A_Browser_Backfill_Read_Them()
    {
        // The worker held in the upload's preview (its reader behind a gate) while the backfill and a push queue behind it.
        using var gate = new ManualResetEventSlim();
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.Parser = (stream, name, options) =>
        {
            if (name == "older.json")
            {
                Assert.True(gate.Wait(TimeSpan.FromMinutes(1)), "the test never opened the gate");
            }

            return TestPushSource.Parse(stream, name, options);
        });
        try
        {
            var json = harness.Dir.File("older.json");
            await File.WriteAllTextAsync(json, HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", "2026-04-21 08:00:00 +0200", "2026-04-21 08:40:00 +0200")));
            using var browser = await harness.SignedInBrowserAsync();
            var uploaded = await ServerHarness.UploadExportAsync(browser, json, "older.json");
            var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString); // in progress, with Start
            var file = Path.GetFileName(Assert.Single(Directory.GetFiles(HealthSync.Server.Work.Uploads.Folder(harness.StateDir))));
            await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", file)));
            var pushed = await harness.PushAsync(HaeFixtures.Document(HaeFixtures.Workout("Outdoor Walk", "2026-05-03 18:00:00 +0200", "2026-05-03 18:30:00 +0200")));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, pushed.StatusCode);
        }
        finally
        {
            gate.Set();
        }

        // The backfill's run reads the waiting push first (as a backfill it does not send it); the push's own job then
        // finds nothing to read, and the sync queued after the backfill sends it.
        await harness.Server.Jobs.WhenIdle();

        Assert.Equal(2, harness.StandIn.Activities.All.Count); // the older walk (backfill) and the pushed walk (sync)
    }

    [Fact]
    public async Task Should_Refuse_A_Type_The_Sport_Table_Does_Not_Know()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using var browser = await harness.SignedInBrowserAsync();
        var names = await browser.GetStringAsync("/names");

        var answer = await browser.PostAsync("/names/map", ServerHarness.Form(names, ("name", "Marche nordique"), ("type", "Teleporting")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("is not an activity type HealthSync knows", System.Net.WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var state = harness.OpenState();
        Assert.Empty(state.UserActivityNames());
    }
}
