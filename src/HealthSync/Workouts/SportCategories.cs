namespace HealthSync.Workouts;

/// <summary>The "Sports to sync" categories: each activity type's category (from <see cref="SportTable"/>) and each category's default.</summary>
public static class SportCategories
{
    /// <summary>The HKWorkoutActivityType name prefix as the export writes it.</summary>
    public const string ActivityTypePrefix = "HKWorkoutActivityType";

    /// <summary>All categories, in the order the settings screen lists them.</summary>
    public static IReadOnlyList<SportCategory> All { get; } = Enum.GetValues<SportCategory>();

    /// <summary>The category of an activity type (its <see cref="SportTable"/> row); unknown names fall to <see cref="SportCategory.Other"/>.</summary>
    public static SportCategory Of(string activityType) => SportTable.Find(activityType).Category;

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
