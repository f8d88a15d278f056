using System.CommandLine;
using HealthSync.Hosting;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync logout`: removes the stored Intervals.icu login (credentials.json).</summary>
internal static class LogoutCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var command = new Command("logout", "Remove the stored Intervals.icu API key.");
        common.AddStateTo(command);
        command.SetAction(parse =>
        {
            var dir = common.ResolveStateDir(parse);
            var path = Path.Combine(dir, CredentialsFile.FileName);
            context.Console.MarkupLine(CredentialsFile.Delete(dir)
                ? $"Logged out: removed {Markup.Escape(path)}."
                : $"No stored login in {Markup.Escape(dir)}: nothing to remove.");
            // The key may still come from the environment; say so rather than let a later run surprise.
            foreach (var name in new[] { "INTERVALS_API_KEY", "INTERVALS_ACCESS_TOKEN" }.Where(n => common.Variable(n) is not null))
            {
                context.Console.MarkupLine($"[yellow]{name} is still set[/] in the environment, and runs will use it.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
