using System.Diagnostics;
using HealthSync.AppleHealth;

namespace HealthSync.Bench;

internal static class Profile
{
    public static async Task<int> RunAsync(string path)
    {
        var sw = Stopwatch.StartNew();
        using (var source = ExportSource.Open(path))
        using (var stream = source.OpenDocument())
        {
            var buffer = new byte[1 << 20];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer)) > 0) total += n;
            Console.WriteLine($"inflate only: {sw.Elapsed.TotalSeconds:0.00}s {total / 1e6:0} MB");
        }
        using (var source = ExportSource.Open(path))
        using (var stream = source.OpenDocument())
        {
            var ms = new MemoryStream();
            stream.CopyTo(ms);
            var bytes = ms.ToArray();
            sw.Restart();
            long lt = 0; var pos = 0; var span = bytes.AsSpan();
            while (true) { var i = span[pos..].IndexOf((byte)'<'); if (i < 0) break; pos += i + 1; lt++; }
            Console.WriteLine($"IndexOf loop: {sw.Elapsed.TotalSeconds:0.00}s {lt} markups");
            for (var k = 0; k < 3; k++)
            {
                sw.Restart();
                var scanner = new HealthDataScanner(source, null, 1 << 20);
                var c = 0;
                await foreach (var e in scanner.ReadAsync(new MemoryStream(bytes), default)) c++;
                Console.WriteLine($"scanner in memory: {sw.Elapsed.TotalSeconds:0.00}s {c}");
            }
        }

        foreach (var samples in new[] { false, true })
        {
            sw.Restart();
            using var export = AppleHealthExport.Open(path, new ExportReaderOptions { ReadSamples = samples, ReadRoutes = samples });
            var count = 0;
            await foreach (var w in export.ReadWorkoutsAsync()) count++;
            Console.WriteLine($"reader samples={samples}: {sw.Elapsed.TotalSeconds:0.00}s {count} workouts");
        }

        return 0;
    }
}
