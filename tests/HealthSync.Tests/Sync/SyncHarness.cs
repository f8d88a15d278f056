using System.Text.Json;
using System.Globalization;
using HealthSync.Cli;
using HealthSync.Tests.Cli;
using HealthSync.Tests.Support;
using IntervalsStandIn;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace HealthSync.Tests.Sync;

/// <summary>A state folder, a stand-in on loopback and a fake "now": runs `healthsync` in-process against them.</summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-sync-test-91c2";

    private SyncHarness(StandInServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
    }

    public TempDirectory Dir { get; } = new();

    public StandInServer Server { get; }

    public FakeTimeProvider Time { get; }

    public string StateDir => Dir.File("state");

    /// <summary>The whole environment the runs see: empty unless a test adds to it.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public static async Task<SyncHarness> StartAsync(DateTimeOffset now, Action<StandInOptions>? configure = null, FakeTimeProvider? time = null)
    {
        // The stand-in's limits are the service's in the rate and benchmark tests; here they stay out of the way.
        var options = new StandInOptions { ApiKey = ApiKey, RatePerSecond = 1000, Burst = 1000, Budget = 0 };
        configure?.Invoke(options);
        return new SyncHarness(await StandInServer.StartAsync(options), time ?? new FakeTimeProvider(now));
    }

    /// <summary>Runs a command with this state folder; sync and backfill also get the account and a burst the fake clock never needs to refill.</summary>
    public Task<CliRunner.Run> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>As <see cref="RunAsync"/>, with a token that cancels the run as Ctrl-C does.</summary>
    public Task<CliRunner.Run> RunCancellableAsync(CancellationToken cancellation, params string[] args) => RunWithInputAsync(null, args, cancellation);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="input"/> as standard input (null: none).</summary>
    public Task<CliRunner.Run> RunWithInputAsync(string? input, params string[] args) => RunWithInputAsync(input, args, CancellationToken.None);

    private async Task<CliRunner.Run> RunWithInputAsync(string? input, string[] args, CancellationToken cancellation)
    {
        var all = new List<string>(args) { "--state-dir", StateDir };
        if (args[0] is "sync" or "backfill" && !args.Contains("--api-key") && !args.Contains("--no-account"))
        {
            all.AddRange(["--api-key", ApiKey, "--base-url", Server.BaseAddress.ToString(), "--burst", "100", "--rate", "100"]);
        }

        all.Remove("--no-account");
        var console = new TestConsole().Width(200);
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdin = input is null ? null : new StringReader(input);
        var exit = await HealthSyncApp.RunAsync([.. all], new CliContext(console, output, error, Time, stdin) { Environment = CliRunner.Lookup(Environment) }, cancellation);
        return new CliRunner.Run(exit, console.Output, output.ToString(), error.ToString());
    }

    /// <summary>Writes an export.zip holding these Workout elements (and Records), in the harness's folder.</summary>
    public string Export(params string[] elements)
    {
        var builder = new ExportBuilder();
        foreach (var element in elements)
        {
            builder.Add(element);
        }

        return builder.WriteZip(Dir.File($"export-{Guid.NewGuid():N}.zip"));
    }

    /// <summary>The --json document a run printed; fails with what it printed instead when there is none.</summary>
    public static JsonElement Json(CliRunner.Run run)
    {
        Assert.True(run.Out.Length > 0, $"no JSON (exit {run.ExitCode}): {run.Error}{run.Console}");
        return JsonDocument.Parse(run.Out).RootElement;
    }

    public IReadOnlyList<ReceivedRequest> Uploads => [.. Server.Received.All.Where(r => r.Method == "POST")];

    public ValueTask DisposeAsync()
    {
        Dir.Dispose();
        return Server.DisposeAsync();
    }

    /// <summary>A workout as the Health app writes it; <paramref name="start"/> is written with its own offset.</summary>
    public static string Workout(string type, DateTimeOffset start, int minutes, string source = "Apple Watch", string inner = "", double? km = 2, bool? indoor = null, string zone = "Europe/Paris")
    {
        var end = start.AddMinutes(minutes);
        var distance = km is { } d ? $"""<WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="{Date(start)}" endDate="{Date(end)}" sum="{d.ToString(CultureInfo.InvariantCulture)}" unit="km"/>""" : string.Empty;
        var indoorEntry = indoor is { } i ? $"""<MetadataEntry key="HKIndoorWorkout" value="{(i ? 1 : 0)}"/>""" : string.Empty;
        return $"""
            <Workout workoutActivityType="HKWorkoutActivityType{type}" duration="{minutes}" durationUnit="min" sourceName="{source}" sourceVersion="11.0" startDate="{Date(start)}" endDate="{Date(end)}">
              <MetadataEntry key="HKTimeZone" value="{zone}"/>
              {indoorEntry}
              {distance}
              {inner}
            </Workout>
            """;
    }

    public static string Date(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", CultureInfo.InvariantCulture);

    /// <summary>Heart-rate records inside a workout (one a minute), so a workout counts as the richer one.</summary>
    public static string HeartRate(DateTimeOffset start, int minutes, string source = "Apple Watch") =>
        string.Concat(Enumerable.Range(0, minutes).Select(m =>
            $"""<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="{source}" unit="count/min" startDate="{Date(start.AddMinutes(m))}" endDate="{Date(start.AddMinutes(m))}" value="{100 + m}"/>""" + "\n"));
}
