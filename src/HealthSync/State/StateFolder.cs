namespace HealthSync.State;

/// <summary>Finds the state folder: --state-dir, else HEALTHSYNC_HOME, else $XDG_DATA_HOME/healthsync, else ~/.local/share/healthsync.</summary>
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

        var user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(user, ".local", "share", "healthsync");
    }
}
