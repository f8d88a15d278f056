using HealthSync.Intervals;
using IntervalsStandIn;

namespace HealthSync.Tests.Intervals;

/// <summary>Starts the stand-in in-process on an ephemeral loopback port and makes clients for it.</summary>
internal static class StandIn
{
    public const string ApiKey = "sk-test-5b2f9c1e77";
    public const string AccessToken = "oauth-token-31d4e8";

    /// <summary>Attempt timeout in tests: long, and ignored by <see cref="SignallingTimeProvider"/>.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(100);

    public static Task<StandInServer> StartAsync(Action<StandInOptions>? configure = null)
    {
        var options = new StandInOptions { ApiKey = ApiKey };
        options.AccessTokens.Add(AccessToken);
        configure?.Invoke(options);
        return StandInServer.StartAsync(options);
    }

    public static IntervalsOptions Options(StandInServer server, IntervalsCredentials? credentials = null) => new()
    {
        BaseUrl = server.BaseAddress,
        Credentials = credentials ?? IntervalsCredentials.FromApiKey(ApiKey),
        AttemptTimeout = AttemptTimeout,
    };

    public static IntervalsClient Client(StandInServer server, TimeProvider time, Action<IntervalsOptions>? configure = null, IntervalsCredentials? credentials = null)
    {
        var options = Options(server, credentials);
        configure?.Invoke(options);
        return new IntervalsClient(options, time);
    }

    public static SignallingTimeProvider Time() => new(AttemptTimeout);
}
