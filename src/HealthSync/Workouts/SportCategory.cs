namespace HealthSync.Workouts;

/// <summary>The seven "Sports to sync" categories of the app's settings.</summary>
public enum SportCategory
{
    Cycling,
    Running,
    Strength,
    WalksHikes,
    Swimming,
    YogaMobility,
    Other,
}
