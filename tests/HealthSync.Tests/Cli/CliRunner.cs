using HealthSync.Cli;
using Spectre.Console.Testing;

namespace HealthSync.Tests.Cli;

/// <summary>Runs the `healthsync` command line in-process with captured console, stdout and stderr.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Console, string Out, string Error);

    public static async Task<Run> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(160);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HealthSyncApp.RunAsync(args, new CliContext(console, output, error, TimeProvider.System));
        return new Run(exit, console.Output, output.ToString(), error.ToString());
    }
}
