using System.Text;
using System.Text.Json;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Cli;

/// <summary>Compares a `--json` document with a stored expectation file: its schema (every path with its value kinds) or its whole text.</summary>
/// <remarks>
/// The files live in tests/HealthSync.Tests/Cli/Expectations and are read from the repository, not the output folder,
/// so that regenerating them edits the files git tracks. To accept a deliberate change of a document, run
///   HEALTHSYNC_UPDATE_EXPECTATIONS=1 dotnet test tests/HealthSync.Tests -c Release --filter "FullyQualifiedName~JsonContract"
/// which rewrites the files instead of comparing; review and commit the diff. This helper is the only place a test
/// reads the process environment: the command line under test still gets its own, empty environment.
/// </remarks>
internal static class JsonExpectations
{
    public const string UpdateVariable = "HEALTHSYNC_UPDATE_EXPECTATIONS";

    private const string Regenerate =
        "If the change is deliberate, regenerate the expectation files with\n  " + UpdateVariable
        + "=1 dotnet test tests/HealthSync.Tests -c Release --filter \"FullyQualifiedName~JsonContract\"\nand commit them.";

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "HealthSync.Tests", "Cli", "Expectations");

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Every path of the document with the kinds of value seen there, one line each, sorted: "workouts[].kind: string".</summary>
    /// <remarks>Array elements share one path ("[]"), so the kinds of all elements are merged: "intervalsActivityId: null|string".</remarks>
    /// <remarks>Several documents of one kind (runs that end differently) give one schema, their kinds merged the same way.</remarks>
    public static string Schema(params JsonElement[] roots)
    {
        var kinds = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            Walk(root, "$", kinds);
        }

        var sb = new StringBuilder();
        foreach (var (path, seen) in kinds)
        {
            sb.Append(path).Append(": ").Append(string.Join('|', seen)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Fails, naming the added, removed and changed paths, unless the document's schema is the stored one.</summary>
    public static void AssertSchema(string fileName, params JsonElement[] roots)
    {
        var actual = Schema(roots);
        if (UpdateOrMissing(fileName, actual))
        {
            return;
        }

        var expected = Parse(File.ReadAllText(Path.Combine(Folder, fileName)));
        var now = Parse(actual);
        var diff = new StringBuilder();
        foreach (var (path, kinds) in expected.Where(e => !now.ContainsKey(e.Key)))
        {
            diff.Append("  removed: ").Append(path).Append(": ").Append(kinds).Append('\n');
        }

        foreach (var (path, kinds) in now.Where(n => !expected.ContainsKey(n.Key)))
        {
            diff.Append("  added:   ").Append(path).Append(": ").Append(kinds).Append('\n');
        }

        foreach (var (path, kinds) in now.Where(n => expected.TryGetValue(n.Key, out var old) && old != n.Value))
        {
            diff.Append("  changed: ").Append(path).Append(": ").Append(expected[path]).Append(" -> ").Append(kinds).Append('\n');
        }

        Assert.True(diff.Length == 0, $"The schema of the JSON document differs from Expectations/{fileName}:\n{diff}{Regenerate}");
    }

    /// <summary>Fails, showing the first differing line, unless the document's text is the stored one (line endings aside).</summary>
    public static void AssertDocument(string fileName, string json)
    {
        var actual = Normalize(json);
        if (UpdateOrMissing(fileName, actual))
        {
            return;
        }

        var expected = Normalize(File.ReadAllText(Path.Combine(Folder, fileName)));
        if (expected == actual)
        {
            return;
        }

        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(want.Length, got.Length)).First(i => i >= want.Length || i >= got.Length || want[i] != got[i]);
        Assert.Fail($"The JSON document differs from Expectations/{fileName} at line {line + 1}:\n"
            + $"  expected: {(line < want.Length ? want[line] : "(end of document)")}\n"
            + $"  actual:   {(line < got.Length ? got[line] : "(end of document)")}\n{Regenerate}");
    }

    // Writes the file when asked to; a missing file fails (an expectation is never created silently) with how to create it.
    private static bool UpdateOrMissing(string fileName, string actual)
    {
        var path = Path.Combine(Folder, fileName);
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return true;
        }

        Assert.True(File.Exists(path), $"Expectations/{fileName} is missing.\n{Regenerate}");
        return false;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static Dictionary<string, string> Parse(string schema) =>
        Normalize(schema).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

    private static void Walk(JsonElement element, string path, SortedDictionary<string, SortedSet<string>> kinds)
    {
        if (!kinds.TryGetValue(path, out var seen))
        {
            kinds[path] = seen = new SortedSet<string>(StringComparer.Ordinal);
        }

        seen.Add(Kind(element.ValueKind));
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, path + "." + property.Name, kinds);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, path + "[]", kinds);
            }
        }
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
