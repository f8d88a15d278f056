namespace HealthSync.Tests.Support;

/// <summary>Finds the repository root and the read-only ../shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/fixtures/apple-health/{relative}: real exports, read in place (never copied into the repo).</summary>
    public static string AppleHealthFixture(string relative) =>
        Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "apple-health", relative));

    /// <summary>../shared/{relative}.</summary>
    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(Root, "..", "shared", relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthSync.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HealthSync.slnx not found above " + AppContext.BaseDirectory);
    }
}
