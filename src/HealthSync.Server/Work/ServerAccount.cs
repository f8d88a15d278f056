using HealthSync.Intervals;
using HealthSync.Hosting;

namespace HealthSync.Server.Work;

/// <summary>The Intervals.icu account the server syncs to: the one the account page (or `healthsync login`) stored.</summary>
internal sealed class ServerAccount(ServerOptions options)
{
    /// <summary>Client options for a run, or null when no account is connected.</summary>
    public IntervalsOptions? Resolve() => From(CredentialsFile.Read(options.StateDirectory));

    public StoredCredentials? Stored() => CredentialsFile.Read(options.StateDirectory);


    public IntervalsOptions? From(StoredCredentials? stored)
    {
        IntervalsCredentials? credentials = stored switch
        {
            { ApiKey: { Length: > 0 } key } => IntervalsCredentials.FromApiKey(key),
            { AccessToken: { Length: > 0 } token } => IntervalsCredentials.FromAccessToken(token),
            _ => null,
        };
        // An address the key must not go to (stored by an older release's Account page) connects nothing: the page
        // says why, and the key is never sent there.
        if (credentials is null || (stored!.BaseUrl is { } text && !ServiceAddress.TryParse(text, out _, out _)))
        {
            return null;
        }

        var result = new IntervalsOptions
        {
            Credentials = credentials,
            AthleteId = stored.AthleteId ?? "0",
            BaseUrl = new Uri(stored.BaseUrl ?? ServiceAddress.Default),
        };
        options.ConfigureAccount?.Invoke(result);
        return result;
    }
}
