using System.Globalization;

namespace HealthSync.State;

/// <summary>Who holds a state folder's <see cref="StateLock"/>: its process id (0 when unknown) and, for the HealthSync server, where it listens.</summary>
/// <param name="Pid">The holder's process id; 0 when its pid file could not be read.</param>
/// <param name="Server">The server's root URL when the holder is the HealthSync server; null for a command-line run (or an unknown holder).</param>
public sealed record StateLockHolder(int Pid, Uri? Server)
{
    /// <summary>The holder, as a message starts: "the HealthSync server (pid N) holds the state folder DIR" or "another sync is running on DIR (pid N)".</summary>
    /// <param name="directory">The state folder.</param>
    public string Describe(string directory) => Server is null
        ? string.Create(CultureInfo.InvariantCulture, $"another sync is running on {directory} (pid {Pid})")
        : string.Create(CultureInfo.InvariantCulture, $"the HealthSync server (pid {Pid}) holds the state folder {directory}");

    /// <summary>The pid file's text: the pid, then the server's URL when there is one.</summary>
    internal string Format() => Server is null
        ? Pid.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Pid} {Server}");

    /// <summary>Reads <see cref="Format"/>'s text (an older release wrote the pid alone); pid 0 when it is not one.</summary>
    internal static StateLockHolder Parse(string? text)
    {
        var parts = (text ?? string.Empty).Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var pid = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var read) ? read : 0;
        var server = parts.Length > 1 && Uri.TryCreate(parts[1], UriKind.Absolute, out var url) ? url : null;
        return new StateLockHolder(pid, server);
    }
}
