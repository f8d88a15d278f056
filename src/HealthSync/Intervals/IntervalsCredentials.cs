using System.Net.Http.Headers;
using System.Text;

namespace HealthSync.Intervals;

/// <summary>How the client proves who it is: a personal API key (HTTP Basic) or an OAuth access token (Bearer).</summary>
/// <remarks>The secret is only ever turned into an Authorization header; <see cref="ToString"/> never shows it.</remarks>
public sealed class IntervalsCredentials
{
    private readonly string secret;

    private IntervalsCredentials(IntervalsCredentialKind kind, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        Kind = kind;
        this.secret = secret.Trim();
    }

    /// <summary>Which kind of secret this is.</summary>
    public IntervalsCredentialKind Kind { get; }

    /// <summary>A personal API key from Settings → Developer Settings, sent as Basic <c>API_KEY:&lt;key&gt;</c>.</summary>
    public static IntervalsCredentials FromApiKey(string apiKey) => new(IntervalsCredentialKind.ApiKey, apiKey);

    /// <summary>An OAuth access token, sent as Bearer.</summary>
    public static IntervalsCredentials FromAccessToken(string accessToken) => new(IntervalsCredentialKind.AccessToken, accessToken);

    internal AuthenticationHeaderValue ToHeader() => Kind switch
    {
        // The service wants the literal user name API_KEY; a key sent as Bearer is answered 403.
        IntervalsCredentialKind.ApiKey => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("API_KEY:" + secret))),
        _ => new AuthenticationHeaderValue("Bearer", secret),
    };

    /// <summary>The kind only; the secret is never shown.</summary>
    public override string ToString() => $"{Kind} (secret hidden)";
}

/// <summary>The two ways Intervals.icu accepts to authenticate.</summary>
public enum IntervalsCredentialKind
{
    /// <summary>Personal API key (HTTP Basic, user API_KEY).</summary>
    ApiKey,

    /// <summary>OAuth access token (Bearer).</summary>
    AccessToken,
}
