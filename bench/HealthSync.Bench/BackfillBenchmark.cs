using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using HealthSync.Cli;
using IntervalsStandIn;
using Spectre.Console;

namespace HealthSync.Bench;

/// <summary>Backfills 1,000 workouts into the stand-in at its default limits (10/s, burst 20) and reports the rate achieved and the 429s.</summary>
internal static class BackfillBenchmark
{
    private const int Workouts = 1_000;
    private const string Key = "bench-key";

    public static async Task<int> RunAsync(TextWriter output)
    {
        var root = Path.Combine(Path.GetTempPath(), "healthsync-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var export = WriteExport(Path.Combine(root, "export.zip"));
            await using var server = await StandInServer.StartAsync(new StandInOptions { ApiKey = Key });
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
            var stopwatch = Stopwatch.StartNew();
            var exit = await HealthSyncApp.RunAsync(
                ["backfill", export, "--state-dir", Path.Combine(root, "state"), "--api-key", Key, "--base-url", server.BaseAddress.ToString(), "--json"],
                new CliContext(console, TextWriter.Null, output, TimeProvider.System));
            stopwatch.Stop();

            var received = server.Received.All;
            var first = received.Min(r => r.At);
            var last = received.Max(r => r.At);
            var seconds = Math.Max(0.001, (last - first).TotalSeconds);
            var rate = (received.Count - 1) / seconds;
            var limit = server.Options.RatePerSecond;
            var tooMany = received.Count(r => r.Status == 429);
            var created = server.Activities.All.Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backfill of {Workouts} workouts: exit {exit}, {created} activities created, {received.Count} requests in {seconds:0.0} s ({stopwatch.Elapsed.TotalSeconds:0.0} s wall)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rate {rate:0.00} requests/s against a limit of {limit:0} ({rate / limit:P0}; target >= 90%), {tooMany} answers 429, at most {server.Received.MaxInAnyWindow(TimeSpan.FromSeconds(1))} in any second"));
            return exit == 0 && created == Workouts && rate / limit >= 0.9 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>1,000 walks, strength sessions and yoga (categories on by default), one a day, each with a time zone.</summary>
    private static string WriteExport(string path)
    {
        string[] kinds = ["Walking", "TraditionalStrengthTraining", "Yoga", "Hiking"];
        var xml = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <HealthData locale="en_US">
             <ExportDate value="2025-10-01 09:00:00 +0200"/>

            """);
        var day = new DateTimeOffset(2021, 1, 1, 7, 0, 0, TimeSpan.FromHours(1));
        for (var i = 0; i < Workouts; i++)
        {
            var start = day.AddDays(i).AddMinutes(i % 600);
            var end = start.AddMinutes(20 + (i % 40));
            xml.Append(CultureInfo.InvariantCulture, $"""
                 <Workout workoutActivityType="HKWorkoutActivityType{kinds[i % kinds.Length]}" duration="{(end - start).TotalMinutes}" durationUnit="min" totalEnergyBurned="{150 + (i % 200)}" totalEnergyBurnedUnit="kcal" sourceName="Apple Watch" startDate="{Date(start)}" endDate="{Date(end)}">
                  <MetadataEntry key="HKTimeZone" value="Europe/Paris"/>
                 </Workout>

                """);
        }

        xml.Append("</HealthData>\n");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var stream = zip.CreateEntry("apple_health_export/export.xml", CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml.ToString()));
        return path;
    }

    private static string Date(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + "+0100";
}
