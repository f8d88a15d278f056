using System.CommandLine;
using HealthSync.Hosting;
using HealthSync.Intervals;

namespace HealthSync.Cli.Commands;

/// <summary>Finds the Intervals.icu account: --api-key, else INTERVALS_API_KEY / INTERVALS_ACCESS_TOKEN, else credentials.json.</summary>
internal static class Account
{
    /// <summary>Client options, or null when no account is connected. The secret only ever goes into the options.</summary>
    /// <remarks>The request ledger is left to the caller: the state is opened only once an account is known to be needed.</remarks>
    /// <exception cref="OptionException">A URL breaks the rules, or the stored key would go to a URL it was not stored for.</exception>
    public static IntervalsOptions? Resolve(ParseResult parse, CommonOptions common, string stateDir)
    {
        var stored = CredentialsFile.Read(stateDir);
        var given = parse.GetValue(common.ApiKey) is { Length: > 0 } key ? IntervalsCredentials.FromApiKey(key)
            : common.Variable("INTERVALS_API_KEY") is { } envKey ? IntervalsCredentials.FromApiKey(envKey)
            : common.Variable("INTERVALS_ACCESS_TOKEN") is { } token ? IntervalsCredentials.FromAccessToken(token)
            : null;
        var storedSecret = stored?.ApiKey is { Length: > 0 } storedKey ? IntervalsCredentials.FromApiKey(storedKey)
            : stored?.AccessToken is { Length: > 0 } storedToken ? IntervalsCredentials.FromAccessToken(storedToken)
            : null;
        var credentials = given ?? storedSecret;
        if (credentials is null)
        {
            return null;
        }

        var storedUrl = StoredUrl(stored, stateDir);
        var url = common.BaseUrlFrom(parse);
        if (given is null && url is not null && !ServiceAddress.SameService(url, storedUrl))
        {
            // The stored key was given for one service; sending it to another (a typo, a proxy, an environment left
            // over from a test) would hand the secret to whoever runs that one.
            throw new OptionException(
                $"the stored key is for {storedUrl}, not {url}: give the key for {url} with it (--api-key or INTERVALS_API_KEY), " +
                $"or run `healthsync login --base-url {url}` to store one for it");
        }

        var options = new IntervalsOptions
        {
            Credentials = credentials,
            AthleteId = common.AthleteFrom(parse) ?? (given is null ? stored?.AthleteId : null) ?? "0",
            BaseUrl = url ?? storedUrl,
        };
        if (parse.GetValue(common.Rate) is { } rate)
        {
            options.RequestsPerSecond = rate;
        }

        if (parse.GetValue(common.Burst) is { } burst)
        {
            options.Burst = burst;
        }

        if (parse.GetValue(common.ShortBudget) is { } shortBudget)
        {
            options.ShortBudget = shortBudget;
        }

        if (parse.GetValue(common.DailyBudget) is { } daily)
        {
            options.DailyBudget = daily;
        }

        return options;
    }

    /// <summary>The URL the stored login is for (the default when it names none), held to the rules of every URL.</summary>
    private static Uri StoredUrl(StoredCredentials? stored, string stateDir)
    {
        if (stored?.BaseUrl is not { Length: > 0 } text)
        {
            return new Uri(ServiceAddress.Default);
        }

        return ServiceAddress.TryParse(text, out var url, out var why)
            ? url
            : throw new OptionException($"the login stored in {Path.Combine(stateDir, CredentialsFile.FileName)}: {why}; run `healthsync login` again");
    }
}
