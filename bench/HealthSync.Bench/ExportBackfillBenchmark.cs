using System.Diagnostics;
using System.Globalization;
using IntervalsStandIn;

namespace HealthSync.Bench;

/// <summary>
/// `backfill-export`: a whole backfill of a large export into the stand-in at the service's limits, the tool run as a
/// child process (native and/or JIT) under /usr/bin/time for its peak RSS; then a backfill stopped half way (SIGINT)
/// and resumed WITHOUT the export, timing the resumed run's first upload.
/// </summary>
internal static class ExportBackfillBenchmark
{
    private const string Key = "bench-key";
    private const string PeakPrefix = "peak-kb:";

    public static async Task<int> RunAsync(string export, string? nativeFolder)
    {
        var tools = new List<(string Name, string File, string[] Prefix)>();
        if (nativeFolder is not null)
        {
            tools.Add(("native", Path.Combine(Path.GetFullPath(nativeFolder), "HealthSync.Cli"), []));
        }

        tools.Add(("JIT", "dotnet", [Path.Combine(AppContext.BaseDirectory, "HealthSync.Cli.dll")]));
        Console.WriteLine(FormattableString.Invariant($"{export}: {new FileInfo(export).Length / 1e6:0} MB zipped; the stand-in at 10 requests/s, burst 20"));
        foreach (var (name, file, prefix) in tools)
        {
            await WholeAsync(name, file, prefix, export);
            await ResumeAsync(name, file, prefix, export);
        }

        return 0;
    }

    private static async Task WholeAsync(string name, string file, string[] prefix, string export)
    {
        using var state = new Folder();
        await using var server = await StandInServer.StartAsync(new StandInOptions { ApiKey = Key });
        await RunAsync(file, [.. prefix, "sports", "enable", "cycling", "running", "--state-dir", state.Path]);
        var stopwatch = Stopwatch.StartNew();
        var (exit, peak) = await RunAsync(file, [.. prefix, "backfill", export, "--state-dir", state.Path, "--api-key", Key, "--base-url", server.BaseAddress.ToString(), "--json"], timed: true);
        var received = server.Received.All;
        var uploads = received.Count(r => r.Method == "POST");
        var seconds = received.Count > 1 ? (received.Max(r => r.At) - received.Min(r => r.At)).TotalSeconds : 0;
        var rate = seconds > 0 ? (received.Count - 1) / seconds : 0;
        Console.WriteLine(FormattableString.Invariant(
            $"{name,-6} backfill: exit {exit}, peak RSS {peak / 1e6:0} MB, {stopwatch.Elapsed.TotalSeconds:0} s wall; {uploads} uploads, {received.Count} requests at {rate:0.00}/s ({rate / 10:P0} of the limit), {received.Count(r => r.Status == 429)} answers 429"));
        Console.WriteLine($"{name,-6} inbox: " + (await OutputAsync(file, [.. prefix, "inbox", "--state-dir", state.Path])).Trim());
    }

    /// <summary>Stops a backfill with SIGINT after 50 uploads, deletes nothing, then resumes without the export.</summary>
    private static async Task ResumeAsync(string name, string file, string[] prefix, string export)
    {
        using var state = new Folder();
        await using var server = await StandInServer.StartAsync(new StandInOptions { ApiKey = Key });
        string[] account = ["--state-dir", state.Path, "--api-key", Key, "--base-url", server.BaseAddress.ToString()];
        var stopAfter = new TaskCompletionSource();
        var uploads = 0;
        server.Received.Arrived += r =>
        {
            if (r.Method == "POST" && Interlocked.Increment(ref uploads) == 50)
            {
                stopAfter.TrySetResult();
            }
        };

        using (var first = Start(file, [.. prefix, "backfill", export, .. account]))
        {
            await Task.WhenAny(stopAfter.Task, first.WaitForExitAsync());
            Process.Start("kill", ["-INT", first.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            await first.WaitForExitAsync();
        }

        var resumedAt = TimeProvider.System.GetUtcNow(); // a benchmark measures real time, on the clock the stand-in stamps arrivals with
        var firstUpload = new TaskCompletionSource<DateTimeOffset>();
        server.Received.Arrived += r =>
        {
            if (r.Method == "POST" && r.At > resumedAt)
            {
                firstUpload.TrySetResult(r.At);
            }
        };
        using var resumed = Start(file, [.. prefix, "backfill", .. account]);
        var arrived = await firstUpload.Task.WaitAsync(TimeSpan.FromMinutes(2));
        resumed.Kill(entireProcessTree: true);
        await resumed.WaitForExitAsync();
        Console.WriteLine(FormattableString.Invariant(
            $"{name,-6} resume without the export after SIGINT at 50 uploads: first upload {(arrived - resumedAt).TotalSeconds:0.00} s after start (target <= 2 s)"));
    }

    private static Process Start(string file, string[] args)
    {
        var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<string> OutputAsync(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static async Task<(int Exit, long Peak)> RunAsync(string file, string[] args, bool timed = false)
    {
        var start = timed ? new ProcessStartInfo("/usr/bin/time", ["-f", PeakPrefix + "%M", file, .. args]) : new ProcessStartInfo(file, args);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        var peakLine = stderr.Split('\n').LastOrDefault(l => l.StartsWith(PeakPrefix, StringComparison.Ordinal));
        return (process.ExitCode, peakLine is null ? 0 : long.Parse(peakLine[PeakPrefix.Length..], CultureInfo.InvariantCulture) * 1024);
    }

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("healthsync-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
