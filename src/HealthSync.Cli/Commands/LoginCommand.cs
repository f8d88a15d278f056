using System.CommandLine;
using HealthSync.Hosting;
using HealthSync.Intervals;
using HealthSync.State;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync login [--api-key KEY]`: checks an API key with one request and stores it in credentials.json (mode 600).</summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var noCheck = new Option<bool>("--no-check") { Description = "Store the key without asking Intervals.icu whether it works" };
        var command = new Command("login", "Connect an Intervals.icu account: the API key from Settings → Developer Settings (asked for, or read from stdin, when --api-key is not given).") { noCheck };
        common.AddStateTo(command);
        command.Options.Add(common.ApiKey);
        command.Options.Add(common.Athlete);
        command.Options.Add(common.BaseUrl);
        command.Options.Add(common.Verbose);
        command.SetAction(async (parse, ct) =>
        {
            var key = parse.GetValue(common.ApiKey);
            if (string.IsNullOrWhiteSpace(key))
            {
                key = context.Console.Profile.Capabilities.Interactive
                    ? await context.Console.PromptAsync(new TextPrompt<string>("Intervals.icu API key:").Secret(), ct).ConfigureAwait(false)
                    : context.In is { } input ? await input.ReadLineAsync(ct).ConfigureAwait(false) : null;
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                await context.Error.WriteLineAsync("error: no API key given (--api-key, or type it when asked)").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            // As every command: the option, else the environment. What is used is stored, for the runs that follow.
            var athlete = common.AthleteFrom(parse);
            var baseUrl = common.BaseUrlFrom(parse);
            var options = new IntervalsOptions { Credentials = IntervalsCredentials.FromApiKey(key), AthleteId = athlete ?? "0" };
            try
            {
                if (baseUrl is not null)
                {
                    options.BaseUrl = new Uri(baseUrl);
                }

                options.Validate();
            }
            catch (Exception ex) when (ex is ArgumentException or UriFormatException)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var dir = common.ResolveStateDir(parse);
            if (!parse.GetValue(noCheck))
            {
                // The check is a request like any other: it counts against the budgets kept in the request log.
                using var state = SyncState.Open(dir, context.Time);
                options.RequestLedger = state;
                try
                {
                    using var client = new IntervalsClient(options, context.Time, common.Logger(parse, context));
                    var today = context.Time.GetUtcNow().UtcDateTime.Date;
                    await client.ListActivitiesAsync(today.AddDays(-1), today.AddDays(1), ct).ConfigureAwait(false);
                }
                catch (IntervalsAuthenticationException ex)
                {
                    await context.Error.WriteLineAsync($"error: {ex.Message} The key was not stored.").ConfigureAwait(false);
                    return ExitCodes.StoppedEarly;
                }
                catch (IntervalsException ex)
                {
                    context.Console.MarkupLine($"[yellow]warning[/]: could not check the key ({Markup.Escape(ex.Message)}); storing it anyway.");
                }
            }

            var path = CredentialsFile.Write(dir, new StoredCredentials(key.Trim(), null, athlete, baseUrl));
            context.Console.MarkupLine($"Connected. The key is stored in {Markup.Escape(path)} (readable by you alone).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
