using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using HealthSync.Hosting;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync serve [--urls URL] [--state-dir DIR]`: starts the HealthSync server published beside this tool.</summary>
/// <remarks>
/// The server is a program of its own (ServerBesideTool.targets publishes it with the tool): native HealthSync.Server
/// beside the native tool, HealthSync.Server.dll (run by `dotnet`) in the framework-dependent package. `serve` runs it
/// as a child, passes its output through, and forwards Ctrl+C and SIGTERM, so the server finishes the upload in flight.
/// The child's standard input is a pipe this process holds open and never writes to: when `serve` ends, even by SIGKILL,
/// the pipe closes and the server stops (<see cref="ServeChild"/>), so it never outlives `serve` holding the state folder.
/// </remarks>
internal static class ServeCommand
{
    /// <summary>Overrides where the server is: a path to the native HealthSync.Server or to HealthSync.Server.dll.</summary>
    public const string ServerPathVariable = "HEALTHSYNC_SERVER";
    private const string ManagedServerFile = "HealthSync.Server.dll";
    private static readonly string NativeServerFile = OperatingSystem.IsWindows() ? "HealthSync.Server.exe" : "HealthSync.Server";

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions(context.Environment);
        var urls = new Option<string>("--urls") { Description = "Where to listen (default http://127.0.0.1:8080: this machine only; use a TLS reverse proxy to reach it from elsewhere)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("serve", "Run the HealthSync server: receives workouts from the phone (Health Auto Export), syncs them, and serves the web app.");
        var reset = new Option<bool>("--reset-password") { Description = "Forget the web password and sign every browser out; the server prints a new one-time set-up code" };
        command.Options.Add(urls);
        command.Options.Add(reset);
        common.AddStateTo(command);
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(urls)!, common.ResolveStateDir(parse), parse.GetValue(reset), ct));
        return command;
    }

    /// <summary>
    /// HEALTHSYNC_SERVER, else the native server beside this tool, else HealthSync.Server.dll beside it; null when none
    /// exists. (The framework-dependent package has an apphost-less dll only, so the native file is never a stale twin.)
    /// </summary>
    public static string? Locate(Func<string, string?> environment)
    {
        if (environment(ServerPathVariable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : null;
        }

        return new[] { NativeServerFile, ManagedServerFile }
            .Select(file => Path.Combine(AppContext.BaseDirectory, file))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>How to run the server at <paramref name="server"/>: itself when native, `dotnet SERVER.dll` when managed; its stdin a pipe from this process.</summary>
    public static ProcessStartInfo StartInfo(string server, IEnumerable<string> arguments)
    {
        var managed = server.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(managed ? "dotnet" : server) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment[ServeChild.StopWhenStdinClosesVariable] = "1";
        foreach (var argument in managed ? arguments.Prepend(server) : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<int> RunAsync(CliContext context, string urls, string stateDir, bool resetPassword, CancellationToken cancellationToken)
    {
        if (Locate(context.Environment) is not { } server)
        {
            await context.Error.WriteLineAsync($"error: the HealthSync server ({NativeServerFile} or {ManagedServerFile}) is not installed beside this tool. Set {ServerPathVariable} to its path, or run `dotnet run --project src/HealthSync.Server -- --urls {urls} --state-dir {stateDir}` from the source tree.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var start = StartInfo(server, resetPassword ? ["--urls", urls, "--state-dir", stateDir, "--reset-password"] : ["--urls", urls, "--state-dir", stateDir]);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started");
        var output = PumpAsync(child.StandardOutput, context.Out);
        var errors = PumpAsync(child.StandardError, context.Error);

        // SIGTERM and Ctrl+C reach this process; the server must get them too, to finish its upload and stop.
        void Forward(PosixSignalContext signal)
        {
            signal.Cancel = true;
            Terminate(child);
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        using var cancelled = cancellationToken.Register(() => Terminate(child));
        await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(output, errors).ConfigureAwait(false);
        return child.ExitCode;
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await to.WriteLineAsync(line).ConfigureAwait(false);
            await to.FlushAsync().ConfigureAwait(false);
        }
    }

    private static void Terminate(Process child)
    {
        if (child.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            child.Kill(); // no SIGTERM there; the server's pending uploads make the next start resume
        }
        else
        {
            // .NET has no managed way to send a signal other than SIGKILL; kill(1) avoids unsafe interop in a native tool.
            using var kill = Process.Start("kill", ["-TERM", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill?.WaitForExit();
        }
    }
}
