using System.CommandLine;
using System.Text.Json;
using HealthSync.AppleHealth;
using HealthSync.Cli.Output;
using HealthSync.Sync;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync sync [EXPORT]` and `healthsync backfill [EXPORT] [--since DATE]`: bind, call <see cref="StoredDocuments"/>, render.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context, SyncMode mode)
    {
        var common = new CommonOptions(context.Environment);
        var path = new Argument<string?>("EXPORT")
        {
            Description = "export.zip, export.xml, the extracted apple_health_export folder, or a Health Auto Export JSON file; without it, the run goes on from the inbox",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Change nothing: show each workout, what would happen and why" };
        var json = new Option<bool>("--json") { Description = "Print {\"uploaded\",\"skipped\",\"failed\",\"notSelected\",\"notSent\",\"problems\",\"workouts\":[...]} to stdout" };
        var since = new Option<DateOnly?>("--since") { Description = "Only workouts that started on or after this local date (YYYY-MM-DD); remembered for the next backfill", CustomParser = OptionValues.Date };
        var batchSize = new Option<int?>("--batch-size") { Hidden = true, CustomParser = OptionValues.WholeNumber(1, 10_000) }; // for tests: workouts per listing (default 50)
        var command = mode == SyncMode.New
            ? new Command("sync", "Upload new workouts (ended after sync was turned on) in the chosen sports that are not yet in Intervals.icu.")
            : new Command("backfill", "Upload older workouts (before sync was turned on) in batches within the rate limits.");
        command.Arguments.Add(path);
        command.Options.Add(dryRun);
        command.Options.Add(json);
        command.Options.Add(batchSize);
        if (mode == SyncMode.Backfill)
        {
            command.Options.Add(since);
        }

        common.AddStateTo(command);
        common.AddAccountTo(command);
        command.SetAction((parse, ct) => RunAsync(context, parse, common, new Args(
            mode,
            parse.GetValue(path),
            parse.GetValue(dryRun),
            parse.GetValue(json),
            mode == SyncMode.Backfill ? parse.GetValue(since) : null,
            parse.GetValue(batchSize)), ct));
        return command;
    }

    /// <summary>The stable code of a stop, as `--json` carries it.</summary>
    public static string StopCode(SyncStopKind kind) => kind switch
    {
        SyncStopKind.CredentialsRefused => "credentials-refused",
        SyncStopKind.BudgetSpent => "budget-spent",
        SyncStopKind.ServiceUnreachable => "service-unreachable",
        _ => "interrupted",
    };

    private sealed record Args(SyncMode Mode, string? Path, bool DryRun, bool Json, DateOnly? Since, int? BatchSize);

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, CommonOptions common, Args args, CancellationToken cancellationToken)
    {
        if (args.BatchSize is < 1)
        {
            await context.Error.WriteLineAsync("error: --batch-size must be at least 1").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // The account first: a run that cannot go ahead leaves no state behind.
        var stateDir = common.ResolveStateDir(parse);
        Intervals.IntervalsOptions? account;
        try
        {
            account = Account.Resolve(parse, common, stateDir);
            account?.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (account is null && !args.DryRun)
        {
            await context.Error.WriteLineAsync("error: no Intervals.icu account is connected. Run `healthsync login`, or set INTERVALS_API_KEY (or try --dry-run).").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        Workouts.IWorkoutSource? export = null;
        GivenDocument? document = null;
        if (args.Path is { } path)
        {
            try
            {
                // A Health Auto Export file is kept in the state like a push: its unknown names can be mapped, and it is read again.
                document = GivenDocument.Kept(path, Path.GetFileName(path));
                if (document is null)
                {
                    export = SourceOpener.Open(path, new ExportReaderOptions { ReadRoutes = true }, stateDir, context.Time);
                }
            }
            catch (Workouts.SourceReadException ex)
            {
                await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }

        using var source = export as IDisposable;
        var run = new SyncRun
        {
            StateDirectory = stateDir,
            Mode = args.Mode,
            Source = export,
            DryRun = args.DryRun,
            Since = args.Since,
            Account = account,
            BatchSize = args.BatchSize ?? 50,
            MachineZone = context.Time.LocalTimeZone,
        };
        var title = args.Mode == SyncMode.Backfill ? (args.DryRun ? "Planning backfill" : "Backfilling") : (args.DryRun ? "Planning sync" : "Syncing");
        var quiet = args.Json || (args.Mode == SyncMode.New && !context.Console.Profile.Capabilities.Interactive);
        SyncRunResult result;
        try
        {
            // Stored documents waiting (a name mapped since they were read) are read first, then the run goes as asked.
            var sync = new StoredDocuments(context.Time, common.Logger(parse, context));
            result = await SyncProgressView.RunAsync(context, quiet, title, run.BatchSize, progress => sync.RunAsync(run, document, progress, cancellationToken)).ConfigureAwait(false);
        }
        catch (SyncRunRefusedException ex) when (ex.Refusal == SyncRunRefusal.AnotherRunInProgress)
        {
            var onTheWeb = args.Mode == SyncMode.Backfill ? "use the Backfill page" : "press Sync now on the Status page";
            await context.Error.WriteLineAsync(CliWords.StateHeld(stateDir, ex.Holder ?? new(0, null), onTheWeb)).ConfigureAwait(false);
            return ExitCodes.Busy;
        }

        var zone = result.Settings.TimeZone;
        if (args.Json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(SyncDocument.From(result, zone), CliJsonContext.Readable.SyncDocument)).ConfigureAwait(false);
        }

        var say = args.Json ? (Action<string>)(m => context.Error.WriteLine(Markup.Remove(m))) : context.Console.MarkupLine;
        SyncReportView.WriteMessages(say, result, args.Mode, args.DryRun);
        if (!args.Json)
        {
            SyncReportView.WriteTable(context.Console, result, args.DryRun);
        }

        return await ExitAsync(context, result, zone, account?.BaseUrl).ConfigureAwait(false);
    }

    private static async Task<int> ExitAsync(CliContext context, SyncRunResult result, TimeZoneInfo zone, Uri? service)
    {
        switch (result.Report.Stop)
        {
            case { Kind: SyncStopKind.CredentialsRefused } stop:
                await context.Error.WriteLineAsync($"stopped: {stop.Message} Run `healthsync login` with a valid key. No workout was marked failed.").ConfigureAwait(false);
                return ExitCodes.StoppedEarly;
            case { Kind: SyncStopKind.BudgetSpent } stop:
                await context.Error.WriteLineAsync($"stopped: the Intervals.icu request budget is spent; {CliWords.ResumeAt(stop, zone)} by running the same command again. It picks up where this run stopped.").ConfigureAwait(false);
                return ExitCodes.StoppedEarly;
            case { Kind: SyncStopKind.ServiceUnreachable } stop:
                await context.Error.WriteLineAsync($"stopped: could not reach Intervals.icu at {service}: {stop.Message}. Nothing was marked failed: the workouts were not sent. Check the connection (or --base-url), then run the same command again.").ConfigureAwait(false);
                return ExitCodes.StoppedEarly;
            case { Kind: SyncStopKind.Interrupted }:
                await context.Error.WriteLineAsync("interrupted: run the same command again to resume.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
        }

        return result.Report.Count(OutcomeKind.Failed) > 0 || result.SourceBroken is not null ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }
}
