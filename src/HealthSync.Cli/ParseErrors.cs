using System.CommandLine;
using System.CommandLine.Parsing;
using HealthSync.Cli.Commands;

namespace HealthSync.Cli;

/// <summary>What was wrong with the command line, in the user's words: an unknown command or option comes with the nearest known one.</summary>
internal static class ParseErrors
{
    /// <summary>One line for each problem, without the "error: " in front.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        var lines = new List<string>();
        var unknownCommand = false;
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (token.StartsWith('-'))
            {
                var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
                lines.Add($"unknown option '{token}'{Hint(token.TrimStart('-'), names.Select(n => n[2..]), "--")}");
            }
            else if (i == 0 && command.Subcommands.Count > 0)
            {
                unknownCommand = true;
                lines.Add($"unknown command '{token}'{Hint(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name), string.Empty)}");
            }
            else
            {
                lines.Add($"unexpected argument '{token}'");
            }
        }

        foreach (var error in parse.Errors)
        {
            // System.CommandLine's own line for each unmatched token says less than the lines above; after an unknown
            // command its "Required command was not provided." is the same problem again.
            if (unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) || (unknownCommand && error.SymbolResult is CommandResult))
            {
                continue;
            }

            lines.Add(error.Message);
        }

        return lines;
    }

    private static string Hint(string typed, IEnumerable<string> known, string prefix) =>
        Suggestions.Nearest(typed, known) is { } nearest ? $"; did you mean '{prefix}{nearest}'?" : string.Empty;
}
