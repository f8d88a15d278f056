using HealthSync.HealthAutoExport;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>What mapping a name did.</summary>
/// <param name="Name">The name as given.</param>
/// <param name="ActivityType">The short activity type it now means, e.g. "Walking".</param>
/// <param name="DocumentsToReadAgain">Stored documents holding it, marked waiting so they are read again with the mapping.</param>
public sealed record ActivityNameMapped(string Name, string ActivityType, int DocumentsToReadAgain);

/// <summary>The user's own workout names, shared by the command line (`healthsync names`) and the web app's Names page.</summary>
/// <remarks>
/// A Health Auto Export workout whose name no table knows is not read (never guessed into "Other"); its document stays
/// stored. The reader's unknown names are recorded per document here, the user maps a name to a type, and the documents
/// holding it are marked waiting: the next read (the server's worker) takes the workout with the mapping.
/// </remarks>
public static class ActivityNameMappings
{
    /// <summary>The types a name can be mapped to, as the sport table lists them (short name, display name), by display name.</summary>
    public static IReadOnlyList<(string Type, string DisplayName)> Types { get; } =
        [.. SportTable.Rows.Select(r => (r.Name, r.Default.DisplayName)).OrderBy(r => r.DisplayName, StringComparer.Ordinal)];

    /// <summary>The reader's options with the user's names as <see cref="HealthAutoExportOptions.ExtraActivityNames"/>.</summary>
    public static HealthAutoExportOptions ReaderOptions(SyncState state, bool readRoutes = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in state.UserActivityNames())
        {
            names[mapping.Name] = mapping.ActivityType;
        }

        return new HealthAutoExportOptions { ReadRoutes = readRoutes, ExtraActivityNames = names };
    }

    /// <summary>Records the unknown names a read of a stored document found (replacing what an earlier read of it found).</summary>
    public static void RecordUnknown(SyncState state, long documentId, IEnumerable<HealthAutoExportProblem> issues, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(issues);
        var names = issues
            .Where(i => i.Code == HealthAutoExportProblemCode.UnknownActivityName && !string.IsNullOrWhiteSpace(i.ActivityName))
            .GroupBy(i => i.ActivityName!.Trim(), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(i => i.Language).FirstOrDefault(l => l is not null), g.Count()))
            .ToList();
        state.SetUnknownActivityNames(documentId, names, now);
    }

    /// <summary>Maps <paramref name="name"/> to <paramref name="type"/> ("Walking", "walking" or "HKWorkoutActivityTypeWalking") and marks its documents waiting.</summary>
    /// <exception cref="ArgumentException">The name is empty, or the type is not in the sport table (the message lists how to find one).</exception>
    public static ActivityNameMapped Map(SyncState state, string name, string type, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        name = name.Trim();
        if (name.Length == 0)
        {
            throw new ArgumentException("the name is empty: give it as the phone sends it, e.g. \"Marche nordique\"", nameof(name));
        }

        var shortName = SportCategories.ShortName(type.Trim());
        var row = SportTable.Rows.FirstOrDefault(r => string.Equals(r.Name, shortName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"\"{type}\" is not an activity type HealthSync knows; `healthsync names types` lists them (e.g. Walking, Hiking, Running)", nameof(type));
        var folded = ActivityNameMatcher.Fold(name);
        var covered = state.UnknownActivityNames().Select(u => u.Name).Where(u => ActivityNameMatcher.Fold(u) == folded).ToList();
        var requeued = state.MapActivityName(name, row.Name, covered, now);
        return new ActivityNameMapped(name, row.Name, requeued);
    }
}
