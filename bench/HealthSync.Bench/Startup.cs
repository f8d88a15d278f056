using System.Diagnostics;
using HealthSync.AppleHealth;
using HealthSync.Cli;
using Spectre.Console;

namespace HealthSync.Bench;

/// <summary>`startup`: the one-off costs of a fresh process (JIT, type loading, thread start), phase by phase, then the same run warm.</summary>
internal static class Startup
{
    public static async Task<int> RunAsync(string path)
    {
        var total = Stopwatch.StartNew();
        Time("AnsiConsole.Console", () => _ = AnsiConsole.Console.Profile.Width);
        await TimeAsync("reader, cold", () => ReadAsync(path));
        await TimeAsync("reader, warm", () => ReadAsync(path));
        await TimeAsync("inspect --json, cold", () => InspectAsync(path));
        await TimeAsync("inspect --json, warm", () => InspectAsync(path));
        Console.WriteLine(FormattableString.Invariant($"{"all",-30} {total.Elapsed.TotalMilliseconds,7:0} ms"));
        return 0;
    }

    private static async Task ReadAsync(string path)
    {
        using var export = AppleHealthExport.Open(path);
        await foreach (var workout in export.ReadWorkoutsAsync())
        {
            _ = workout;
        }
    }

    private static Task<int> InspectAsync(string path) =>
        HealthSyncApp.RunAsync(["inspect", path, "--json"], new CliContext(AnsiConsole.Console, TextWriter.Null, TextWriter.Null, TimeProvider.System));

    private static void Time(string name, Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        Console.WriteLine(FormattableString.Invariant($"{name,-30} {stopwatch.Elapsed.TotalMilliseconds,7:0} ms"));
    }

    private static async Task TimeAsync(string name, Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        Console.WriteLine(FormattableString.Invariant($"{name,-30} {stopwatch.Elapsed.TotalMilliseconds,7:0} ms"));
    }
}
