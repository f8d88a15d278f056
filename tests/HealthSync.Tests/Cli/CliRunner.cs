using HealthSync.Cli;
using Spectre.Console.Testing;

namespace HealthSync.Tests.Cli;

/// <summary>Runs the `healthsync` command line in-process with captured console, stdout and stderr.</summary>
/// <remarks>The environment is empty unless given: the machine's INTERVALS_API_KEY or HEALTHSYNC_HOME never reach a test.</remarks>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Console, string Out, string Error);

    public static Task<Run> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), null, args);

    /// <summary>As <see cref="RunAsync(string[])"/>, with these variables as the whole environment and <paramref name="input"/> as stdin.</summary>
    public static async Task<Run> RunAsync(IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        var console = new TestConsole().Width(160);
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = input is null ? null : new StringReader(input);
        var context = new CliContext(console, output, error, TimeProvider.System, stdin) { Environment = Lookup(environment) };
        var exit = await HealthSyncApp.RunAsync(args, context);
        return new Run(exit, console.Output, output.ToString(), error.ToString());
    }

    /// <summary>An environment holding only these variables.</summary>
    public static Func<string, string?> Lookup(IReadOnlyDictionary<string, string> environment) =>
        name => environment.TryGetValue(name, out var value) ? value : null;
}
