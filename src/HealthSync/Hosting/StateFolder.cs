namespace HealthSync.Hosting;

/// <summary>Finds the state folder: --state-dir, else HEALTHSYNC_HOME, else $XDG_DATA_HOME/healthsync, else $HOME/.local/share/healthsync.</summary>
public static class StateFolder
{
    /// <summary>The folder to use, given the option's value and an environment lookup.</summary>
    public static string Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        if (environment("HEALTHSYNC_HOME") is { Length: > 0 } home)
        {
            return Path.GetFullPath(home);
        }

        if (environment("XDG_DATA_HOME") is { Length: > 0 } data)
        {
            return Path.Combine(Path.GetFullPath(data), "healthsync");
        }

        // The home folder from the given environment too (not Environment.GetFolderPath, which reads the process's
        // HOME behind the caller's back): a host that passes an empty environment never lands in a real user's folder.
        if ((environment("HOME") ?? environment("USERPROFILE")) is { Length: > 0 } user)
        {
            return Path.Combine(Path.GetFullPath(user), ".local", "share", "healthsync");
        }

        throw new InvalidOperationException("No state folder: none of HEALTHSYNC_HOME, XDG_DATA_HOME and HOME is set; name one.");
    }
}
