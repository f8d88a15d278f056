using HealthSync.Workouts;
using static HealthSync.HealthAutoExport.WorkoutPlace;

namespace HealthSync.HealthAutoExport;

/// <summary>The activity names a phone sends in each language, one table per language, all in this one file.</summary>
/// <remarks>
/// Health Auto Export does not send the HKWorkoutActivityType: only the name the phone shows, in the phone's language.
/// What is confirmed: the English names follow Apple's Workout app ("Outdoor Walk", "Pool Swim", "Traditional Strength
/// Training"), which the sport table's display names already spell; "Extérieur Course", "Course à pied" (French) and
/// "Outdoor_Ausführen" (German, iOS 26, a machine translation of "Run") were seen in real payloads
/// (../shared/reference/health-auto-export.md). The other French and German names are Apple's Workout-app wording as
/// the brief gives it ("Marche en extérieur", "Gehen im Freien", "Natation en piscine", "Schwimmen im Becken",
/// "Renforcement musculaire traditionnel", "Traditionelles Krafttraining") and the same pattern applied to the other
/// common types: UNCONFIRMED against a real French or German payload (no primary source could be found), which is
/// harmless either way: a name missing here is reported, never guessed, and the user can map it.
/// A name is also read as a place word plus a known activity ("Extérieur Course", "Outdoor_Ausführen", "Course Intérieur"),
/// see <see cref="PlaceWords"/>.
/// </remarks>
internal static class ActivityNames
{
    /// <summary>Words for where a workout happened, per language, as a prefix or suffix of an activity name or as the `location` field.</summary>
    public static IReadOnlyList<(string Language, string Word, WorkoutPlace Place)> PlaceWords { get; } =
    [
        ("en", "Outdoor", Outdoor), ("en", "Indoor", Indoor), ("en", "Pool", Pool), ("en", "Open Water", OpenWater),
        ("fr", "Extérieur", Outdoor), ("fr", "En extérieur", Outdoor), ("fr", "Intérieur", Indoor), ("fr", "En intérieur", Indoor),
        ("fr", "Piscine", Pool), ("fr", "En piscine", Pool), ("fr", "Eau libre", OpenWater), ("fr", "En eau libre", OpenWater),
        ("de", "Im Freien", Outdoor), ("de", "Draußen", Outdoor), ("de", "Drinnen", Indoor), ("de", "Innen", Indoor),
        ("de", "In Innenräumen", Indoor), ("de", "Im Becken", Pool), ("de", "Becken", Pool), ("de", "Schwimmbad", Pool),
        ("de", "Freiwasser", OpenWater), ("de", "Im Freiwasser", OpenWater),
    ];

    // Names HAE sends that the sport table spells differently or not at all (HealthKit's own names, short forms).
    private static readonly ActivityNameEntry[] EnglishExtras =
    [
        new("Traditional Strength Training", "TraditionalStrengthTraining"),
        new("Running", "Running"),
        new("Walking", "Walking"),
        new("Cycling", "Cycling"),
        new("Outdoor Cycling", "Cycling", Outdoor),
        new("Indoor Cycling", "Cycling", Indoor),
        new("Swimming", "Swimming"),
        new("Pool Swimming", "Swimming", Pool),
        new("Open Water Swimming", "Swimming", OpenWater),
        new("Hiking", "Hiking"),
        new("HIIT", "HighIntensityIntervalTraining"),
        new("Stair Climbing", "StairClimbing"),
        new("Other", "Other"),
    ];

    private static readonly ActivityNameEntry[] French =
    [
        new("Marche", "Walking"),
        new("Marche en extérieur", "Walking", Outdoor),
        new("Marche en intérieur", "Walking", Indoor),
        new("Course", "Running"),
        new("Course à pied", "Running"),
        new("Course en extérieur", "Running", Outdoor),
        new("Course en intérieur", "Running", Indoor),
        new("Vélo", "Cycling"),
        new("Cyclisme", "Cycling"),
        new("Vélo en extérieur", "Cycling", Outdoor),
        new("Vélo en intérieur", "Cycling", Indoor),
        new("Natation", "Swimming"),
        new("Natation en piscine", "Swimming", Pool),
        new("Natation en eau libre", "Swimming", OpenWater),
        new("Randonnée", "Hiking"),
        new("Renforcement musculaire traditionnel", "TraditionalStrengthTraining"),
        new("Renforcement musculaire fonctionnel", "FunctionalStrengthTraining"),
        new("Entraînement du tronc", "CoreTraining"),
        new("Entraînement croisé", "CrossTraining"),
        new("Entraînement fractionné de haute intensité", "HighIntensityIntervalTraining"),
        new("Cardio mixte", "MixedCardio"),
        new("Elliptique", "Elliptical"),
        new("Rameur", "Rowing"),
        new("Aviron", "Rowing"),
        new("Stepper", "StairClimbing"),
        new("Escaliers", "Stairs"),
        new("Yoga", "Yoga"),
        new("Pilates", "Pilates"),
        new("Tai chi", "TaiChi"),
        new("Souplesse", "Flexibility"),
        new("Retour au calme", "Cooldown"),
        new("Corps et esprit", "MindAndBody"),
        new("Danse", "Dance"),
        new("Autre", "Other"),
    ];

