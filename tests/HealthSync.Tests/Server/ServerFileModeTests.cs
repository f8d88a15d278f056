using HealthSync.Server.Work;

namespace HealthSync.Tests.Server;

/// <summary>Everything the server keeps in the state folder (database, secrets, uploads, session keys) is the user's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerFileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Walk = new(2025, 5, 20, 8, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task Every_folder_is_700_and_every_file_600_after_a_push_a_sign_in_and_an_upload()
    {
        await using var harness = await ServerHarness.StartAsync(Now, configure: o => o.PushToken = null);
        await harness.PushAsync(TestPushSource.Document(("Walking", Now.AddHours(-1), 30)), bearer: harness.Server.PushToken.Reveal());
        using var browser = await harness.SignedInBrowserAsync();
        var upload = harness.Dir.File("older.json");
        await File.WriteAllTextAsync(upload, TestPushSource.Document(("Walking", Walk, 40)));
        await ServerHarness.UploadExportAsync(browser, upload, "older.json");
        await harness.Server.Jobs.WhenIdle();

        Assert.Single(Directory.GetFiles(Uploads.Folder(harness.StateDir))); // kept for the backfill the preview offers
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(harness.StateDir, "web-keys")));
        AssertPrivate(harness.StateDir);
    }

    [Fact]
    public async Task A_state_folder_left_readable_by_an_older_release_is_narrowed_at_start()
    {
        await using var harness = await ServerHarness.StartAsync(Now);
        using (var browser = await harness.SignedInBrowserAsync())
        {
            var upload = harness.Dir.File("older.json");
            await File.WriteAllTextAsync(upload, TestPushSource.Document(("Walking", Walk, 40)));
            await ServerHarness.UploadExportAsync(browser, upload, "older.json");
            await harness.Server.Jobs.WhenIdle();
        }

        await harness.RestartAsync(() =>
        {
            foreach (var folder in Directory.GetDirectories(harness.StateDir, "*", SearchOption.AllDirectories).Append(harness.StateDir))
            {
                File.SetUnixFileMode(folder, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            foreach (var file in Directory.GetFiles(harness.StateDir, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(file, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            return Task.CompletedTask;
        });

        AssertPrivate(harness.StateDir);
    }

    private static void AssertPrivate(string state)
    {
        Assert.True(Folder == File.GetUnixFileMode(state), $"the state folder is {File.GetUnixFileMode(state)}");
        foreach (var folder in Directory.GetDirectories(state, "*", SearchOption.AllDirectories))
        {
            Assert.True(Folder == File.GetUnixFileMode(folder), $"{Path.GetRelativePath(state, folder)}/ is {File.GetUnixFileMode(folder)}");
        }

        foreach (var file in Directory.GetFiles(state, "*", SearchOption.AllDirectories))
        {
            Assert.True(Private == File.GetUnixFileMode(file), $"{Path.GetRelativePath(state, file)} is {File.GetUnixFileMode(file)}");
        }
    }
}
