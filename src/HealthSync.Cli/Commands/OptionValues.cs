using System.CommandLine.Parsing;
using System.Globalization;
using HealthSync.Intervals;

namespace HealthSync.Cli.Commands;

/// <summary>
/// The parsers of option values: each error names the option, the value and the form expected, in the user's words
/// (System.CommandLine's own say "expected type 'System.Nullable`1[System.DateOnly]'").
/// </summary>
internal static class OptionValues
{
    /// <summary>A date, only as YYYY-MM-DD: "01/05/2025" is 1 May to some and 5 January to others, so it is refused.</summary>
    public static DateOnly? Date(ArgumentResult result)
    {
        var text = Text(result);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"{Name(result)}: '{text}' is not a date in the form YYYY-MM-DD");
        return null;
    }

    /// <summary>An Intervals.icu address: absolute, https (plain http only to this machine), by <see cref="ServiceAddress"/>.</summary>
    public static Uri? BaseUrl(ArgumentResult result)
    {
        if (ServiceAddress.TryParse(Text(result), out var url, out var why))
        {
            return url;
        }

        result.AddError($"{Name(result)}: {why}");
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, for an option without a default.</summary>
    public static Func<ArgumentResult, int?> WholeNumber(int min, int max) => result => Whole(result, min, max);

    /// <summary>As <see cref="WholeNumber"/>, for an option with a default (its value type is not nullable).</summary>
    public static Func<ArgumentResult, int> WholeNumberOr(int min, int max, int fallback) => result => Whole(result, min, max) ?? fallback;

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/> (a dot for decimals, as in 2.5).</summary>
    public static Func<ArgumentResult, double?> Number(double min, double max) => result =>
    {
        var text = Text(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(FormattableString.Invariant($"{Name(result)}: '{text}' is not a number from {min} to {max} (e.g. {max / 2})"));
        return null;
    };

    /// <summary>One of a few words; a near miss is answered with the nearest.</summary>
    public static Func<ArgumentResult, string?> OneOf(params string[] words) => result =>
    {
        var text = Text(result);
        if (words.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        var nearest = Suggestions.Nearest(text, words);
        var hint = nearest is null ? string.Empty : $"; did you mean '{nearest}'?";
        result.AddError($"{Name(result)}: '{text}' is not one of {string.Join(", ", words)}{hint}");
        return null;
    };

    private static int? Whole(ArgumentResult result, int min, int max)
    {
        var text = Text(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(FormattableString.Invariant($"{Name(result)}: '{text}' is not a whole number from {min} to {max:N0}"));
        return null;
    }

    private static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
