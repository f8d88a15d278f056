namespace HealthSync.Workouts;

/// <summary>One way a kind of workout is written and named: FIT sport/sub_sport, Intervals.icu type and the name a person reads.</summary>
/// <param name="Mapping">FIT sport/sub_sport and Intervals.icu type.</param>
/// <param name="DisplayName">The name a person reads, e.g. "Outdoor Walk".</param>
public readonly record struct SportVariant(SportMapping Mapping, string DisplayName);

/// <summary>One row of the sport table: an HKWorkoutActivityType, its "Sports to sync" category and how it is written and named.</summary>
/// <param name="Name">The type name without the HKWorkoutActivityType prefix, e.g. "DownhillSkiing".</param>
/// <param name="Category">Its "Sports to sync" category.</param>
/// <param name="Default">What applies when the workout's metadata picks none of the variants below.</param>
public sealed record SportRow(string Name, SportCategory Category, SportVariant Default)
{
    /// <summary>When HKIndoorWorkout is true.</summary>
    public SportVariant? Indoor { get; init; }

    /// <summary>When HKIndoorWorkout is false.</summary>
    public SportVariant? Outdoor { get; init; }

    /// <summary>When HKSwimmingLocationType says pool.</summary>
    public SportVariant? Pool { get; init; }

    /// <summary>When HKSwimmingLocationType says open water.</summary>
    public SportVariant? OpenWater { get; init; }

    /// <summary>Every variant the row has, the default first.</summary>
    public IEnumerable<SportVariant> Variants =>
        new[] { Default, Indoor, Outdoor, Pool, OpenWater }.OfType<SportVariant>();

    /// <summary>The variant the workout's metadata selects: swim location first, then the indoor flag, else the default.</summary>
    public SportVariant Resolve(bool? indoor, SwimLocation swimLocation) => (swimLocation, indoor) switch
    {
        (SwimLocation.OpenWater, _) when OpenWater is { } openWater => openWater,
        (SwimLocation.Pool, _) when Pool is { } pool => pool,
        (_, true) when Indoor is { } inside => inside,
        (_, false) when Outdoor is { } outside => outside,
        _ => Default,
    };
}
