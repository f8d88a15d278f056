using System.CommandLine;
using HealthSync.Intervals;
using HealthSync.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthSync.Cli.Commands;

/// <summary>Options several commands share: where the state lives, and which Intervals.icu account to use.</summary>
/// <param name="environment">The context's environment (<see cref="CliContext.Environment"/>): every variable is read through it.</param>
internal sealed class CommonOptions(Func<string, string?> environment)
{
    public Option<string?> StateDir { get; } = new("--state-dir") { Description = "State folder (default: $HEALTHSYNC_HOME, else $XDG_DATA_HOME/healthsync, else ~/.local/share/healthsync)" };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "Intervals.icu API key, for scripts: other users of this machine can read it in the process list, so prefer `healthsync login` or $INTERVALS_API_KEY (default: $INTERVALS_API_KEY, else the one stored by `healthsync login` for this URL)" };

    public Option<string?> Athlete { get; } = new("--athlete") { Description = "Athlete id, e.g. i12345 (default: $INTERVALS_ATHLETE_ID, else 0: the key's athlete)" };

    public Option<Uri?> BaseUrl { get; } = new("--base-url") { Description = "Service URL, https (http only for 127.0.0.1, ::1 or localhost); a URL other than the stored login's needs its own key (default: $INTERVALS_BASE_URL, else the stored login's, else https://intervals.icu)", CustomParser = OptionValues.BaseUrl };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log each Intervals.icu request, retry and rate-limit wait to stderr" };

    // Hidden knobs for tests, demos and the benchmark; the defaults are the service's limits.
    // The ranges are the client's (IntervalsOptions.Validate), checked here to be said in the option's words.
    public Option<double?> Rate { get; } = new("--rate") { Hidden = true, CustomParser = OptionValues.Number(0.1, 100) };

    public Option<int?> Burst { get; } = new("--burst") { Hidden = true, CustomParser = OptionValues.WholeNumber(1, 100) };

    public Option<int?> ShortBudget { get; } = new("--short-budget") { Hidden = true, CustomParser = OptionValues.WholeNumber(1, 1_000_000) };

    public Option<int?> DailyBudget { get; } = new("--daily-budget") { Hidden = true, CustomParser = OptionValues.WholeNumber(1, 1_000_000) };

    /// <summary>Reads an environment variable through the context; null when unset or empty.</summary>
    public string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;

    /// <summary>--state-dir, else the environment's choice (see <see cref="StateFolder"/>).</summary>
    public string ResolveStateDir(ParseResult parse) => StateFolder.Resolve(parse.GetValue(StateDir), environment);

    /// <summary>Adds --state-dir, and a check at parse time that some folder is named (else a usage error, exit 2).</summary>
    public void AddStateTo(Command command)
    {
        command.Options.Add(StateDir);
        command.Validators.Add(result =>
        {
            if (!StateFolder.TryResolve(result.GetValue(StateDir), environment, out _))
            {
                result.AddError($"{StateFolder.NoFolder}: give --state-dir DIR");
            }
        });
    }

    /// <summary>--athlete, else $INTERVALS_ATHLETE_ID; null when neither is given.</summary>
    public string? AthleteFrom(ParseResult parse) => parse.GetValue(Athlete) ?? Variable("INTERVALS_ATHLETE_ID");

    /// <summary>--base-url, else $INTERVALS_BASE_URL (held to the same rules); null when neither is given.</summary>
    /// <exception cref="OptionException">INTERVALS_BASE_URL is not a URL, or is plain http to another machine.</exception>
    public Uri? BaseUrlFrom(ParseResult parse)
    {
        if (parse.GetValue(BaseUrl) is { } url)
        {
            return url;
        }

        if (Variable("INTERVALS_BASE_URL") is not { } text)
        {
            return null;
        }

        return ServiceAddress.TryParse(text, out var fromEnvironment, out var why) ? fromEnvironment : throw new OptionException($"INTERVALS_BASE_URL: {why}");
    }

    /// <summary>The client's logger on stderr: every request with --verbose, else only retries and rate-limit waits, so a slow run says why.</summary>
    public ILogger<IntervalsClient> Logger(ParseResult parse, CliContext context) =>
        new ErrorLogger<IntervalsClient>(context.Error, context.Time, parse.GetValue(Verbose) ? LogLevel.Debug : LogLevel.Information);

    public void AddAccountTo(Command command)
    {
        foreach (var option in new Option[] { ApiKey, Athlete, BaseUrl, Verbose, Rate, Burst, ShortBudget, DailyBudget })
        {
            command.Options.Add(option);
        }
    }
}
