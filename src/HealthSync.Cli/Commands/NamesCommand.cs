using System.CommandLine;
using System.Globalization;
using HealthSync.Cli.Output;
using HealthSync.State;
using HealthSync.Sync;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync names` lists the workout names no table knows and the user's own; `names map "NAME" TYPE` maps one; `names types` lists the types.</summary>
/// <remarks>The same core calls as the web app's Names page (<see cref="ActivityNameMappings"/>): a host binds input and renders.</remarks>
internal static class NamesCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var command = new Command("names", "List Health Auto Export workout names HealthSync does not know (those workouts wait) and the names you mapped.");
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            using var state = SyncState.Open(common.ResolveStateDir(parse), context.Time);
            Show(context, state);
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(MapCommand(context, common));
        command.Subcommands.Add(TypesCommand(context));
        return command;
    }

    private static Command MapCommand(CliContext context, CommonOptions common)
    {
        var name = new Argument<string>("NAME") { Description = "The workout's name as the phone sends it, e.g. \"Marche nordique\" (accents and case do not matter)" };
        var type = new Argument<string>("TYPE") { Description = "The activity type it means, e.g. Walking (`healthsync names types` lists them)" };
        var command = new Command("map", "Map a workout name to an activity type: the stored documents holding it are read again by the next sync (or the server) and their workouts synced.") { name, type };
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            var dir = common.ResolveStateDir(parse);
            // The server reads the documents again as soon as a name is mapped on its Names page; from here it would
            // not know to, so while it holds the state the page is the way.
            using var held = StateLock.TryAcquire(dir, out var holder);
            if (held is null)
            {
                context.Error.WriteLine(CliWords.StateHeld(dir, holder, "map the name on the Names page"));
                return ExitCodes.Busy;
            }

            using var state = SyncState.Open(dir, context.Time);
            ActivityNameMapped mapped;
            try
            {
                mapped = ActivityNameMappings.Map(state, parse.GetRequiredValue(name), parse.GetRequiredValue(type), context.Time.GetUtcNow());
            }
            catch (ArgumentException ex)
            {
                context.Error.WriteLine($"error: names map: {Trimmed(ex)}");
                return ExitCodes.BadInput;
            }

            context.Console.MarkupLine($"Mapped [bold]{Markup.Escape(mapped.Name)}[/] to {Markup.Escape(mapped.ActivityType)}.");
            if (mapped.DocumentsToReadAgain > 0)
            {
                // Both read waiting documents first: `sync`/`backfill` before their run, the server when it starts.
                context.Console.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{mapped.DocumentsToReadAgain} stored document(s) held it: the next [bold]healthsync sync[/] (or [bold]backfill[/]) or the server reads {mapped.DocumentsToReadAgain} document(s) again, and syncs their workouts (those that ended before sync was turned on, as from a backfilled file, with [bold]healthsync backfill[/])."));
            }

            context.Console.MarkupLine("A Health Auto Export file given to [bold]sync[/], [bold]backfill[/] or [bold]inspect[/] uses the name from now on.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command TypesCommand(CliContext context)
    {
        var command = new Command("types", "List the activity types a name can be mapped to.");
        command.SetAction(_ =>
        {
            var table = new Table().Border(TableBorder.None);
            table.AddColumn(new TableColumn("Type").PadLeft(0));
            table.AddColumn(new TableColumn("Shown as"));
            foreach (var (type, display) in ActivityNameMappings.Types.OrderBy(t => t.Type, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(type), Markup.Escape(display));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Show(CliContext context, SyncState state)
    {
        var unknown = state.UnknownActivityNames();
        if (unknown.Count == 0)
        {
            context.Console.MarkupLine("No workout waits for a name: every name pushed so far is known.");
        }
        else
        {
            context.Console.MarkupLine("[bold]Waiting for a type[/] (map each with [bold]healthsync names map \"NAME\" TYPE[/]):");
            foreach (var name in unknown)
            {
                var language = name.Language switch { "en" => "English", "fr" => "French", "de" => "German", null => "language not known", var other => other };
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {Markup.Escape(name.Name)} · {language} · {name.Workouts} workout(s)"));
            }
        }

        var mappings = state.UserActivityNames();
        if (mappings.Count > 0)
        {
            context.Console.MarkupLine("[bold]Your names[/]:");
            foreach (var mapping in mappings)
            {
                context.Console.MarkupLine($"  {Markup.Escape(mapping.Name)} → {Markup.Escape(mapping.ActivityType)}");
            }
        }
    }

    private static string Trimmed(ArgumentException ex) => ex.ParamName is { } parameter && ex.Message.EndsWith($" (Parameter '{parameter}')", StringComparison.Ordinal)
        ? ex.Message[..^($" (Parameter '{parameter}')".Length)]
        : ex.Message;
}
