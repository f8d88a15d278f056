using System.Diagnostics;
using System.Globalization;
using HealthSync.Bench;
using HealthSync.Bench.Server;

// Timed comparisons are run in child processes of this program so that each gets a clean heap and its own peak memory.
return args switch
{
    ["generate", var megabytes, var output, ..] => Generate(long.Parse(megabytes, CultureInfo.InvariantCulture), output, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 42),
    ["compare", var path, ..] => await ReaderComparison.CompareAsync(path, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, args.Length > 3 ? args[3] : null),
    ["profile", var path] => await Profile.RunAsync(path),
    ["startup", var path] => await Startup.RunAsync(path),
    ["backfill", ..] => await BackfillBenchmark.RunAsync(Console.Out),
    ["backfill-export", var path, ..] => await ExportBackfillBenchmark.RunAsync(path, args.Length > 2 ? args[2] : null),
    ["fit", ..] => FitEncode(),
    ["push-latency", ..] => await ServerBenchmark.LatencyAsync(),
    ["push-rate", ..] => await ServerBenchmark.RateAsync(Count(args, 1, 1_000), Count(args, 2, 8)),
    ["server-memory", ..] => await ServerBenchmark.MemoryAsync(Count(args, 1, 1_000), Count(args, 2, 8)),
    ["server-backfill", var path] => await ServerBackfillBenchmark.RunAsync(path),
    ["live-during-backfill", ..] => await ServerBackfillBenchmark.LiveDuringBackfillAsync(Count(args, 1, 300)),
    ["push-flood", ..] => await PushFloodBenchmark.RunAsync(Count(args, 1, 3)),
    ["push-fuzz", ..] => await PushFuzzRun(Count(args, 1, 5_000), Count(args, 2, 20261208)),
    _ => Usage(),
};

static int Generate(long megabytes, string output, int seed)
{
    var stopwatch = Stopwatch.StartNew();
    var (xmlBytes, workouts, records) = new ExportGenerator(megabytes * 1_000_000, seed).Write(output);
    Console.WriteLine(FormattableString.Invariant(
        $"wrote {output}: {xmlBytes / 1e6:0} MB of XML ({new FileInfo(output).Length / 1e6:0} MB zipped), {records:N0} records, {workouts:N0} workouts, in {stopwatch.Elapsed.TotalSeconds:0.0} s"));
    return 0;
}

static async Task<int> PushFuzzRun(int documents, int seed)
{
    var stopwatch = Stopwatch.StartNew();
    try
    {
        var tally = await HealthSync.Tests.HealthAutoExport.PushFuzz.RunAsync(seed, documents);
        Console.WriteLine(FormattableString.Invariant($"{documents:N0} mutated documents (seed {seed}) in {stopwatch.Elapsed.TotalSeconds:0.0} s: {tally}"));
        return 0;
    }
    catch (HealthSync.Tests.HealthAutoExport.FuzzFailure failure)
    {
        Console.Error.WriteLine("a document broke a rule: " + failure.Message);
        return 1;
    }
}

static int Count(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static int FitEncode()
{
    FitEncodeBenchmark.Run(Console.Out);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          generate MEGABYTES OUT.zip [SEED]   write a realistic export.zip holding about MEGABYTES of XML
          compare EXPORT.zip [RUNS] [NATIVE]  time `healthsync inspect --json` against a bare XmlReader pass over the same entry,
                                              JIT-compiled, and also native from folder NATIVE (see the README, Performance)
          startup EXPORT                      a fresh process's one-off costs (JIT, type loading), phase by phase, then warm
          profile EXPORT.zip                  time the reader's stages one by one (in-process)
          fit                                 FIT files per second for a one-hour run with a 1 Hz route
          backfill-export EXPORT.zip [NATIVE] a whole backfill of EXPORT into the stand-in (peak RSS, rate), then one stopped
                                              at 50 uploads and resumed without the export (time to its first upload)
          push-latency                        the server (src/HealthSync.Server, Release build) as a child: a pushed 1-hour walk with
                                              a 1 Hz route, the push's answer time and the time until its upload reaches the stand-in
          push-rate [COUNT] [CONCURRENCY]     COUNT (1,000) small documents pushed CONCURRENCY (8) at a time, then resent: documents/s
          server-memory [COUNT] [CONCURRENCY] the server's RSS idle after start, and idle again after the push-rate load
          server-backfill EXPORT.zip          the server's RSS (sampled every 250 ms) through EXPORT uploaded in the browser, its preview and
                                              its backfill into the stand-in at its default limits, and idle after; upload MB/s, requests/s
          live-during-backfill [COUNT]        the server backfills COUNT (300) older workouts it holds at the stand-in's 10/s; a walk
                                              pushed after the first batch: the time until its upload reaches the stand-in
          push-flood [FLOODS]                 a fresh server (account connected, nothing else): the first push's answer and upload
                                              time; then FLOODS (3) documents of 10,000 tiny workouts, one over the cap (413) and
                                              10,000 unknown names: peak RSS, a normal push's times after them, idle RSS
          push-fuzz [DOCUMENTS] [SEED]        DOCUMENTS (5,000) mutated Health Auto Export documents through the door check, the
                                              intake and a sync into the in-process stand-in: how each ended; exit 1 at the first
                                              that breaks a rule (an exception, a document left waiting, a workout undecided)
          backfill                            backfill 1,000 workouts into the in-process stand-in; requests/s against its 10/s limit, 429s
        """);
    return 2;
}
