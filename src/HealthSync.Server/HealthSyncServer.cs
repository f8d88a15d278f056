using System.Threading.RateLimiting;
using HealthSync.Server.Push;
using HealthSync.Server.Secrets;
using HealthSync.Server.Web;
using HealthSync.Server.Work;
using HealthSync.State;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace HealthSync.Server;

/// <summary>The HealthSync server on Kestrel: push receiver, background worker and web app over one state folder.</summary>
/// <remarks>It holds the state's <see cref="StateLock"/> for its whole life, so a command-line sync meanwhile says the server holds the state.</remarks>
public sealed class HealthSyncServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StateLock _lock;

    private HealthSyncServer(WebApplication app, StateLock held)
    {
        _app = app;
        _lock = held;
    }

    /// <summary>Root URL with the bound port, e.g. http://127.0.0.1:8080/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Where the owner signs in: the first-start page with its one-time code, or the sign-in page.</summary>
    public Uri SignInAddress => _app.Services.GetRequiredService<WebPassword>().SetupCode is { } code
        ? new Uri(BaseAddress, $"setup?code={code}")
        : new Uri(BaseAddress, "login");

    internal SyncJobs Jobs => _app.Services.GetRequiredService<SyncJobs>();

    internal PushToken PushToken => _app.Services.GetRequiredService<PushToken>();

    /// <summary>Checks the options and that it can listen, takes the state folder's lock, then starts listening (port 0 picks a free port) and the worker.</summary>
    /// <exception cref="ArgumentException">An option the server must not start with (<see cref="ServerOptions.Validate"/>); nothing is touched.</exception>
    /// <exception cref="ServerStartRefusedException">It cannot listen at <see cref="ServerOptions.Urls"/> (nothing was created), or another process (a sync, another server) holds the state folder.</exception>
    /// <exception cref="StateUnavailableException">The state folder cannot be created or written.</exception>
    public static async Task<HealthSyncServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ListenCheck.Ensure(options.Urls); // first: a server that cannot listen creates nothing
        var held = StateLock.TryAcquire(options.StateDirectory, out var holder)
            ?? throw new ServerStartRefusedException(ServerStartRefusal.StateHeld, holder.Server is null
                ? $"another HealthSync process (pid {holder.Pid}), a sync or a backfill, is using the state folder {options.StateDirectory}. Wait for it to finish, then start the server again"
                : $"the HealthSync server (pid {holder.Pid}) at {holder.Server} already holds the state folder {options.StateDirectory}. Stop it first, or give this one another --state-dir");
        WebApplication? app = null;
        try
        {
            PrivateState.Narrow(options.StateDirectory);
            app = Build(options);
            if (options.ResetPassword)
            {
                // Whoever holds the console holds the server: a lost password is replaced through the set-up page.
                app.Services.GetRequiredService<WebPassword>().Reset();
                app.Services.GetRequiredService<ServerStateHandle>().State.EndWebSessions(keep: null);
            }

            var server = new HealthSyncServer(app, held);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            server.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
            held.RecordServer(server.BaseAddress);
            return server;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Taken between ListenCheck and Kestrel's bind: the same words.
            await DisposeIfBuiltAsync(app).ConfigureAwait(false);
            held.Dispose();
            throw new ServerStartRefusedException(ServerStartRefusal.CannotListen, ListenCheck.Busy(options.Urls, 0), ex);
        }
        catch
        {
            await DisposeIfBuiltAsync(app).ConfigureAwait(false);
            held.Dispose();
            throw;
        }
    }

    /// <summary>Asks the server to stop, as SIGTERM and Ctrl+C do: <see cref="WaitForShutdownAsync"/> returns, and <see cref="DisposeAsync"/> stops it.</summary>
    public void Stop() => _app.Lifetime.StopApplication();

    /// <summary>Completes once the server is asked to stop (SIGTERM, Ctrl+C, <see cref="Stop"/>) and has stopped, within <see cref="ServerOptions.ShutdownGrace"/>.</summary>
    /// <param name="cancellationToken">Asks the server to stop, as <see cref="Stop"/> does.</param>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server unless it has stopped already, then releases the state folder.</summary>
    public async ValueTask DisposeAsync()
    {
        // Once: a second stop after WaitForShutdownAsync's would give the job in flight a second grace.
        if (!_app.Lifetime.ApplicationStopped.IsCancellationRequested)
        {
            await _app.StopAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _lock.Dispose();
    }

    private static async Task DisposeIfBuiltAsync(WebApplication? app)
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static WebApplication Build(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HealthSyncServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        // Every request body is a form of a few fields unless its endpoint says otherwise: the push raises the limit to
        // its own (64 MB) after the token, the export upload streams to disk with none. (At Kestrel's default, 30 MB,
        // or the old push-sized default, anyone could make the sign-in form buffer a hundred megabytes.)
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ServerOptions.MaxFormBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.ValueLengthLimit = (int)ServerOptions.MaxFormBytes);
        builder.Logging.ClearProviders();
        if (options.ConsoleLog)
        {
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
            // Request lines carry paths with the one-time setup code: only warnings from the framework.
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            // "No XML encryptor configured" at each first start: the session keys are written mode 600 in the state
            // folder, as the other secrets are; a key to encrypt them would have to live beside them.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        }

        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownGrace);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new PushToken(options.StateDirectory, options.PushToken));
        builder.Services.AddSingleton<WrongTokenLimiter>();
        builder.Services.AddSingleton(new WebPassword(options.StateDirectory, options.WebPassword, options.PasswordIterations));
        builder.Services.AddSingleton<ServerStateHandle>();
        builder.Services.AddSingleton<PushRefusals>();
        builder.Services.AddSingleton<ServerAccount>();
        builder.Services.AddSingleton<SyncJobs>();
        builder.Services.AddHostedService(s => s.GetRequiredService<SyncJobs>());
        builder.Services.AddHostedService<IdleMemory>();
        if (options.WarmUp)
        {
            builder.Services.AddHostedService<WarmUp>();
        }

        // Sessions survive a restart: the cookie keys live in the state folder, beside the other secrets. The fixed
        // application name keeps them valid from any working folder (the default name is the content root, which is
        // the folder the server was started from: a restart from elsewhere signed everyone out).
        builder.Services.AddDataProtection()
            .SetApplicationName("HealthSync")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.StateDirectory, PrivateState.WebKeysFolder)));
        builder.Services.Configure<ForwardedHeadersOptions>(f => TrustedProxies.Configure(f, options.TrustedProxies));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(c =>
        {
            c.LoginPath = "/login";
            c.LogoutPath = "/logout";
            c.Cookie.Name = "healthsync";
            c.Cookie.HttpOnly = true;
            c.Cookie.SameSite = SameSiteMode.Strict;
            c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // plain HTTP on loopback; Secure behind the TLS proxy
            c.ExpireTimeSpan = TimeSpan.FromDays(30);
            c.SlidingExpiration = true;
            c.Events.OnValidatePrincipal = Sessions.ValidateAsync; // a cookie whose session was ended opens nothing
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "healthsync-af";
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure behind the TLS proxy, as the session cookie
        });
        builder.Services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.AddPolicy(AuthPages.SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        var app = builder.Build();

        // First: behind the TLS proxy, the scheme, host and client address are the proxy's words (from trusted
        // proxies only), so cookies are Secure, the push URL is the public https one, and limits count per client.
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapPost(PushEndpoint.Path, PushEndpoint.HandleAsync);
        Assets.Map(app);
        AuthPages.Map(app);
        var pages = app.MapGroup("").RequireAuthorization();
        StatusPage.Map(pages);
        SettingsPage.Map(pages);
        AccountPage.Map(pages);
        HistoryPage.Map(pages);
        NamesPage.Map(pages);
        PhonePage.Map(pages);
        PasswordPage.Map(pages);
        BackfillPage.Map(pages);
        return app;
    }
}
