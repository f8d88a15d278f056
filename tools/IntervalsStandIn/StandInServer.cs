using System.Text.Json.Nodes;

namespace IntervalsStandIn;

/// <summary>The stand-in, running on Kestrel: start it in-process (tests) or from Program (demos, CLI tests).</summary>
public sealed class StandInServer : IAsyncDisposable
{
    internal const string RecordKey = "standin.record";
    private readonly WebApplication app;

    private StandInServer(StandInOptions options, WebApplication app)
    {
        Options = options;
        this.app = app;
        Faults = new FaultPlan(options);
        Limiter = new StandInLimiter(options);
    }

    /// <summary>Root URL with the bound port, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public StandInOptions Options { get; }

    /// <summary>Every API request received (not the /_standin admin ones).</summary>
    public ReceivedLog Received { get; } = new();

    public ActivityStore Activities { get; } = new();

    /// <summary>Faults for the next requests (scripted) and at random (shares from the options).</summary>
    public FaultPlan Faults { get; }

    internal StandInLimiter Limiter { get; }

    /// <summary>Starts listening (port 0 picks a free port) and seeds activities from <see cref="StandInOptions.SeedFile"/>.</summary>
    public static async Task<StandInServer> StartAsync(StandInOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(StandInServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StandInServer(options, app);
        app.Use((context, next) => Gate.RunAsync(context, next, server));
        ApiEndpoints.Map(app, server);
        AdminEndpoints.Map(app, server);
        if (options.SeedFile is { } seed)
        {
            var activities = JsonNode.Parse(await File.ReadAllTextAsync(seed, cancellationToken)) as JsonArray
                ?? throw new InvalidDataException($"{seed} must hold a JSON array of activities");
            server.Activities.Seed(activities, options.AthleteId);
        }

        await app.StartAsync(cancellationToken);
        // With port 0 Kestrel reports the port it bound.
        server.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
