using Spectre.Console;

namespace HealthSync.Cli;

/// <summary>What a command writes to and reads time from: injected so tests see exactly what a person or a script sees.</summary>
/// <param name="Console">Tables, progress bars and messages for people.</param>
/// <param name="Out">Standard output, for --json.</param>
/// <param name="Error">Standard error, for error messages.</param>
/// <param name="Time">The clock, and the machine's local time zone (<see cref="TimeProvider.LocalTimeZone"/>).</param>
/// <param name="In">Standard input (the API key piped to `healthsync login`); null reads nothing.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error, TimeProvider Time, TextReader? In = null);
