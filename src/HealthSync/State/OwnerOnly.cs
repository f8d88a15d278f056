namespace HealthSync.State;

/// <summary>
/// The state folder is the user's alone: folders 700, files 600. It holds routes (where someone lives and runs), heart
/// rate, and the secrets; the usual umask would leave them readable by every account on the machine.
/// </summary>
/// <remarks>
/// Created with the mode where .NET can (no moment at which another user could open them), and narrowed when found wider
/// (an install by an older release). Nothing on Windows, where a user's profile folder is already private.
/// </remarks>
public static class OwnerOnly
{
    /// <summary>rwx for the user, nothing for the group or others.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the user, nothing for the group or others.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> with mode 700 when missing (its parents as usual), else narrows it to 700.</summary>
    public static void Folder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (Directory.Exists(path))
        {
            Narrow(path);
            return;
        }

        // Only the folder itself is made private: a parent created here ($XDG_DATA_HOME) is the user's to decide.
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } parent)
        {
            Directory.CreateDirectory(parent);
        }

        Directory.CreateDirectory(path, FolderMode);
        Narrow(path); // created by another process meanwhile, with its own mode
    }

    /// <summary>
    /// Narrows a file or folder that exists to its owner's bits only (644 becomes 600, 755 becomes 700); nothing when it
    /// is missing or already private.
    /// </summary>
    /// <remarks>
    /// Best effort: a file this user does not own (a volume mounted with another owner) cannot be narrowed, and must not
    /// stop HealthSync from starting; what it creates itself is private either way.
    /// </remarks>
    public static void Narrow(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & Others) != 0)
            {
                File.SetUnixFileMode(path, mode & ~Others);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // Missing, or not ours to change: see the remarks.
        }
    }

    /// <summary>Narrows every file and folder in <paramref name="folder"/> and below (uploads, session keys); nothing when it is missing.</summary>
    public static void NarrowAll(string folder)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return;
        }

        Narrow(folder);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            Narrow(entry);
        }
    }

    /// <summary>
    /// Options that create a file with mode 600 (on Unix), for a <paramref name="mode"/> that may create one (CreateNew,
    /// Create, OpenOrCreate); an existing file keeps its mode (see <see cref="Narrow"/>).
    /// </summary>
    public static FileStreamOptions Create(System.IO.FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