    private static readonly ActivityNameEntry[] German =
    [
        new("Gehen", "Walking"),
        new("Gehen im Freien", "Walking", Outdoor),
        new("Gehen drinnen", "Walking", Indoor),
        new("Laufen", "Running"),
        new("Laufen im Freien", "Running", Outdoor),
        new("Laufen drinnen", "Running", Indoor),

        // Seen as "Outdoor_Ausführen" on iOS 26: "Run" machine-translated as "execute".
        new("Ausführen", "Running"),
        new("Radfahren", "Cycling"),
        new("Radfahren im Freien", "Cycling", Outdoor),
        new("Radfahren drinnen", "Cycling", Indoor),
        new("Schwimmen", "Swimming"),
        new("Schwimmen im Becken", "Swimming", Pool),
        new("Beckenschwimmen", "Swimming", Pool),
        new("Schwimmen im Freiwasser", "Swimming", OpenWater),
        new("Freiwasserschwimmen", "Swimming", OpenWater),
        new("Wandern", "Hiking"),
        new("Traditionelles Krafttraining", "TraditionalStrengthTraining"),
        new("Funktionelles Krafttraining", "FunctionalStrengthTraining"),
        new("Core-Training", "CoreTraining"),
        new("Cross-Training", "CrossTraining"),
        new("Hochintensives Intervalltraining", "HighIntensityIntervalTraining"),
        new("Gemischtes Cardiotraining", "MixedCardio"),
        new("Crosstrainer", "Elliptical"),
        new("Rudern", "Rowing"),
        new("Stepper", "StairClimbing"),
        new("Treppensteigen", "Stairs"),
        new("Yoga", "Yoga"),
        new("Pilates", "Pilates"),
        new("Tai Chi", "TaiChi"),
        new("Beweglichkeit", "Flexibility"),
        new("Abwärmen", "Cooldown"),
        new("Tanzen", "Dance"),
        new("Andere", "Other"),
        new("Sonstige", "Other"),
    ];

    // Declared after the tables it lists: static initializers run in file order.
    /// <summary>Language code → (name → type and place). English is built from the sport table, then these extras.</summary>
    public static IReadOnlyList<(string Language, IReadOnlyList<ActivityNameEntry> Names)> Tables { get; } =
    [
        ("en", [.. FromSportTable(), .. EnglishExtras]),
        ("fr", French),
        ("de", German),
    ];

    /// <summary>Every display name of every sport-table variant, except those HAE does not send as such.</summary>
    private static IEnumerable<ActivityNameEntry> FromSportTable()
    {
        foreach (var row in SportTable.Rows)
        {
            foreach (var (variant, place) in new[] { (row.Default, Unspecified), (row.Indoor, Indoor), (row.Outdoor, Outdoor), (row.Pool, Pool), (row.OpenWater, OpenWater) })
            {
                // "Workout" is our word for HKWorkoutActivityTypeOther, not the phone's ("Other"): too generic to trust.
                if (variant is { } v && v.DisplayName != "Workout")
                {
                    yield return new ActivityNameEntry(v.DisplayName, row.Name, place);
                }
            }
        }
    }
}

/// <summary>One name as a phone sends it, the activity type (short form, e.g. "Walking") and the place it implies.</summary>
internal sealed record ActivityNameEntry(string Name, string ActivityType, WorkoutPlace Place = Unspecified);

/// <summary>Where a workout happened, as its name or its `location` field says.</summary>
public enum WorkoutPlace
{
    /// <summary>The name or field does not say.</summary>
    Unspecified,

    /// <summary>Indoor (treadmill, trainer, gym).</summary>
    Indoor,

    /// <summary>Outdoor.</summary>
    Outdoor,

    /// <summary>A pool swim.</summary>
    Pool,

    /// <summary>An open-water swim.</summary>
    OpenWater,
}
