using System.Diagnostics;
using System.Globalization;
using System.Xml;
using HealthSync.AppleHealth;

namespace HealthSync.Bench;

/// <summary>`compare`: `inspect --json` against a bare XmlReader pass (DtdProcessing.Ignore, every node read) over the same zip entry.</summary>
/// <remarks>Each run is a child process timed from start to exit (start-up included for both), under /usr/bin/time for its peak memory.</remarks>
internal static class ReaderComparison
{
    private const string PeakPrefix = "peak-bytes ";

    public static async Task<int> CompareAsync(string path, int runs)
    {
        Console.WriteLine(FormattableString.Invariant($"{path}: {new FileInfo(path).Length / 1e6:0} MB zipped; {runs} run(s) each, alternating; {Environment.ProcessorCount} cores"));
        var inspect = new List<(double Seconds, long Peak)>();
        var xmlReader = new List<(double Seconds, long Peak)>();
        for (var run = 0; run < runs; run++)
        {
            xmlReader.Add(await RunChildAsync(XmlReaderChildCommand(path)));
            inspect.Add(await RunChildAsync(InspectCommand(path)));
        }

        var inspectBest = inspect.Min(r => r.Seconds);
        var xmlBest = xmlReader.Min(r => r.Seconds);
        Console.WriteLine(FormattableString.Invariant($"{"",-26} {"best s",8} {"median s",9} {"peak MB",8}"));
        Console.WriteLine(FormattableString.Invariant($"{"XmlReader pass (baseline)",-26} {xmlBest,8:0.00} {Median(xmlReader),9:0.00} {xmlReader.Max(r => r.Peak) / 1e6,8:0}"));
        Console.WriteLine(FormattableString.Invariant($"{"healthsync inspect --json",-26} {inspectBest,8:0.00} {Median(inspect),9:0.00} {inspect.Max(r => r.Peak) / 1e6,8:0}"));
        Console.WriteLine(FormattableString.Invariant($"ratio inspect / XmlReader (best): {inspectBest / xmlBest:0.000}  (target <= 0.35)"));
        return 0;
    }

    private static double Median(List<(double Seconds, long Peak)> runs)
    {
        var sorted = runs.Select(r => r.Seconds).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The real command as a person runs it: the healthsync CLI, with its own runtime settings.</summary>
    private static ProcessStartInfo InspectCommand(string path)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "HealthSync.Cli.dll");
        return new ProcessStartInfo("dotnet", [cli, "inspect", path, "--json"]);
    }

    private static ProcessStartInfo XmlReaderChildCommand(string path) =>
        new("dotnet", [typeof(ReaderComparison).Assembly.Location, "xmlreader-child", path]);

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
            throw new InvalidOperationException($"{string.Join(' ', command.ArgumentList)} failed (exit {process.ExitCode}): {stderr}");
        }

        return (seconds, long.Parse(peakLine[PeakPrefix.Length..], CultureInfo.InvariantCulture) * 1024);
    }

    /// <summary>The baseline: every node of the same zip entry through XmlReader, the DTD skipped.</summary>
    public static int XmlReaderChild(string path)
    {
        using var source = ExportSource.Open(path);
        using var stream = source.OpenDocument();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        long nodes = 0, attributes = 0;
        while (reader.Read())
        {
            nodes++;
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    attributes += reader.Value.Length > 0 ? 1 : 0;
                }
                while (reader.MoveToNextAttribute());
            }
        }

        Console.WriteLine(FormattableString.Invariant($"{nodes} nodes, {attributes} attributes"));
        return 0;
    }
}
