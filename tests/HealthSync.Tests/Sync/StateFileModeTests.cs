using HealthSync.Hosting;
using HealthSync.State;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Sync;

/// <summary>The state folder holds routes, heart rate and secrets: it is the user's alone (folder 700, files 600), new or from an older release.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateFileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Shared = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode SharedFolder = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public void A_new_state_folder_and_its_database_lock_and_login_are_the_users_alone()
    {
        using var dir = new TempDirectory();
        var state = dir.File("state");

        using (StateLock.TryAcquire(state, out _))
        using (SyncState.Open(state, TimeProvider.System))
        {
            // While open in WAL mode the database has its -wal and -shm beside it: SQLite gives them the database's mode.
            Assert.Equal(Folder, File.GetUnixFileMode(state));
            foreach (var name in new[] { SyncState.FileName, SyncState.FileName + "-wal", SyncState.FileName + "-shm", StateLock.FileName, StateLock.FileName + ".pid" })
            {
                Assert.True(Private == File.GetUnixFileMode(Path.Combine(state, name)), $"{name} is {File.GetUnixFileMode(Path.Combine(state, name))}");
            }
        }

        var login = dir.File("login-only");
        CredentialsFile.Write(login, new StoredCredentials("key", null, "0", null));
        Assert.Equal(Folder, File.GetUnixFileMode(login));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(login, CredentialsFile.FileName)));
    }

    [Fact]
    public void An_existing_install_readable_by_others_is_narrowed_when_opened()
    {
        using var dir = new TempDirectory();
        var state = dir.File("state");
        using (SyncState.Open(state, TimeProvider.System))
        {
        }

        // As an older release left it: 755 and 644 (the usual umask), with a lock file and a stray WAL.
        var files = new[] { SyncState.FileName, SyncState.FileName + "-wal", StateLock.FileName, StateLock.FileName + ".pid" }.Select(n => Path.Combine(state, n)).ToList();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                File.WriteAllBytes(file, []);
            }

            File.SetUnixFileMode(file, Shared);
        }

        File.SetUnixFileMode(state, SharedFolder);

        using (SyncState.Open(state, TimeProvider.System))
        {
            Assert.Equal(Folder, File.GetUnixFileMode(state));
            Assert.Equal(Private, File.GetUnixFileMode(files[0]));
            Assert.Equal(Private, File.GetUnixFileMode(files[1]));
        }

        using (StateLock.TryAcquire(state, out _))
        {
            Assert.Equal(Private, File.GetUnixFileMode(files[2]));
            Assert.Equal(Private, File.GetUnixFileMode(files[3]));
        }
    }
}
