using System.CommandLine;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync sports` lists the seven categories; `sports enable|disable CATEGORY...` turns them on or off.</summary>
internal static class SportsCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var command = new Command("sports", "List the sports to sync, or change them with `sports enable|disable CATEGORY...`.");
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            using var state = SyncState.Open(common.ResolveStateDir(parse), context.Time);
            Show(context.Console, SyncSettings.Load(state, context.Time.LocalTimeZone.Id));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(Change(context, common, "enable", on: true));
        command.Subcommands.Add(Change(context, common, "disable", on: false));
        return command;
    }

    private static Command Change(CliContext context, CommonOptions common, string name, bool on)
    {
        var categories = new Argument<string[]>("CATEGORY") { Description = string.Join(", ", SportCategories.All.Select(c => c.ToId())), Arity = ArgumentArity.OneOrMore };
        var command = new Command(name, $"Turn sports {(on ? "on" : "off")}.") { categories };
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            var parsed = new List<SportCategory>();
            foreach (var id in parse.GetRequiredValue(categories))
            {
                if (!SportCategories.TryParseId(id, out var category))
                {
                    var ids = SportCategories.All.Select(c => c.ToId()).ToList();
                    var hint = Suggestions.Nearest(id, ids) is { } nearest ? $"did you mean '{nearest}'? " : string.Empty;
                    context.Error.WriteLine($"error: unknown sport '{id}'; {hint}The sports are {string.Join(", ", ids)}.");
                    return ExitCodes.BadInput;
                }

                parsed.Add(category);
            }

            using var state = SyncState.Open(common.ResolveStateDir(parse), context.Time);
            foreach (var category in parsed)
            {
                SyncSettings.SetSport(state, category, on);
            }

            Show(context.Console, SyncSettings.Load(state, context.Time.LocalTimeZone.Id));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Show(IAnsiConsole console, SyncSettings settings)
    {
        var table = new Table().Border(TableBorder.None);
        table.AddColumn(new TableColumn("Sport").PadLeft(0));
        table.AddColumn(new TableColumn("Id"));
        table.AddColumn(new TableColumn("Sync"));
        table.AddColumn(new TableColumn("Note"));
        foreach (var category in SportCategories.All)
        {
            var on = settings.Sports.Contains(category);
            table.AddRow(
                Markup.Escape(category.DisplayName()),
                category.ToId(),
                on ? "[green]on[/]" : "[grey]off[/]",
                Markup.Escape(SportCategories.DefaultOffReason(category) ?? string.Empty));
        }

        console.Write(table);
    }
}
