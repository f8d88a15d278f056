using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Tests.HealthAutoExport;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Sync;

/// <summary>Unknown workout names (issue 11, item 1) in a Health Auto Export file given to `sync`: kept, listed, mapped, then uploaded once.</summary>
public sealed class SyncFileNamesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly string Afghan = HaeFixtures.Document(
        HaeFixtures.Workout("Marche afghane"),
        HaeFixtures.Workout("Outdoor Walk", "2026-05-03 20:00:00 +0200", "2026-05-03 20:45:00 +0200"));

    [Fact]
    public async Task Should_Keep_An_Unknown_Name_From_A_File_And_Upload_It_Once_After_It_Is_Mapped()
    {
        await using var h = await SyncHarness.StartAsync(Now);
        var file = h.Dir.File("afghan.json");
        await File.WriteAllTextAsync(file, Afghan);

        var first = SyncHarness.Json(await h.RunAsync("sync", file, "--json"));
        Assert.Equal(1, first.GetProperty("uploaded").GetInt32()); // the known walk goes; the unknown name is never guessed
        Assert.Contains("Marche afghane", first.GetProperty("problems").ToString(), StringComparison.Ordinal);
        Assert.Single(h.Uploads);

        var listed = await h.RunAsync("names");
        Assert.Contains("Marche afghane · French · 1 workout(s)", listed.Console, StringComparison.Ordinal);

        // The same file given again is the same stored document: still one name, one workout, nothing more uploaded.
        await h.RunAsync("sync", file, "--json");
        Assert.Contains("Marche afghane · French · 1 workout(s)", (await h.RunAsync("names")).Console, StringComparison.Ordinal);
        Assert.Single(h.Uploads);
        using (var state = SyncState.Open(h.StateDir, h.Time))
        {
            Assert.Equal(1, Assert.Single(state.UnknownActivityNames()).Documents);
            Assert.Empty(state.WaitingDocuments(10));
        }

        var mapped = await h.RunAsync("names", "map", "Marche afghane", "Walking");
        Assert.Equal(0, mapped.ExitCode);
        Assert.Contains("the next healthsync sync (or backfill) or the server reads 1 document(s) again", mapped.Console, StringComparison.Ordinal);

        var next = SyncHarness.Json(await h.RunAsync("sync", "--json")); // no file: the stored document is read again
        Assert.Equal(1, next.GetProperty("uploaded").GetInt32());
        Assert.Equal(2, h.Uploads.Count);
        var walks = h.Server.Activities.All.Where(a => a["start_date"]!.ToString() == "2026-05-03T16:00:00Z").ToList();
        Assert.Equal("Walk", Assert.Single(walks)["type"]!.ToString());
        Assert.Contains("No workout waits for a name", (await h.RunAsync("names")).Console, StringComparison.Ordinal);

        var again = SyncHarness.Json(await h.RunAsync("sync", "--json"));
        Assert.Equal(0, again.GetProperty("uploaded").GetInt32());
        Assert.Equal(2, h.Uploads.Count);
    }

    [Fact]
    public async Task Should_Leave_A_Document_Waiting_When_Its_Read_Is_Cut_And_Read_It_Next_Time()
    {
        using var dir = new Support.TempDirectory();
        var time = new FakeTimeProvider(Now);
        var run = new SyncRun { StateDirectory = dir.File("state"), Mode = SyncMode.New, MachineZone = TimeZoneInfo.Utc };
        using (var state = SyncState.Open(run.StateDirectory, time))
        {
            state.AddDocument(StoredDocuments.HealthAutoExportKind, "afghan.json", System.Text.Encoding.UTF8.GetBytes(Afghan), Now);
        }

        var documents = new StoredDocuments(time);
        using (var stop = new CancellationTokenSource())
        {
            // Cut as the read starts (Ctrl-C, a server's shutdown timeout): the real reader, with the token already fired.
            var cut = await documents.ReadWaitingAsync(
                run,
                (body, name, options) =>
                {
                    stop.Cancel();
                    return StoredDocuments.HealthAutoExportParser(body, name, options);
                },
                stop.Token);
            Assert.Equal(new DocumentsRead(0, 0, 0, true), cut);
            using var state = SyncState.Open(run.StateDirectory, time);
            Assert.Single(state.WaitingDocuments(10));
        }

        var read = await documents.ReadWaitingAsync(run, StoredDocuments.HealthAutoExportParser, CancellationToken.None);

        Assert.Equal(new DocumentsRead(1, 1, 1, false), read);
        using var after = SyncState.Open(run.StateDirectory, time);
        Assert.Empty(after.WaitingDocuments(10));
        Assert.Equal("Marche afghane", Assert.Single(after.UnknownActivityNames()).Name);
    }
}
