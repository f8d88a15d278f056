namespace HealthSync.Server;

/// <summary>The server executable: <c>HealthSync.Server [--urls URL] [--state-dir DIR]</c>, also what `healthsync serve` starts.</summary>
/// <remarks>Exit codes (the README's table for `serve`): 0 stopped by SIGTERM or Ctrl+C, 2 bad arguments, an address it
/// cannot listen on or a state folder it cannot use, 75 the state folder held by another HealthSync process.</remarks>
public static class ServerProgram
{
    private const int Stopped = 0;
    private const int BadInput = 2;
    private const int StateHeld = 75; // sysexits' EX_TEMPFAIL, as the command line's: try again when the holder is done

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? urls = null, stateDir = null;
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
                default:
                    await Console.Error.WriteLineAsync($"error: unknown argument '{args[i]}'. Usage: healthsync serve [--urls http://127.0.0.1:8080] [--state-dir DIR]").ConfigureAwait(false);
                    return BadInput;
            }
        }

        var options = new ServerOptions
        {
            StateDirectory = HealthSync.Hosting.StateFolder.Resolve(stateDir, Environment.GetEnvironmentVariable),
            Urls = urls ?? Environment.GetEnvironmentVariable("HEALTHSYNC_URLS") ?? "http://127.0.0.1:8080",
            WebPassword = Environment.GetEnvironmentVariable("HEALTHSYNC_WEB_PASSWORD"),
            PushToken = Environment.GetEnvironmentVariable("HEALTHSYNC_PUSH_TOKEN"),
            ConsoleLog = true,
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
        catch (ServerStartRefusedException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}.").ConfigureAwait(false);
            return ex.Refusal == ServerStartRefusal.StateHeld ? StateHeld : BadInput;
        }
        catch (HealthSync.State.StateUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}. Fix that, then start the server again.").ConfigureAwait(false);
            return BadInput;
        }

        await using (server.ConfigureAwait(false))
        {
            if (Environment.GetEnvironmentVariable(HealthSync.Hosting.ServeChild.StopWhenStdinClosesVariable) == "1")
            {
                ParentWatch.Start(server.Stop); // started by `serve`: it must not outlive it
            }

            Console.WriteLine($"HealthSync server listening on {server.BaseAddress} (state {options.StateDirectory}).");
            Console.WriteLine($"Sign in at {server.SignInAddress}");
            Console.WriteLine("Health Auto Export pushes to " + new Uri(server.BaseAddress, Push.PushEndpoint.Path.TrimStart('/')) + " ; Ctrl+C or SIGTERM stops it after the upload in flight.");
            await server.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return Stopped;
    }
}
