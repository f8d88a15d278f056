using System.Diagnostics;

namespace HealthSync.Tests.Support;

/// <summary>Runs a program to its end with stdout and stderr captured: Garmin's decoder under node, the native CLI.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <paramref name="program"/>, writes <paramref name="stdin"/> (a line) if given, and waits for its end.</summary>
    /// <param name="program">The program, found on PATH or by its path.</param>
    /// <param name="arguments">Its arguments, each passed as is.</param>
    /// <param name="workingDirectory">Where it runs; null: this process's folder.</param>
    /// <param name="stdin">One line for its standard input, which is then closed; null: closed at once.</param>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="timeout">Null waits as long as it takes; else the process tree is killed and <see cref="TimeoutException"/> thrown.</param>
    public static (int ExitCode, string Stdout, string Stderr) Run(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.WriteLine(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {timeout}");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
