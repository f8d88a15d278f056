using System.CommandLine;
using HealthSync.Intervals;
using HealthSync.Hosting;

namespace HealthSync.Cli.Commands;

/// <summary>Finds the Intervals.icu account: --api-key, else INTERVALS_API_KEY / INTERVALS_ACCESS_TOKEN, else credentials.json.</summary>
internal static class Account
{
    /// <summary>Client options, or null when no account is connected. The secret only ever goes into the options.</summary>
    /// <remarks>The request ledger is left to the caller: the state is opened only once an account is known to be needed.</remarks>
    public static IntervalsOptions? Resolve(ParseResult parse, CommonOptions common, string stateDir)
    {
        var stored = CredentialsFile.Read(stateDir);
        IntervalsCredentials? credentials = null;
        if (parse.GetValue(common.ApiKey) is { Length: > 0 } key)
        {
            credentials = IntervalsCredentials.FromApiKey(key);
        }
        else if (common.Variable("INTERVALS_API_KEY") is { Length: > 0 } envKey)
        {
            credentials = IntervalsCredentials.FromApiKey(envKey);
        }
        else if (common.Variable("INTERVALS_ACCESS_TOKEN") is { Length: > 0 } token)
        {
            credentials = IntervalsCredentials.FromAccessToken(token);
        }
        else if (stored?.ApiKey is { Length: > 0 } storedKey)
        {
            credentials = IntervalsCredentials.FromApiKey(storedKey);
        }
        else if (stored?.AccessToken is { Length: > 0 } storedToken)
        {
            credentials = IntervalsCredentials.FromAccessToken(storedToken);
        }

        if (credentials is null)
        {
            return null;
        }

        var options = new IntervalsOptions
        {
            Credentials = credentials,
            AthleteId = common.AthleteFrom(parse) ?? stored?.AthleteId ?? "0",
            BaseUrl = new Uri(common.BaseUrlFrom(parse) ?? stored?.BaseUrl ?? "https://intervals.icu"),
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
}
