namespace HealthSync.Cli.Commands;

/// <summary>A value a command cannot use (from an option, the environment or the stored login), said in the user's words.</summary>
/// <remarks>An <see cref="ArgumentException"/>, so the commands' existing "error: ..." handling (exit 2) shows it as is.</remarks>
internal sealed class OptionException(string message) : ArgumentException(message);
