using System.Diagnostics.CodeAnalysis;

namespace HealthSync.Hosting;

/// <summary>Finds the state folder: --state-dir, else HEALTHSYNC_HOME, else $XDG_DATA_HOME/healthsync, else $HOME/.local/share/healthsync.</summary>
public static class StateFolder
{
    /// <summary>Why <see cref="TryResolve"/> can find no folder.</summary>
    public const string NoFolder = "no state folder: none of HEALTHSYNC_HOME, XDG_DATA_HOME and HOME is set";

    /// <summary>The folder to use, given the option's value and an environment lookup.</summary>
    /// <exception cref="InvalidOperationException">No option and none of the variables: see <see cref="NoFolder"/>.</exception>
    public static string Resolve(string? option, Func<string, string?> environment) =>
        TryResolve(option, environment, out var folder) ? folder : throw new InvalidOperationException(NoFolder);

    /// <summary>As <see cref="Resolve"/>; false when neither the option nor the environment names a folder.</summary>
    public static bool TryResolve(string? option, Func<string, string?> environment, [NotNullWhen(true)] out string? folder)
    {
        ArgumentNullException.ThrowIfNull(environment);
        folder = null;
        if (!string.IsNullOrWhiteSpace(option))
        {
            folder = Path.GetFullPath(option);
        }
        else if (environment("HEALTHSYNC_HOME") is { Length: > 0 } home)
        {
            folder = Path.GetFullPath(home);
        }
        else if (environment("XDG_DATA_HOME") is { Length: > 0 } data)
        {
            folder = Path.Combine(Path.GetFullPath(data), "healthsync");
        }

        // The home folder from the given environment too (not Environment.GetFolderPath, which reads the process's
        // HOME behind the caller's back): a host that passes an empty environment never lands in a real user's folder.
        else if ((environment("HOME") ?? environment("USERPROFILE")) is { Length: > 0 } user)
        {
            folder = Path.Combine(Path.GetFullPath(user), ".local", "share", "healthsync");
        }

        return folder is not null;
    }
}
