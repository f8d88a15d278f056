using System.Collections.Frozen;

namespace HealthSync.Workouts;

/// <summary>Maps HKWorkoutActivityType names to sport categories, and knows each category's default.</summary>
public static class SportCategories
{
    /// <summary>The HKWorkoutActivityType name prefix as the export writes it.</summary>
    public const string ActivityTypePrefix = "HKWorkoutActivityType";

    /// <summary>All categories, in the order the settings screen lists them.</summary>
    public static IReadOnlyList<SportCategory> All { get; } = Enum.GetValues<SportCategory>();

    private static readonly FrozenDictionary<string, SportCategory> ByShortName = new Dictionary<string, SportCategory>(StringComparer.Ordinal)
    {
        ["Cycling"] = SportCategory.Cycling,
        ["HandCycling"] = SportCategory.Cycling,
        ["Running"] = SportCategory.Running,
        ["TraditionalStrengthTraining"] = SportCategory.Strength,
        ["FunctionalStrengthTraining"] = SportCategory.Strength,
        ["CoreTraining"] = SportCategory.Strength,
        ["Walking"] = SportCategory.WalksHikes,
        ["Hiking"] = SportCategory.WalksHikes,
        ["Swimming"] = SportCategory.Swimming,
        ["Yoga"] = SportCategory.YogaMobility,
        ["Pilates"] = SportCategory.YogaMobility,
        ["Flexibility"] = SportCategory.YogaMobility,
        ["MindAndBody"] = SportCategory.YogaMobility,
        ["TaiChi"] = SportCategory.YogaMobility,
        ["Barre"] = SportCategory.YogaMobility,
        ["Cooldown"] = SportCategory.YogaMobility,
        ["PreparationAndRecovery"] = SportCategory.YogaMobility,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The category of an activity type; unknown names fall to <see cref="SportCategory.Other"/>.</summary>
    public static SportCategory Of(string activityType) =>
        ByShortName.TryGetValue(ShortName(activityType), out var category) ? category : SportCategory.Other;

    /// <summary>"HKWorkoutActivityTypeRunning" → "Running"; a name without the prefix is returned as is.</summary>
    public static string ShortName(string activityType) =>
        activityType.StartsWith(ActivityTypePrefix, StringComparison.Ordinal)
            ? activityType[ActivityTypePrefix.Length..]
            : activityType;

    /// <summary>Cycling and Running are off by default: Strava and Garmin usually deliver those already.</summary>
    public static bool IsOnByDefault(SportCategory category) =>
        category is not (SportCategory.Cycling or SportCategory.Running);

    /// <summary>Why a category is off by default, for the settings screen; null for the others.</summary>
    public static string? DefaultOffReason(SportCategory category) => IsOnByDefault(category)
        ? null
        : "off by default: Strava and Garmin usually deliver these to Intervals.icu already";

    /// <summary>The stable identifier used on the command line and in JSON (e.g. "walks-hikes").</summary>
    public static string ToId(this SportCategory category) => category switch
    {
        SportCategory.Cycling => "cycling",
        SportCategory.Running => "running",
        SportCategory.Strength => "strength",
        SportCategory.WalksHikes => "walks-hikes",
        SportCategory.Swimming => "swimming",
        SportCategory.YogaMobility => "yoga-mobility",
        SportCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The name a person reads (e.g. "Walks &amp; Hikes").</summary>
    public static string DisplayName(this SportCategory category) => category switch
    {
        SportCategory.Cycling => "Cycling",
        SportCategory.Running => "Running",
        SportCategory.Strength => "Strength Training",
        SportCategory.WalksHikes => "Walks & Hikes",
        SportCategory.Swimming => "Swimming",
        SportCategory.YogaMobility => "Yoga & Mobility",
        SportCategory.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>Parses an identifier as written by <see cref="ToId"/>.</summary>
    public static bool TryParseId(string id, out SportCategory category)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToId(), id, StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }

        category = SportCategory.Other;
        return false;
    }
}
