using System.Diagnostics;
using System.IO.Compression;
using HealthSync.AppleHealth;
using HealthSync.Workouts;

namespace HealthSync.Bench;

/// <summary>`profile EXPORT.zip`: times the reader's stages one by one, in-process, to show where the time goes.</summary>
internal static class Profile
{
    public static async Task<int> RunAsync(string path)
    {
        byte[] document;
        using (var source = ExportSource.Open(path))
        {
            Stage("inflate the document", () =>
            {
                using var stream = source.OpenDocument();
                var buffer = new byte[1 << 20];
                long total = 0;
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    total += read;
                }

                return FormattableString.Invariant($"{total / 1e6:0} MB");
            });

            // The scan stages read the document from memory, so that they time the scan alone.
            using (var stream = source.OpenDocument())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                document = copy.ToArray();
            }

            foreach (var samples in new[] { false, true })
            {
                await StageAsync($"scan in memory, samples={samples}", async () =>
                {
                    var store = samples ? new SampleStore() : null;
                    var scanner = new HealthDataScanner(source, store, 1 << 20);
                    var workouts = 0;
                    await foreach (var element in scanner.ReadAsync(new MemoryStream(document), default))
                    {
                        workouts++;
                    }

                    return $"{workouts} workouts, {store?.Count ?? 0:N0} samples";
                });
            }
        }

        document = [];
        using (var zip = ZipFile.OpenRead(path))
        {
            var routes = zip.Entries.Where(e => e.FullName.EndsWith(".gpx", StringComparison.Ordinal)).Select(e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }).ToList();
            Stage("parse every route file", () =>
            {
                var points = new List<RoutePoint>();
                foreach (var gpx in routes)
                {
                    GpxRouteReader.Read(gpx, points);
                }

                return $"{routes.Count} files, {points.Count:N0} points";
            });
        }

        foreach (var (samples, routes) in new[] { (false, false), (true, true) })
        {
            await StageAsync($"whole reader, samples={samples} routes={routes}", async () =>
            {
                using var export = AppleHealthExport.Open(path, new ExportReaderOptions { ReadSamples = samples, ReadRoutes = routes });
                var count = 0;
                var clock = Stopwatch.StartNew();
                var first = TimeSpan.Zero;
                await foreach (var workout in export.ReadWorkoutsAsync())
                {
                    if (count++ == 0)
                    {
                        first = clock.Elapsed;
                    }
                }

                return FormattableString.Invariant($"{count} workouts; the first after {first.TotalSeconds:0.00} s (Records), the rest in {(clock.Elapsed - first).TotalSeconds:0.00} s");
            });
        }

        return 0;
    }

    private static T Stage<T>(string name, Func<T> work) => StageAsync(name, () => Task.FromResult(work())).GetAwaiter().GetResult();

    private static async Task<T> StageAsync<T>(string name, Func<Task<T>> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await work();
        process.Refresh();
        Console.WriteLine(FormattableString.Invariant($"{name,-42} {wall.Elapsed.TotalSeconds,6:0.00} s wall {(process.TotalProcessorTime - cpu).TotalSeconds,6:0.00} s cpu  {result}"));
        return result;
    }
}
