using System.Security.Cryptography;
using System.Text.Json;

namespace IntervalsStandIn;

/// <summary>The stand-in's command line: usage on --help, a key given or generated (never a silent default), errors in one line.</summary>
public static class StandInCommandLine
{
    /// <summary>What --help prints.</summary>
    public const string Usage = """
        Intervals.icu stand-in: the service's API, limits and errors on this machine, for tests and demos.

        Usage: dotnet run --project tools/IntervalsStandIn -- (--api-key KEY | --generate-key) [options]

          --api-key KEY                 the key clients must send (Basic API_KEY:KEY); required, or:
          --generate-key                make a random key and print it
          --urls URL                    where to listen (default http://127.0.0.1:5700)
          --access-token TOKEN          an OAuth token accepted as Bearer (repeatable)
          --athlete ID                  the athlete behind the key (default i1)
          --rate N, --burst N           requests a second, and at once, before 429 (default 10, 20)
          --budget N                    requests in any budget window; 0 turns it off (default 2500)
          --budget-window-seconds N     the budget's window (default 900)
          --no-retry-after              429 answers without Retry-After
          --error-share X, --drop-share X, --slow-share X
                                        share (0-1) of requests answered 5xx, dropped, or slow
          --slow-ms N                   delay of slow answers (default 5000)
          --fault-seed N                seed of the fault dice (default 1)
          --seed FILE                   JSON array of activities to start with
          --help                        this text
        """;

    /// <summary>What the arguments ask for: usage, an error (one line), or options to start with.</summary>
    /// <param name="Options">The options to start with; null for usage or an error.</param>
    /// <param name="Help">--help was given.</param>
    /// <param name="GeneratedKey">The key made for --generate-key, to print.</param>
    /// <param name="Error">What is wrong with the arguments.</param>
    public sealed record Parsed(StandInOptions? Options, bool Help, string? GeneratedKey, string? Error);

    public static Parsed Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return new Parsed(null, Help: true, null, null);
        }

        var generate = args.Contains("--generate-key");
        var rest = args.Where(a => a != "--generate-key").ToArray();
        StandInOptions options;
        try
        {
            options = StandInOptions.Parse(rest);
        }
        catch (ArgumentException ex)
        {
            return new Parsed(null, false, null, ex.Message);
        }

        var keyGiven = rest.Contains("--api-key");
        if (keyGiven == generate)
        {
            // Started without a key the stand-in used to accept "test-key" silently: a client with any other key
            // got 401s with no clue why, and one that guessed the default got in.
            return new Parsed(null, false, null, generate
                ? "give --api-key KEY or --generate-key, not both"
                : "no API key: give --api-key KEY (the key clients must send), or --generate-key to have one made and printed");
        }

        if (generate)
        {
            options.ApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }

        return new Parsed(options, false, generate ? options.ApiKey : null, null);
    }

    /// <summary>Runs the program: exit 0 after --help or a shutdown, 2 for bad arguments, 1 when it cannot start.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = Parse(args);
        if (parsed.Help)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        if (parsed.Options is not { } options)
        {
            await error.WriteLineAsync($"error: {parsed.Error}. Run with --help for usage.").ConfigureAwait(false);
            return 2;
        }

        StandInServer server;
        try
        {
            server = await StandInServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or JsonException or UnauthorizedAccessException)
        {
            // A port in use, an unusable --urls, an unreadable --seed: one line, not Kestrel's stack trace.
            await error.WriteLineAsync($"error: could not start on {options.Urls}: {OneLine(ex.Message)}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            if (parsed.GeneratedKey is { } key)
            {
                await output.WriteLineAsync($"Generated API key: {key}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Intervals.icu stand-in listening on {server.BaseAddress} (athlete {options.AthleteId}); Ctrl+C to stop.").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
