using System.Diagnostics;
using System.Globalization;

namespace HealthSync.Bench;

/// <summary>
/// `compare`: `healthsync inspect --json` against a bare XmlReader pass (bench/XmlReaderPass: DtdProcessing.Ignore,
/// every node read) over the same zip entry, both JIT-compiled and, given a folder of native builds, both native.
/// </summary>
/// <remarks>
/// Each run is a child process timed from start to exit (start-up included), under /usr/bin/time for its peak
/// memory. Runs alternate between the programs, so that a slow minute of a shared machine hits all of them.
/// </remarks>
internal static class ReaderComparison
{
    private const string PeakPrefix = "peak-bytes ";

    public static async Task<int> CompareAsync(string path, int runs, string? nativeFolder)
    {
        var contenders = new List<Contender>
        {
            new("XmlReader pass, JIT", Jit("xmlreader-pass.dll", path)),
            new("inspect --json, JIT", Jit("HealthSync.Cli.dll", "inspect", path, "--json")),
        };
        if (nativeFolder is not null)
        {
            foreach (var program in new[] { "xmlreader-pass", "HealthSync.Cli" })
            {
                if (!File.Exists(Path.Combine(nativeFolder, program)))
                {
                    await Console.Error.WriteLineAsync($"{Path.Combine(nativeFolder, program)} not found: publish it first (see the README, Performance)");
                    return 2;
                }
            }

            contenders.Add(new("XmlReader pass, native", new ProcessStartInfo(Path.Combine(nativeFolder, "xmlreader-pass"), [path])));
            contenders.Add(new("inspect --json, native", new ProcessStartInfo(Path.Combine(nativeFolder, "HealthSync.Cli"), ["inspect", path, "--json"])));
        }

        Console.WriteLine(FormattableString.Invariant($"{path}: {new FileInfo(path).Length / 1e6:0} MB zipped; {runs} run(s) each, alternating; {Environment.ProcessorCount} cores"));
        for (var run = 0; run < runs; run++)
        {
            foreach (var contender in contenders)
            {
                contender.Runs.Add(await RunChildAsync(contender.Command));
            }
        }

        Console.WriteLine(FormattableString.Invariant($"{"",-24} {"best s",8} {"median s",9} {"peak MB",8}"));
        foreach (var c in contenders)
        {
            Console.WriteLine(FormattableString.Invariant($"{c.Name,-24} {c.Best,8:0.00} {c.Median,9:0.00} {c.Runs.Max(r => r.Peak) / 1e6,8:0}"));
        }

        // Like for like: each inspect against the baseline compiled the same way.
        for (var i = 0; i + 1 < contenders.Count; i += 2)
        {
            var (baseline, inspect) = (contenders[i], contenders[i + 1]);
            Console.WriteLine(FormattableString.Invariant(
                $"ratio {inspect.Name} / {baseline.Name}: best {inspect.Best / baseline.Best:0.000}, median {inspect.Median / baseline.Median:0.000}  (target <= 0.35)"));
        }

        return 0;
    }

    private static ProcessStartInfo Jit(string assembly, params string[] args) =>
        new("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly), .. args]);

    /// <summary>Runs a child process; its peak memory is the kernel's max RSS of it, read from /usr/bin/time.</summary>
    private static async Task<(double Seconds, long Peak)> RunChildAsync(ProcessStartInfo command)
    {
        var start = new ProcessStartInfo("/usr/bin/time", ["-f", PeakPrefix + "%M", command.FileName, .. command.ArgumentList])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        await stdout;
        var peakLine = stderr.Split('\n').LastOrDefault(l => l.StartsWith(PeakPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || peakLine is null)
        {
            throw new InvalidOperationException($"{command.FileName} {string.Join(' ', command.ArgumentList)} failed (exit {process.ExitCode}): {stderr}");
        }

        return (seconds, long.Parse(peakLine[PeakPrefix.Length..], CultureInfo.InvariantCulture) * 1024);
    }

    private sealed record Contender(string Name, ProcessStartInfo Command)
    {
        public List<(double Seconds, long Peak)> Runs { get; } = [];

        public double Best => Runs.Min(r => r.Seconds);

        public double Median => Runs.Select(r => r.Seconds).Order().ElementAt(Runs.Count / 2);
    }
}
