using System.Text.Json;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Fit;

/// <summary>Runs Garmin's JavaScript FIT SDK (tests/fit-decoder/decode.mjs) over many files in one node process.</summary>
internal static class FitDecoder
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string HarnessDirectory => Path.Combine(RepoRoot, "tests", "fit-decoder");

    /// <summary>Decodes every file; the result maps each path to its decoded JSON (isFIT, integrity, errors, messages).</summary>
    public static IReadOnlyDictionary<string, DecodedFit> Decode(IReadOnlyList<string> files)
    {
        EnsureInstalled();
        var arguments = new List<string> { "decode.mjs" };
        arguments.AddRange(files);
        var (exitCode, stdout, stderr) = Run("node", arguments);
        Assert.True(exitCode == 0, $"node decode.mjs failed ({exitCode}): {stderr}");

        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => new DecodedFit(p.Value.Clone()));
    }

    private static void EnsureInstalled()
    {
        if (Directory.Exists(Path.Combine(HarnessDirectory, "node_modules", "@garmin", "fitsdk")))
        {
            return;
        }

        // Tests never install packages: ./test.sh and .ci/run do, once, before the tests run.
        Assert.Fail($"Garmin's FIT decoder is not installed: run ./test.sh, or `npm ci` in {HarnessDirectory}.");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> arguments) =>
        ChildProcess.Run(program, arguments, workingDirectory: HarnessDirectory);

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthSync.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HealthSync.slnx not found above " + AppContext.BaseDirectory);
    }
}
