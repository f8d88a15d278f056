using HealthSync.State;

namespace HealthSync.Server.Secrets;

/// <summary>Small secret files in the state folder, created with mode 600 and replaced atomically.</summary>
internal static class SecretFile
{
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        OwnerOnly.Folder(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

        // Created with the mode, so there is no moment at which another user could read it.
        using (var stream = new FileStream(temporary, OwnerOnly.Create(FileMode.CreateNew, FileAccess.Write)))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
