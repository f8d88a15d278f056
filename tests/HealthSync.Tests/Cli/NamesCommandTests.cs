using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Tests.HealthAutoExport;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Cli;

/// <summary>`healthsync names`, `names map "NAME" TYPE`: the unknown names a pushed document held, mapped from the command line; and a sync of a file using the mapping.</summary>
public sealed class NamesCommandTests
{
    [Fact]
    public async Task Should_List_An_Unknown_Name_Then_Map_It_And_Mark_Its_Document_Waiting()
    {
        using var dir = new TempDirectory();
        var stateDir = dir.File("state");
        Directory.CreateDirectory(stateDir);
        long documentId;
        using (var state = SyncState.Open(stateDir, TimeProvider.System))
        {
            documentId = state.AddDocument("health-auto-export", "push 1", System.Text.Encoding.UTF8.GetBytes(HaeFixtures.Document(HaeFixtures.Workout("Marche nordique"))), DateTimeOffset.UnixEpoch).Id;
            state.MarkDocumentProcessed(documentId, "0 uploaded", DateTimeOffset.UnixEpoch);
            var (_, issues) = await HaeFixtures.ReadAsync(HaeFixtures.Document(HaeFixtures.Workout("Marche nordique")));
            ActivityNameMappings.RecordUnknown(state, documentId, issues, DateTimeOffset.UnixEpoch);
        }

        var listed = await CliRunner.RunAsync("names", "--state-dir", stateDir);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("Marche nordique · French · 1 workout(s)", listed.Console, StringComparison.Ordinal);

        var wrong = await CliRunner.RunAsync("names", "map", "Marche nordique", "Teleporting", "--state-dir", stateDir);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("\"Teleporting\" is not an activity type HealthSync knows", wrong.Error, StringComparison.Ordinal);

        var mapped = await CliRunner.RunAsync("names", "map", "marche NORDIQUE", "walking", "--state-dir", stateDir);
        Assert.Equal(0, mapped.ExitCode);
        Assert.Contains("Mapped marche NORDIQUE to Walking", mapped.Console, StringComparison.Ordinal);
        Assert.Contains("1 stored document(s) held it: the next healthsync sync (or backfill) or the server reads 1 document(s) again", mapped.Console, StringComparison.Ordinal);
        using (var state = SyncState.Open(stateDir, TimeProvider.System))
        {
            Assert.Equal(documentId, Assert.Single(state.WaitingDocuments(10)).Id);
            Assert.Empty(state.UnknownActivityNames());
        }

        var after = await CliRunner.RunAsync("names", "--state-dir", stateDir);
        Assert.Contains("No workout waits for a name", after.Console, StringComparison.Ordinal);
        Assert.Contains("marche NORDIQUE → Walking", after.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Read_A_File_With_The_Mapped_Name_When_Syncing()
    {
        using var dir = new TempDirectory();
        var stateDir = dir.File("state");
        var file = dir.File("nordic.json");
        await File.WriteAllTextAsync(file, HaeFixtures.Document(HaeFixtures.Workout("Marche nordique")));
        var before = await CliRunner.RunAsync("backfill", file, "--dry-run", "--json", "--state-dir", stateDir);
        Assert.Contains("\"uploaded\": 0", before.Out, StringComparison.Ordinal);
        Assert.Contains("Marche nordique", before.Out, StringComparison.Ordinal); // a problem naming it, never a guess

        Assert.Equal(0, (await CliRunner.RunAsync("names", "map", "Marche nordique", "Walking", "--state-dir", stateDir)).ExitCode);
        var after = await CliRunner.RunAsync("backfill", file, "--dry-run", "--json", "--state-dir", stateDir);

        Assert.Contains("\"uploaded\": 1", after.Out, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Walk\"", after.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Marche nordique", after.Out, StringComparison.Ordinal);
    }
}
