using System.Globalization;
using System.Text;
using HealthSync.State;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Output;

/// <summary>The history for people: one block per line of history, wrapped at word boundaries to the console's width.</summary>
/// <remarks>
/// Not a table: at 80 columns a five-column table leaves the reason a dozen characters and Spectre then cuts words
/// ("Intervals.i" / "cu"). A block keeps the facts on its first line and gives the reason the whole width.
/// </remarks>
internal static class HistoryView
{
    private const string Indent = "  ";

    public static void Write(IAnsiConsole console, IReadOnlyList<HistoryEntry> entries, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(console);
        var width = Math.Max(40, console.Profile.Width);
        foreach (var entry in entries)
        {
            foreach (var line in Lines(entry, zone, width))
            {
                console.WriteLine(line);
            }
        }

        console.MarkupLine($"{entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}.");
    }

    /// <summary>An entry's lines: "2025-06-12 08:00 · Outdoor Walk · uploaded · i42", then the reason and when it was recorded, indented.</summary>
    public static IEnumerable<string> Lines(HistoryEntry entry, TimeZoneInfo zone, int width)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var own = WorkoutZone.Of(entry.TimeZoneId, zone);
        var status = entry.Status + (entry.Resolved ? " (resolved later)" : string.Empty);
        var head = string.Join(" · ", new[]
        {
            Minute(entry.Start, own),
            entry.Name ?? SportTable.DisplayName(entry.ActivityType),
            status,
            entry.IntervalsActivityId ?? string.Empty,
        }.Where(s => s.Length > 0));
        var detail = new StringBuilder();
        if (entry.Reason is { Length: > 0 } reason)
        {
            detail.Append(reason).Append(". ");
        }

        detail.Append("Recorded ").Append(Minute(entry.At, zone));
        if (entry.ForgottenAt is { } forgotten)
        {
            detail.Append(", forgotten ").Append(Minute(forgotten, zone)).Append(": no longer stands");
        }

        detail.Append('.');
        return [.. Wrap(head, width, string.Empty), .. Wrap(detail.ToString(), width, Indent)];
    }

    /// <summary>Words in lines of at most <paramref name="width"/>, each starting with <paramref name="indent"/> after the first (or all, when the indent is given).</summary>
    /// <remarks>Only a single word longer than a whole line is cut: nothing else can keep it within the width.</remarks>
    public static IEnumerable<string> Wrap(string text, int width, string indent)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(indent);
        var continuation = indent.Length > 0 ? indent : Indent;
        var line = new StringBuilder(indent);
        var hasWord = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            if (hasWord && line.Length + 1 + rest.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(continuation);
                hasWord = false;
            }

            while (line.Length + rest.Length > width)
            {
                var room = width - line.Length;
                line.Append(rest, 0, room);
                yield return line.ToString();
                line.Clear().Append(continuation);
                rest = rest[room..];
            }

            line.Append(hasWord ? " " : string.Empty).Append(rest);
            hasWord = true;
        }

        if (hasWord)
        {
            yield return line.ToString();
        }
    }

    private static string Minute(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
