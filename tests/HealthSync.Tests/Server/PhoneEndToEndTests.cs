using System.Net;
using HealthSync.Sync;
using HealthSync.Tests.Fit;
using HealthSync.Tests.HealthAutoExport;
using HealthSync.Tests.Support;
using HealthSync.Tests.Sync;
using HealthSync.Workouts;

namespace HealthSync.Tests.Server;

/// <summary>A phone-shaped run (issue 11): Health Auto Export pushes in English, French and v1, then the same again, then the same workouts in an export.zip.</summary>
public sealed class PhoneEndToEndTests
{
    // Sync is on since two hours before now (06:30 +02:00): the pushed workouts all end after it.
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 8, 30, 0, TimeSpan.FromHours(2));

    private static readonly string FrenchStrength = HaeFixtures.Document(HaeFixtures.Workout(
        "Renforcement musculaire traditionnel",
        "2026-05-03 06:35:00 +0200",
        "2026-05-03 07:05:00 +0200",
        ", \"activeEnergyBurned\": {\"qty\": 180, \"units\": \"kcal\"}, \"heartRate\": {\"avg\": {\"qty\": 118, \"units\": \"bpm\"}, \"max\": {\"qty\": 151, \"units\": \"bpm\"}}"));

    // The v1 run of the reader's tests, moved to this morning (v1 carries no id: its identity is type, start and end).
    private static readonly string V1Run = HaeFixtures.V1Run.Replace("2024-02-06", "2026-05-03", StringComparison.Ordinal).Replace("-0800", "+0000", StringComparison.Ordinal);

    [Fact]
    public async Task Should_Upload_Each_Pushed_Workout_Once_With_Its_Data_Whatever_Arrives_Again()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using (var state = harness.OpenState())
        {
            SyncSettings.SetSport(state, SportCategory.Running, on: true); // Apple Watch is this athlete's only running source
        }

        foreach (var document in new[] { HaeFixtures.V2EnglishWalk, FrenchStrength, V1Run })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await harness.PushAsync(document)).StatusCode);
        }

        await harness.Server.Jobs.WhenIdle();
        var activities = harness.StandIn.Activities.All;
        Assert.Equal(3, activities.Count);
        var walk = activities.Single(a => a["type"]!.ToString() == "Walk");
        Assert.Equal("2026-05-03T05:12:04Z", walk["start_date"]!.ToString());
        Assert.InRange(double.Parse(walk["distance"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture), 3911, 3913);
        Assert.InRange(double.Parse(walk["moving_time"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture), 2795, 2797);
        Assert.Contains(activities, a => a["type"]!.ToString() == "WeightTraining" && a["start_date"]!.ToString() == "2026-05-03T04:35:00Z");
        Assert.Contains(activities, a => a["type"]!.ToString() == "Run" && a["start_date"]!.ToString() == "2026-05-03T07:00:00Z");

        // The walk's file carries its route and its heart rate (never the recovery series after the end).
        var walkFile = harness.Uploads.Single(u => u.Query["external_id"].Single() == walk["external_id"]!.ToString()).File!;
        var path = harness.Dir.File("walk.fit");
        await File.WriteAllBytesAsync(path, walkFile);
        var decoded = FitDecoder.Decode([path])[path];
        var records = decoded.Messages("recordMesgs");
        Assert.Equal(2, records.Count(r => r.TryGetProperty("positionLat", out _)));
        Assert.All(records.Where(r => r.TryGetProperty("heartRate", out _)), r => Assert.True(DecodedFit.Number(r, "heartRate") < 140));

        // The app resends: the same documents again add nothing.
        foreach (var document in new[] { HaeFixtures.V2EnglishWalk, FrenchStrength, V1Run })
        {
            await harness.PushAsync(document);
        }

        await harness.Server.Jobs.WhenIdle();
        Assert.Equal(3, harness.Uploads.Count);

        // And the Health app's export of the same morning, backfilled from the browser, adds nothing either.
        var export = new ExportBuilder()
            .Add(SyncHarness.Workout("Walking", new DateTimeOffset(2026, 5, 3, 7, 12, 4, TimeSpan.FromHours(2)), 0, source: "Anna's Apple Watch").Replace("endDate=\"2026-05-03 07:12:04 +0200\"", "endDate=\"2026-05-03 07:58:40 +0200\"", StringComparison.Ordinal))
            .WriteZip(harness.Dir.File("export.zip"));
        await BackfillFromBrowserAsync(harness, export);
        Assert.Equal(3, harness.Uploads.Count);
        using var after = harness.OpenState();
        Assert.Equal(3, after.History("uploaded", 10).Count);
    }

    private static async Task BackfillFromBrowserAsync(ServerHarness harness, string zip)
    {
        using var browser = await harness.SignedInBrowserAsync();
        var uploaded = await ServerHarness.UploadExportAsync(browser, zip);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = await browser.GetStringAsync(uploaded.Headers.Location!.OriginalString);
        var stored = Assert.Single(Directory.GetFiles(HealthSync.Server.Work.Uploads.Folder(harness.StateDir)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/backfill/start", ServerHarness.Form(preview, ("file", Path.GetFileName(stored))))).StatusCode);
        await harness.Server.Jobs.WhenIdle();
    }
}
