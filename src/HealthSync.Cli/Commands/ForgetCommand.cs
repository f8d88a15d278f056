using System.CommandLine;
using System.Globalization;
using HealthSync.Cli.Output;
using HealthSync.State;
using HealthSync.Sync;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync forget WORKOUT_ID...` or `forget --from DATE --to DATE`: the undo; the next run decides those workouts afresh.</summary>
/// <remarks>
/// Only the recorded outcome goes: the history keeps its lines, marked forgotten. The next run looks each workout up
/// in Intervals.icu by its external_id before uploading, so one still there is found, not sent twice.
/// </remarks>
internal static class ForgetCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var ids = new Argument<string[]>("WORKOUT_ID") { Description = "Workout ids as history --json and sync --json show them (ah-...)", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<DateOnly?>("--from") { Description = "Every recorded workout that started on or after this local date (YYYY-MM-DD)", CustomParser = OptionValues.Date };
        var to = new Option<DateOnly?>("--to") { Description = "... and on or before this local date (YYYY-MM-DD)", CustomParser = OptionValues.Date };
        var command = new Command("forget", "Make workouts candidates again (a wrong skip, an activity deleted in Intervals.icu): the next sync or backfill decides them afresh.") { ids, from, to };
        common.AddStateTo(command);
        command.SetAction(parse => Run(context, common, parse, parse.GetValue(ids) ?? [], parse.GetValue(from), parse.GetValue(to)));
        return command;
    }

    private static int Run(CliContext context, CommonOptions common, ParseResult parse, string[] ids, DateOnly? from, DateOnly? to)
    {
        if (Usage(ids, from, to) is { } usage)
        {
            context.Error.WriteLine($"error: forget: {usage}");
            return ExitCodes.BadInput;
        }

        var dir = common.ResolveStateDir(parse);
        if (!File.Exists(Path.Combine(dir, SyncState.FileName)))
        {
            context.Error.WriteLine($"error: no sync state in {dir}: nothing has been recorded, so there is nothing to forget.");
            return ExitCodes.BadInput;
        }

        // A run in progress would record over what is forgotten here.
        using var held = StateLock.TryAcquire(dir, out var holder);
        if (held is null)
        {
            context.Error.WriteLine(CliWords.StateHeld(dir, holder, "use Forget on the History page"));
            return ExitCodes.Busy;
        }

        using var state = SyncState.Open(dir, context.Time);
        var zone = SyncSettings.Load(state, context.Time.LocalTimeZone.Id).TimeZone;
        var chosen = ids.Length > 0 ? ids : state.RecordedBetween(from ?? DateOnly.MinValue, to ?? DateOnly.MaxValue, zone);
        var forgotten = state.Forget(chosen, zone, context.Time.GetUtcNow());
        var unknown = ids.Except(forgotten.Select(f => f.WorkoutId), StringComparer.Ordinal).ToList();
        foreach (var id in unknown)
        {
            context.Error.WriteLine($"not forgotten: {id} has no recorded outcome (history --json lists the ids).");
        }

        if (forgotten.Count == 0)
        {
            context.Console.MarkupLine(ids.Length > 0 ? "Nothing forgotten." : "No recorded workout started in those dates: nothing forgotten.");
            return ids.Length > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }

        foreach (var f in forgotten)
        {
            var start = f.LocalStart?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "unknown start";
            context.Console.MarkupLine($"  {start} · {Markup.Escape(f.Name ?? "Workout")} · [grey]{Markup.Escape(f.WorkoutId)}[/]");
        }

        context.Console.MarkupLine($"Forgot {forgotten.Count} workout(s): the next [bold]healthsync sync[/] or [bold]healthsync backfill[/] decides them afresh (the history keeps their lines, marked forgotten).");
        if (forgotten.Count(f => !f.InInbox) is > 0 and var gone)
        {
            context.Console.MarkupLine($"{gone} of them are no longer kept locally: give that run an export that holds them.");
        }

        return unknown.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>What is wrong with the selection, or null. (In the action, not a validator: a bad date is already reported, and reading it there throws.)</summary>
    private static string? Usage(string[] ids, DateOnly? from, DateOnly? to) =>
        (ids.Length, from, to) switch
        {
            (0, null, null) => "give WORKOUT_ID..., or --from DATE and --to DATE",
            (> 0, _, _) when from is not null || to is not null => "give either WORKOUT_ID... or --from/--to, not both",
            _ when from > to => $"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}",
            _ => null,
        };
}
