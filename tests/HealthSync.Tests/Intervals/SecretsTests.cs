using HealthSync.Intervals;
using IntervalsStandIn;
using Microsoft.Extensions.Logging;

namespace HealthSync.Tests.Intervals;

public sealed class SecretsTests
{
    [Fact]
    public void Should_Hide_Secret_In_ToString_Of_Credentials_And_Options()
    {
        var credentials = IntervalsCredentials.FromApiKey(StandIn.ApiKey);
        var options = new IntervalsOptions { Credentials = credentials };

        Assert.DoesNotContain(StandIn.ApiKey, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(StandIn.ApiKey, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Keep_Secret_Out_Of_Logs_And_Errors()
    {
        await using var server = await StandIn.StartAsync();
        server.Faults.Enqueue(Fault.Error(503), Fault.Drop(), Fault.RateLimit(TimeSpan.FromSeconds(1)));
        var time = StandIn.Time();
        var logger = new ListLogger();
        using var client = new IntervalsClient(StandIn.Options(server), time, logger);

        await time.DriveAsync(client.ListActivitiesAsync(new DateTime(2025, 1, 1), new DateTime(2025, 2, 1), CancellationToken.None));
        var error = await Assert.ThrowsAsync<IntervalsRejectedException>(() => client.GetActivityAsync("missing", CancellationToken.None));

        Assert.Equal(3, logger.Messages.Count(m => m.StartsWith("Retrying", StringComparison.Ordinal)));
        Assert.All(logger.Messages, m => Assert.DoesNotContain(StandIn.ApiKey, m, StringComparison.Ordinal));
        Assert.DoesNotContain(StandIn.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<IntervalsClient>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
            {
                Messages.Add(formatter(state, exception) + exception);
            }
        }
    }
}
