using HealthSync.Hosting;
using HealthSync.Server.Work;
using HealthSync.State;

namespace HealthSync.Server.Secrets;

/// <summary>The server's files in the state folder, the user's alone: narrowed at each start, as an older release left them 644 in a 755 folder.</summary>
/// <remarks>Only the names HealthSync writes: the state folder may be one the user chose, with files of theirs beside.</remarks>
internal static class PrivateState
{
    /// <summary>The folder of the session cookies' keys (ASP.NET Core data protection).</summary>
    public const string WebKeysFolder = "web-keys";

    public static void Narrow(string stateDirectory)
    {
        OwnerOnly.Folder(stateDirectory);
        foreach (var name in new[] { SyncState.FileName, SyncState.FileName + "-wal", SyncState.FileName + "-shm", CredentialsFile.FileName, PushToken.FileName, WebPassword.FileName })
        {
            OwnerOnly.Narrow(Path.Combine(stateDirectory, name));
        }

        // Made here, private, before data protection would make it with the usual mode.
        OwnerOnly.Folder(Path.Combine(stateDirectory, WebKeysFolder));
        OwnerOnly.NarrowAll(Path.Combine(stateDirectory, WebKeysFolder));
        OwnerOnly.NarrowAll(Uploads.Folder(stateDirectory));
    }
}
