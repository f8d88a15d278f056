using System.Diagnostics;
using HealthSync.AppleHealth;
using HealthSync.WorkoutLines;

namespace HealthSync.Server.Work;

/// <summary>The command-line tool reading a Health app export in a process of its own, its workouts taken as lines.</summary>
/// <remarks>
/// Reading a 2 GB export costs a process 120 to 200 MB for its length (buffers, the reader's code and types), and a
/// long-running server keeps most of what it once needed (measured: idle at 113 MB after such a backfill read in
/// process, against 99 MB before). The tool reads it instead, natively when installed beside the server, and exits;
/// the server holds one workout at a time. The tool is given the file and nothing else: an environment of the few
/// variables a program needs to start, so no key or token of the server's reaches it.
/// </remarks>
internal sealed class ExportReaderProcess : IDisposable
{
    private static readonly string[] Passed = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_ROOT_ARM64"];
    private readonly Process _process;

    private ExportReaderProcess(Process process, string displayName)
    {
        _process = process;
        _ = process.StandardError.ReadToEndAsync(); // drained, so a chatty tool never blocks on a full pipe
        Source = new WorkoutLineSource(process.StandardOutput.BaseStream, AppleHealthExport.SourceKind, displayName);
    }

    /// <summary>The workouts the tool reads, in its order.</summary>
    public WorkoutLineSource Source { get; }

    /// <summary>Starts `TOOL inspect PATH --lines`.</summary>
    /// <exception cref="HealthSync.Workouts.SourceReadException">The tool could not be started.</exception>
    public static ExportReaderProcess Start(ExportReaderCommand command, string path, string displayName)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments.Concat(["inspect", path, "--lines"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var name in Passed)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException("no process");
            return new ExportReaderProcess(process, displayName);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new HealthSync.Workouts.SourceReadException(displayName, null, $"the export reader ({command.Program}) could not be started: {ex.Message}; reinstall HealthSync", ex);
        }
    }

    /// <summary>Stops the tool if it still runs (a job cut short), and waits for it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }
}
