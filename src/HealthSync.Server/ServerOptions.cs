using HealthSync.HealthAutoExport;
using HealthSync.Intervals;
using HealthSync.Workouts;

namespace HealthSync.Server;

/// <summary>How <see cref="HealthSyncServer"/> starts: where it listens, its state folder, its secrets and its parser.</summary>
public sealed class ServerOptions
{
    /// <summary>The largest push body accepted (64 MB): a long run with a 1 Hz route is about 3.5 MB.</summary>
    public const long DefaultMaxPushBytes = 64L * 1024 * 1024;

    /// <summary>The largest body of a form (sign-in, settings, account): 64 KB, far above any of them.</summary>
    public const long MaxFormBytes = 64 * 1024;

    /// <summary>The most workouts one push may hold (10,000: ten years of daily workouts); a larger document is refused with 413 in words.</summary>
    public const int DefaultMaxWorkoutsPerPush = 10_000;

    /// <summary>Where to listen. Default loopback only: reach it from elsewhere through a TLS reverse proxy.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The state folder, shared with the command line. Required.</summary>
    public required string StateDirectory { get; set; }

    /// <summary>The clock of the sync rules and of the pages. Default the system's.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The zone stored as the time-zone setting when none is set. Default the machine's.</summary>
    public TimeZoneInfo MachineZone { get; set; } = TimeZoneInfo.Local;

    /// <summary>
    /// Reads a pushed Health Auto Export document (stream, document name, reader options with the user's own activity
    /// names) into workouts. Null: documents are stored and wait, unread, until a server with a reader starts.
    /// </summary>
    public Func<Stream, string, HealthAutoExportOptions, IWorkoutSource>? Parser { get; set; }

    /// <summary>
    /// How to run the command-line tool that reads a Health app export for the server (`inspect --lines`): the program
    /// and the arguments before the tool's own (the native tool: itself, none; a managed one: dotnet, its dll). Null:
    /// the server reads exports itself. <see cref="ServerProgram"/> sets the tool installed beside the server.
    /// </summary>
    public ExportReaderCommand? ExportReader { get; set; }

    /// <summary>The web password to use (HEALTHSYNC_WEB_PASSWORD); null: the one set on the first-start page.</summary>
    public string? WebPassword { get; set; }

    /// <summary>
    /// The push token to use (HEALTHSYNC_PUSH_TOKEN); null: the stored one, generated at first start. A given token must
    /// have at least 32 characters of hex or base64 (<see cref="Validate"/>).
    /// </summary>
    public string? PushToken { get; set; }

    /// <summary>Largest push body. Default <see cref="DefaultMaxPushBytes"/>.</summary>
    public long MaxPushBytes { get; set; } = DefaultMaxPushBytes;

    /// <summary>The most workouts one push may hold. Default <see cref="DefaultMaxWorkoutsPerPush"/>.</summary>
    public int MaxWorkoutsPerPush { get; set; } = DefaultMaxWorkoutsPerPush;

    /// <summary>PBKDF2 iterations for a new password hash. Default 600,000 (OWASP's figure for SHA-256); tests lower it.</summary>
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>Sign-in attempts allowed per client address per minute. Default 5.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 5;

    /// <summary>On shutdown, how long the upload in flight may take to finish before it is cut (and resumed at the next start). Default 30 s.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Adjusts the Intervals.icu client options of each run (tests: rates). Default none.</summary>
    public Action<IntervalsOptions>? ConfigureAccount { get; set; }

    /// <summary>Run a push's code once at start (<see cref="Work.WarmUp"/>) so the first push is answered as fast as the next. Default on; tests turn it off.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// The reverse proxies whose X-Forwarded-For, -Proto and -Host are believed: addresses or networks ("10.0.0.5",
    /// "10.0.0.0/8"), from HEALTHSYNC_TRUSTED_PROXIES. Loopback is always trusted (the documented proxy runs on the
    /// same machine); a header from any other address is ignored.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    /// <summary>Forget the web password and end every session at start (`--reset-password`): the console shows a new set-up code.</summary>
    public bool ResetPassword { get; set; }

    /// <summary>Called with the server's own connection to the state when it opens (tests: a page limit, as a full disk).</summary>
    internal Action<HealthSync.State.SyncState>? OnStateOpened { get; set; }

    /// <summary>Write ASP.NET Core's warnings and the server's own events to the console. Default off (tests).</summary>
    public bool ConsoleLog { get; set; }

    /// <summary>Wrong push tokens allowed per client address per <see cref="PushFailureWindow"/> before it is answered 429. Default 10.</summary>
    public int PushFailuresPerWindow { get; set; } = 10;

    /// <summary>The window of <see cref="PushFailuresPerWindow"/>. Default one minute.</summary>
    public TimeSpan PushFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="ArgumentException"/>, in one line a person can act on, for a setting the server must not start with.</summary>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(PushToken) && !Secrets.PushToken.IsStrong(PushToken, out var why))
        {
            throw new ArgumentException(why);
        }

        if (PushFailuresPerWindow < 1 || PushFailureWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("PushFailuresPerWindow must be at least 1 and PushFailureWindow positive.");
        }
    }
}

/// <summary>A program that runs the command-line tool: <paramref name="Program"/> with <paramref name="Arguments"/> before the tool's own.</summary>
public sealed record ExportReaderCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>The tool installed beside this server: the native executable, else its managed dll run by this process's dotnet; null when neither is there.</summary>
    public static ExportReaderCommand? Beside(string folder, string? dotnet)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var native = Path.Combine(folder, OperatingSystem.IsWindows() ? "HealthSync.Cli.exe" : "HealthSync.Cli");
        if (File.Exists(native))
        {
            return new ExportReaderCommand(native, []);
        }

        var managed = Path.Combine(folder, "HealthSync.Cli.dll");
        return File.Exists(managed) && File.Exists(Path.ChangeExtension(managed, ".runtimeconfig.json")) && dotnet is not null
            ? new ExportReaderCommand(dotnet, [managed])
            : null;
    }
}
