namespace HealthSync.Server;

/// <summary>The server executable: <c>HealthSync.Server [--urls URL] [--state-dir DIR]</c>, also what `healthsync serve` starts.</summary>
public static class ServerProgram
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? urls = null, stateDir = null;
        var resetPassword = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--urls" when i + 1 < args.Length:
                    urls = args[++i];
                    break;
                case "--state-dir" when i + 1 < args.Length:
                    stateDir = args[++i];
                    break;
                case "--reset-password":
                    resetPassword = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"error: unknown argument '{args[i]}'. Usage: healthsync serve [--urls http://127.0.0.1:8080] [--state-dir DIR] [--reset-password]").ConfigureAwait(false);
                    return 2;
            }
        }

        var options = new ServerOptions
        {
            StateDirectory = HealthSync.Hosting.StateFolder.Resolve(stateDir, Environment.GetEnvironmentVariable),
            Urls = urls ?? Environment.GetEnvironmentVariable("HEALTHSYNC_URLS") ?? "http://127.0.0.1:8080",
            WebPassword = Environment.GetEnvironmentVariable("HEALTHSYNC_WEB_PASSWORD"),
            PushToken = Environment.GetEnvironmentVariable("HEALTHSYNC_PUSH_TOKEN"),
            TrustedProxies = (Environment.GetEnvironmentVariable("HEALTHSYNC_TRUSTED_PROXIES") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ConsoleLog = true,
            ResetPassword = resetPassword,
            // The composition root: the Health Auto Export reader is plugged in here (HealthSync.HealthAutoExport).
            // Until then pushed documents are stored and wait, unread, for a server that has it.
            Parser = HealthSync.Sync.StoredDocuments.HealthAutoExportParser,
            // A multi-GB export is read by the tool installed beside the server, in its own short-lived process.
            ExportReader = ExportReaderCommand.Beside(AppContext.BaseDirectory, Environment.ProcessPath),
        };

        HealthSyncServer server;
        try
        {
            server = await HealthSyncServer.StartAsync(options).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}. Stop it first (the server holds the state folder for its whole life).").ConfigureAwait(false);
            return 3;
        }

        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine($"HealthSync server listening on {server.BaseAddress} (state {options.StateDirectory}).");
            Console.WriteLine($"Sign in at {server.SignInAddress}");
            Console.WriteLine("Health Auto Export pushes to " + new Uri(server.BaseAddress, Push.PushEndpoint.Path.TrimStart('/')) + " ; Ctrl+C or SIGTERM stops it after the upload in flight.");
            await server.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
