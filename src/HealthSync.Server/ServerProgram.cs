namespace HealthSync.Server;

/// <summary>The server executable: <c>HealthSync.Server [--urls URL] [--state-dir DIR]</c>, also what `healthsync serve` starts.</summary>
/// <remarks>Exit codes (the README's table for `serve`): 0 stopped by SIGTERM or Ctrl+C, 2 bad arguments, an address it
/// cannot listen on or a state folder it cannot use, 75 the state folder held by another HealthSync process.</remarks>
public static class ServerProgram
{
    private const int Stopped = 0;
    private const int BadInput = 2;
    private const int StateHeld = 75; // sysexits' EX_TEMPFAIL, as the command line's: try again when the holder is done

    public static Task<int> Main(string[] args) => RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);

    /// <summary>The program over a given environment and console, so a test runs it as a person would without touching the process's own.</summary>
    /// <returns>0 after a clean stop; 2 for a wrong argument or setting (one line on <paramref name="error"/>); 75 when the state folder is held.</returns>
    internal static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error)
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
                    await error.WriteLineAsync($"error: unknown argument '{args[i]}'. Usage: healthsync serve [--urls http://127.0.0.1:8080] [--state-dir DIR] [--reset-password]").ConfigureAwait(false);
                    return BadInput;
            }
        }

        var options = new ServerOptions
        {
            StateDirectory = HealthSync.Hosting.StateFolder.Resolve(stateDir, environment),
            Urls = urls ?? environment("HEALTHSYNC_URLS") ?? "http://127.0.0.1:8080",
            WebPassword = environment("HEALTHSYNC_WEB_PASSWORD"),
            PushToken = environment("HEALTHSYNC_PUSH_TOKEN"),
            TrustedProxies = (environment("HEALTHSYNC_TRUSTED_PROXIES") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
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
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false); // a setting (a weak push token): one line, nothing started
            return BadInput;
        }
        catch (ServerStartRefusedException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}.").ConfigureAwait(false);
            return ex.Refusal == ServerStartRefusal.StateHeld ? StateHeld : BadInput;
        }
        catch (HealthSync.State.StateUnavailableException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}. Fix that, then start the server again.").ConfigureAwait(false);
            return BadInput;
        }

        await using (server.ConfigureAwait(false))
        {
            if (environment(HealthSync.Hosting.ServeChild.StopWhenStdinClosesVariable) == "1")
            {
                ParentWatch.Start(server.Stop); // started by `serve`: it must not outlive it
            }

            await output.WriteLineAsync($"HealthSync server listening on {server.BaseAddress} (state {options.StateDirectory}).").ConfigureAwait(false);
            await output.WriteLineAsync($"Sign in at {server.SignInAddress}").ConfigureAwait(false);
            await output.WriteLineAsync("Health Auto Export pushes to " + new Uri(server.BaseAddress, Push.PushEndpoint.Path.TrimStart('/')) + " ; Ctrl+C or SIGTERM stops it after the upload in flight.").ConfigureAwait(false);
            await server.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return Stopped;
    }
}
