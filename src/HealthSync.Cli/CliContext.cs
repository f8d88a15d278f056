using Spectre.Console;

namespace HealthSync.Cli;

/// <summary>What a command writes to and reads time from: injected so tests see exactly what a person or a script sees.</summary>
/// <param name="Console">Tables, progress bars and messages for people.</param>
/// <param name="Out">Standard output, for --json.</param>
/// <param name="Error">Standard error, for error messages.</param>
/// <param name="Time">The clock, and the machine's local time zone (<see cref="TimeProvider.LocalTimeZone"/>).</param>
/// <param name="In">Standard input (the API key piped to `healthsync login`); null reads nothing.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error, TimeProvider Time, TextReader? In = null)
{
    /// <summary>Reads an environment variable (null when unset). Empty unless the host passes the process's own.</summary>
    /// <remarks>
    /// Empty by default on purpose: a context built in a test can never pick up a developer's real
    /// INTERVALS_API_KEY or state folder; only Program.cs passes <see cref="System.Environment.GetEnvironmentVariable(string)"/>.
    /// </remarks>
    public Func<string, string?> Environment { get; init; } = static _ => null;
}
