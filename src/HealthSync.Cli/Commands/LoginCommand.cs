using System.CommandLine;
using HealthSync.Hosting;
using HealthSync.Intervals;
using HealthSync.State;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync login`: reads an API key (hidden prompt, or stdin), checks it with one request and stores it in credentials.json (mode 600).</summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var noCheck = new Option<bool>("--no-check") { Description = "Store the key without asking Intervals.icu whether it works" };
        var force = new Option<bool>("--force") { Description = "Replace the stored login even with a key that could not be checked" };
        var command = new Command("login", "Connect an Intervals.icu account: the API key from Settings → Developer Settings, typed when asked (hidden) or piped to stdin.") { noCheck, force };
        common.AddStateTo(command);
        command.Options.Add(common.ApiKey);
        command.Options.Add(common.Athlete);
        command.Options.Add(common.BaseUrl);
        command.Options.Add(common.Verbose);
        command.SetAction(async (parse, ct) =>
        {
            // The URL first: a bad one is refused before anyone types a key for it.
            var athlete = common.AthleteFrom(parse);
            Uri? baseUrl;
            try
            {
                baseUrl = common.BaseUrlFrom(parse);
            }
            catch (OptionException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var key = await ReadKeyAsync(context, parse.GetValue(common.ApiKey), ct).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(key))
            {
                await context.Error.WriteLineAsync("error: no API key given: type it when asked, or pipe it to stdin (echo \"$KEY\" | healthsync login)").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var url = baseUrl ?? new Uri(ServiceAddress.Default);
            var options = new IntervalsOptions { Credentials = IntervalsCredentials.FromApiKey(key), AthleteId = athlete ?? "0", BaseUrl = url };
            var dir = common.ResolveStateDir(parse);
            string? notChecked = "--no-check was given";
            if (!parse.GetValue(noCheck))
            {
                try
                {
                    await CheckAsync(context, common, parse, options, dir, ct).ConfigureAwait(false);
                    notChecked = null;
                }
                catch (IntervalsAuthenticationException ex)
                {
                    await context.Error.WriteLineAsync($"error: {ex.Message} The key was not stored.").ConfigureAwait(false);
                    return ExitCodes.StoppedEarly;
                }
                catch (IntervalsException ex)
                {
                    notChecked = $"the check with {url} did not get an answer about the key: {ex.Message}";
                }
            }

            var stored = CredentialsFile.Read(dir);
            var replacing = stored is not null && (stored.ApiKey != key.Trim() || !SameUrl(stored.BaseUrl, url));
            if (notChecked is not null && replacing && !parse.GetValue(force))
            {
                // The stored login may be the one that works: an unchecked key (a typo, a service that was down) must
                // not silently take its place.
                await context.Error.WriteLineAsync($"error: the key was not checked ({notChecked}), so the login already stored in {Path.Combine(dir, CredentialsFile.FileName)} was kept. Run again when the service answers, or add --force to replace it with this unchecked key.").ConfigureAwait(false);
                return ExitCodes.StoppedEarly;
            }

            var path = CredentialsFile.Write(dir, new StoredCredentials(key.Trim(), null, athlete, baseUrl?.ToString()));
            bool turnedOn;
            using (var state = SyncState.Open(dir, context.Time))
            {
                turnedOn = HealthSync.Sync.SyncSettings.TurnOnAtConnection(state, context.Time.GetUtcNow());
            }

            context.Console.MarkupLine(notChecked is null
                ? $"Connected to {Markup.Escape(url.ToString())}. The key is stored in {Markup.Escape(path)} (readable by you alone)."
                : $"[yellow]Stored, not checked[/]: {Markup.Escape(notChecked)}. The key is in {Markup.Escape(path)} (readable by you alone); the next sync will find out whether it works.");
            if (turnedOn)
            {
                context.Console.WriteLine("Sync is on from now: `healthsync sync` uploads the workouts that end from now on; `healthsync backfill` brings the older ones.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--api-key (scripts), else a hidden prompt on a terminal, else one line of stdin.</summary>
    private static async Task<string?> ReadKeyAsync(CliContext context, string? option, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }

        if (context.Console.Profile.Capabilities.Interactive)
        {
            return await context.Console.PromptAsync(new TextPrompt<string>("Intervals.icu API key:").Secret(), cancellationToken).ConfigureAwait(false);
        }

        return context.In is { } input ? await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>One cheap request with the key; it counts against the budgets kept in the request log like any other.</summary>
    private static async Task CheckAsync(CliContext context, CommonOptions common, ParseResult parse, IntervalsOptions options, string dir, CancellationToken cancellationToken)
    {
        using var state = SyncState.Open(dir, context.Time);
        options.RequestLedger = state;
        using var client = new IntervalsClient(options, context.Time, common.Logger(parse, context));
        var today = context.Time.GetUtcNow().UtcDateTime.Date;
        await client.ListActivitiesAsync(today.AddDays(-1), today.AddDays(1), cancellationToken).ConfigureAwait(false);
    }

    private static bool SameUrl(string? stored, Uri url) =>
        ServiceAddress.SameService(stored is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : new Uri(ServiceAddress.Default), url);
}
