using System.Globalization;
using HealthSync.Sync;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Output;

/// <summary>A run's result for people: a few sentences, a table of what was decided, and one summary line.</summary>
internal static class SyncReportView
{
    /// <summary>Problems listed before "and N more".</summary>
    private const int ProblemsShown = 3;

    /// <summary>What a person must know besides the table: sync turned on, sync off, no account, read problems.</summary>
    public static void WriteMessages(Action<string> say, SyncRunResult result, SyncMode mode, bool dryRun)
    {
        var zone = result.Settings.TimeZone;
        if (result.TurnedSyncOnAt is { } on)
        {
            var older = result.Report.Items.Count(i => i.Outcome.Reason == ReasonCode.EndedBeforeSyncOn);
            say(dryRun
                ? $"Sync is not on yet: a real run would turn it on now. {older} older workout(s) in the chosen sports could be brought in with [bold]healthsync backfill[/]."
                : $"Sync is now [green]on[/] (from {OutcomeText.Local(on, zone)}). {older} older workout(s) in the chosen sports can be brought in with [bold]healthsync backfill[/].");
        }
        else if (mode == SyncMode.New && result.Settings.SyncOn == false)
        {
            say("Sync is [yellow]off[/]: no new workout is uploaded. Turn it on with [bold]healthsync settings set sync on[/].");
        }

        if (!result.AccountChecked)
        {
            say("[yellow]No Intervals.icu account is connected:[/] duplicates in Intervals.icu were not checked; the plan comes from local state only.");
        }

        if (result.Intake is { Read: 0 } && result.SourceBroken is null)
        {
            say("The export holds no workouts.");
        }

        foreach (var notice in RunNotices.Of(result))
        {
            say($"[yellow]{Markup.Escape(notice.Message)}[/]");
        }

        var problems = ProblemJson.From(result);
        if (problems.Count > 0)
        {
            say($"[yellow]{problems.Count} problem(s) reading the export[/] (the rest was read):");
            foreach (var problem in problems.Take(ProblemsShown))
            {
                say($"  {Markup.Escape(problem.Where)}: {Markup.Escape(problem.Reason)}");
            }

            if (problems.Count > ProblemsShown)
            {
                say($"  and {problems.Count - ProblemsShown} more: [bold]healthsync inspect[/] lists them all.");
            }
        }
    }

    /// <summary>One row per workout decided (in a dry run also those not selected), then one summary line.</summary>
    public static void WriteTable(IAnsiConsole console, SyncRunResult result, bool dryRun)
    {
        var report = result.Report;
        var zone = result.Settings.TimeZone;
        var shown = report.Items
            .Where(i => i.Kind != OutcomeKind.NotSent && (dryRun || i.Kind != OutcomeKind.NotSelected))
            .OrderBy(i => i.Workout.Start)
            .ToList();
        if (shown.Count > 0)
        {
            var table = new Table().Border(TableBorder.None);
            // Workout ids are in --json and in history; the table keeps to what a person decides on.
            foreach (var header in new[] { "Start (local)", "Activity", "Outcome", "Why / Intervals.icu activity" })
            {
                table.AddColumn(new TableColumn(header).PadLeft(0).PadRight(1));
            }

            foreach (var item in shown)
            {
                var colour = item.Kind switch
                {
                    OutcomeKind.Uploaded or OutcomeKind.WouldUpload => "green",
                    OutcomeKind.Failed => "red",
                    OutcomeKind.NotSelected => "grey",
                    _ => "yellow",
                };
                table.AddRow(
                    WorkoutZone.Local(item.Workout.Start, item.Workout, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(SportTable.DisplayName(item.Workout)),
                    $"[{colour}]{Words(item.Kind)}[/]",
                    Markup.Escape(CliWords.Reason(item, zone) ?? item.IntervalsActivityId ?? string.Empty));
            }

            console.Write(table);
        }

        console.MarkupLine(Summary(report, zone, dryRun));
    }

    /// <summary>"19 uploaded, 2 skipped, 0 failed; 65 not sent: budget spent, resume after 2025-06-11 04:06:00 +02:00".</summary>
    public static string Summary(SyncReport report, TimeZoneInfo zone, bool dryRun)
    {
        var uploaded = dryRun ? $"{report.Count(OutcomeKind.WouldUpload)} would upload" : $"{report.Count(OutcomeKind.Uploaded)} uploaded";
        var line = $"[bold]{uploaded}[/], {report.Skipped} skipped, {report.Count(OutcomeKind.Failed)} failed, {report.Count(OutcomeKind.NotSelected)} not selected";
        if (report.Count(OutcomeKind.NotSent) is > 0 and var notSent)
        {
            line += $"; [yellow]{notSent} not sent[/]: " + report.Stop switch
            {
                { Kind: SyncStopKind.BudgetSpent } stop => "budget spent, " + CliWords.ResumeAt(stop, zone),
                { Kind: SyncStopKind.CredentialsRefused } => "credentials refused",
                { Kind: SyncStopKind.ServiceUnreachable } => "Intervals.icu unreachable",
                _ => "interrupted",
            };
        }

        return line + (dryRun ? " (dry run: nothing was changed)." : ".");
    }

    private static string Words(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Uploaded => "uploaded",
        OutcomeKind.WouldUpload => "would upload",
        OutcomeKind.Failed => "failed",
        OutcomeKind.NotSelected => "not selected",
        OutcomeKind.NotSent => "not sent",
        _ => "skipped",
    };
}
