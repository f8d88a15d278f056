using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace HealthSync.Intervals;

/// <summary>
/// Where an Intervals.icu key may be sent: an absolute https address, or plain http to this machine only. The one copy
/// of the rule, for every host (the command line's options and stored login, the server's Account page) and the client.
/// </summary>
public static class ServiceAddress
{
    /// <summary>The service's address when none is given.</summary>
    public const string Default = "https://intervals.icu";

    private const string PlainHttp = "is plain http, which would send the API key in clear text; use https:// (http:// only for 127.0.0.1, ::1 or localhost)";

    /// <summary>
    /// Reads an address typed or stored by the user. <paramref name="why"/> says what is wrong in the user's words,
    /// starting with the value, so a caller can put the place it came from (an option, a variable, a form) in front.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? url, out string why)
    {
        ArgumentNullException.ThrowIfNull(text);
        url = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || !IsHttp(parsed) || parsed.Host.Length == 0)
        {
            why = $"'{text}' is not a URL; give the full address, e.g. {Default}";
            return false;
        }

        if (!MayCarryKey(parsed, out _))
        {
            why = $"'{text}' {PlainHttp}";
            return false;
        }

        url = parsed;
        why = string.Empty;
        return true;
    }

    /// <summary>Whether a key may travel to <paramref name="url"/>; when not, <paramref name="why"/> says so with the address.</summary>
    public static bool MayCarryKey(Uri url, out string why)
    {
        ArgumentNullException.ThrowIfNull(url);

        // The key travels in a header: over plain http anyone on the way reads it. Loopback never leaves the machine
        // (the stand-in, a local proxy), so it is the one exception.
        if (!url.IsAbsoluteUri || !IsHttp(url) || (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url)))
        {
            why = url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttp ? $"'{url}' {PlainHttp}" : $"'{url}' is not an http(s) URL";
            return false;
        }

        why = string.Empty;
        return true;
    }

    /// <summary>The same service whatever the spelling: case of scheme and host, a default port, a trailing slash.</summary>
    public static bool SameService(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);
    }

    private static bool IsHttp(Uri url) => url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp;

    private static string Canonical(Uri url) =>
        FormattableString.Invariant($"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}:{url.Port}{url.AbsolutePath.TrimEnd('/')}");

    private static bool IsLoopback(Uri url) =>
        string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
