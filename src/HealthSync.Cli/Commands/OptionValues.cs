using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace HealthSync.Cli.Commands;

/// <summary>
/// The parsers of option values: each error names the option, the value and the form expected, in the user's words
/// (System.CommandLine's own say "expected type 'System.Nullable`1[System.DateOnly]'").
/// </summary>
internal static class OptionValues
{
    /// <summary>The service's address when none is given.</summary>
    public const string DefaultBaseUrl = "https://intervals.icu";

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

    /// <summary>An Intervals.icu address: absolute, https (plain http only to this machine).</summary>
    public static Uri? BaseUrl(ArgumentResult result)
    {
        if (TryBaseUrl(Text(result), out var url, out var why))
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

    /// <summary>
    /// Checks a base URL from wherever it came (option, environment, stored login). <paramref name="why"/> says what is
    /// wrong, starting with the value, so a caller can put the place it came from in front.
    /// </summary>
    public static bool TryBaseUrl(string text, [NotNullWhen(true)] out Uri? url, out string why)
    {
        url = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp) || parsed.Host.Length == 0)
        {
            why = $"'{text}' is not a URL; give the full address, e.g. {DefaultBaseUrl}";
            return false;
        }

        // The key travels in a header: over plain http anyone on the way reads it. Loopback never leaves the machine
        // (the stand-in, a local proxy), so it is the one exception.
        if (parsed.Scheme == Uri.UriSchemeHttp && !IsLoopback(parsed))
        {
            why = $"'{text}' is plain http, which would send the API key in clear text; use https:// (http:// only for 127.0.0.1, ::1 or localhost)";
            return false;
        }

        url = parsed;
        why = string.Empty;
        return true;
    }

    /// <summary>The same service whatever the spelling: case of scheme and host, a default port, a trailing slash.</summary>
    public static bool SameService(Uri a, Uri b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    private static string Canonical(Uri url) =>
        FormattableString.Invariant($"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}:{url.Port}{url.AbsolutePath.TrimEnd('/')}");

    private static bool IsLoopback(Uri url) =>
        string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

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
