using System.Collections.Frozen;
using System.Text;
using static HealthSync.Workouts.SportCategory;

namespace HealthSync.Workouts;

/// <summary>The one sport table: every HKWorkoutActivityType with its category, FIT sport/sub_sport, Intervals.icu type and readable name.</summary>
/// <remarks>
/// FIT numbers are Garmin's profile values (<see cref="FitSport"/>, <see cref="FitSubSport"/>); Intervals.icu types are
/// the enum of its OpenAPI. Where Intervals.icu has no type of its own the row says "Workout" (the generic type),
/// while the FIT sport still names the sport, so Garmin-aware readers see it. Rows sharing a FIT sport/sub_sport
/// share the Intervals.icu type, because the service derives the type from those two numbers alone.
/// Skiing, skating, paddling, racquet and team sports are "Other": the settings screen has seven categories.
/// </remarks>
public static class SportTable
{
    /// <summary>The Intervals.icu type of everything without a type of its own.</summary>
    public const string GenericType = "Workout";

    /// <summary>Every HKWorkoutActivityType Apple documents (iOS 18), in Apple's order, then "Other" (raw value 3000).</summary>
    public static IReadOnlyList<SportRow> Rows { get; } =
    [
        Row("AmericanFootball", Other, FitSport.AmericanFootball, 0, GenericType, "American Football"),
        Row("Archery", Other, FitSport.Archery, 0, GenericType, "Archery"),
        Row("AustralianFootball", Other, FitSport.TeamSport, 0, GenericType, "Australian Football"),
        Row("Badminton", Other, FitSport.Racket, FitSubSport.Badminton, "Badminton", "Badminton"),
        Row("Baseball", Other, FitSport.Baseball, 0, GenericType, "Baseball"),
        Row("Basketball", Other, FitSport.Basketball, 0, GenericType, "Basketball"),
        Row("Bowling", Other, FitSport.Generic, 0, GenericType, "Bowling"), // Garmin's profile has no bowling
        Row("Boxing", Other, FitSport.Boxing, 0, GenericType, "Boxing"),
        Row("Climbing", Other, FitSport.RockClimbing, 0, "RockClimbing", "Climbing") with
        {
            Indoor = V(FitSport.RockClimbing, FitSubSport.IndoorClimbing, "RockClimbing", "Indoor Climbing"),
        },
        Row("Cricket", Other, FitSport.Cricket, 0, GenericType, "Cricket"),

        // Apple: "any mix of cardio, strength and flexibility"; filed with strength, where its users look for it,
        // but typed generic, as Garmin's "Cardio" (training/cardio_training) lands.
        Row("CrossTraining", Strength, FitSport.Training, FitSubSport.CardioTraining, GenericType, "Cross Training"),

        // Curling stays FIT generic: no Garmin sport fits, and the encoder's "unknown type" case relies on one row that does.
        Row("Curling", Other, FitSport.Generic, 0, GenericType, "Curling"),
        Row("Cycling", SportCategory.Cycling, FitSport.Cycling, 0, "Ride", "Cycle") with
        {
            Outdoor = V(FitSport.Cycling, 0, "Ride", "Outdoor Cycle"),

            // An indoor ride is on a trainer; Intervals.icu (like Strava) files trainer rides as VirtualRide.
            Indoor = V(FitSport.Cycling, FitSubSport.IndoorCycling, "VirtualRide", "Indoor Cycle"),
        },
        Row("Dance", Other, FitSport.Dance, 0, GenericType, "Dance"),
        Row("DanceInspiredTraining", Other, FitSport.Dance, 0, GenericType, "Dance Inspired Training"),
        Row("Elliptical", Other, FitSport.FitnessEquipment, FitSubSport.Elliptical, "Elliptical", "Elliptical"),
        Row("EquestrianSports", Other, FitSport.HorsebackRiding, 0, GenericType, "Equestrian Sports"),
        Row("Fencing", Other, FitSport.Generic, 0, GenericType, "Fencing"),
        Row("Fishing", Other, FitSport.Fishing, 0, GenericType, "Fishing"),
        Row("FunctionalStrengthTraining", Strength, FitSport.Training, FitSubSport.StrengthTraining, "WeightTraining", "Functional Strength Training"),
        Row("Golf", Other, FitSport.Golf, 0, "Golf", "Golf"),
        Row("Gymnastics", Other, FitSport.Generic, 0, GenericType, "Gymnastics"),
        Row("Handball", Other, FitSport.TeamSport, 0, GenericType, "Handball"),
        Row("Hiking", WalksHikes, FitSport.Hiking, 0, "Hike", "Hike"),
        Row("Hockey", Other, FitSport.Hockey, 0, "Hockey", "Hockey"),
        Row("Hunting", Other, FitSport.Hunting, 0, GenericType, "Hunting"),
        Row("Lacrosse", Other, FitSport.Lacrosse, 0, GenericType, "Lacrosse"),
        Row("MartialArts", Other, FitSport.MixedMartialArts, 0, GenericType, "Martial Arts"),

        // Apple: meditation, qigong and the like; Garmin's nearest sport is meditation.
        Row("MindAndBody", YogaMobility, FitSport.Meditation, 0, GenericType, "Mind and Body"),
        Row("MixedMetabolicCardioTraining", Other, FitSport.Training, FitSubSport.CardioTraining, GenericType, "Mixed Metabolic Cardio Training"),

        // Apple's one paddling type covers kayak, canoe and SUP; Kayaking is the commonest, and SportFamily puts
        // all paddling types in one family, so a Garmin "Canoeing" copy still matches.
        Row("PaddleSports", Other, FitSport.Paddling, 0, "Kayaking", "Paddling"),
        Row("Play", Other, FitSport.Generic, 0, GenericType, "Play"),
        Row("PreparationAndRecovery", YogaMobility, FitSport.Mobility, 0, GenericType, "Preparation and Recovery"),
        Row("Racquetball", Other, FitSport.Racket, FitSubSport.Racquetball, "Racquetball", "Racquetball"),

        // Rowing machines and boats are cardio, not one of the named categories: "Other", as before.
        Row("Rowing", Other, FitSport.Rowing, 0, "Rowing", "Rowing") with
        {
            Outdoor = V(FitSport.Rowing, 0, "Rowing", "Outdoor Rowing"),
            Indoor = V(FitSport.Rowing, FitSubSport.IndoorRowing, "Rowing", "Indoor Rowing"),
        },
        Row("Rugby", Other, FitSport.Rugby, 0, "Rugby", "Rugby"),
        Row("Running", SportCategory.Running, FitSport.Running, 0, "Run", "Run") with
        {
            Outdoor = V(FitSport.Running, 0, "Run", "Outdoor Run"),
            Indoor = V(FitSport.Running, FitSubSport.Treadmill, "Run", "Indoor Run"),
        },
        Row("Sailing", Other, FitSport.Sailing, 0, "Sail", "Sailing"),

        // Apple's skating covers ice, inline and skateboard; ice is the commonest, and SportFamily groups the three.
        Row("SkatingSports", Other, FitSport.IceSkating, 0, "IceSkate", "Skating"),

        // Apple: sledding, snowmobiling and the like; Intervals.icu has no type for them.
        Row("SnowSports", Other, FitSport.WinterSport, 0, GenericType, "Snow Sports"),
        Row("Soccer", Other, FitSport.Soccer, 0, "Soccer", "Soccer"),
        Row("Softball", Other, FitSport.Baseball, 0, GenericType, "Softball"),
        Row("Squash", Other, FitSport.Racket, FitSubSport.Squash, "Squash", "Squash"),
        Row("StairClimbing", Other, FitSport.FitnessEquipment, FitSubSport.StairClimbing, "StairStepper", "Stair Stepper"),

        // Apple: surfing, kite surfing and wind surfing; SportFamily groups Surfing, Kitesurf and Windsurf.
        Row("SurfingSports", Other, FitSport.Surfing, 0, "Surfing", "Surfing"),

        // A swim without HKSwimmingLocationType keeps the pool sub-sport (as before), but does not claim "Pool" in its name.
        Row("Swimming", SportCategory.Swimming, FitSport.Swimming, FitSubSport.LapSwimming, "Swim", "Swim") with
        {
            Pool = V(FitSport.Swimming, FitSubSport.LapSwimming, "Swim", "Pool Swim"),
            OpenWater = V(FitSport.Swimming, FitSubSport.OpenWater, "OpenWaterSwim", "Open Water Swim"),
        },
        Row("TableTennis", Other, FitSport.Racket, FitSubSport.TableTennis, "TableTennis", "Table Tennis"),
        Row("Tennis", Other, FitSport.Tennis, 0, "Tennis", "Tennis"),

        // Apple: shot put, javelin, pole vault and the like, not running: generic.
        Row("TrackAndField", Other, FitSport.Generic, 0, GenericType, "Track and Field"),
        Row("TraditionalStrengthTraining", Strength, FitSport.Training, FitSubSport.StrengthTraining, "WeightTraining", "Strength Training"),
        Row("Volleyball", Other, FitSport.Volleyball, 0, GenericType, "Volleyball"),
        Row("Walking", WalksHikes, FitSport.Walking, 0, "Walk", "Walk") with
        {
            Outdoor = V(FitSport.Walking, 0, "Walk", "Outdoor Walk"),
            Indoor = V(FitSport.Walking, FitSubSport.IndoorWalking, "Walk", "Indoor Walk"),
        },

        // Aqua aerobics: in the water but not a swim; Intervals.icu's WaterSport is the nearest type.
        Row("WaterFitness", Other, FitSport.WaterSport, 0, "WaterSport", "Water Fitness"),
        Row("WaterPolo", Other, FitSport.WaterSport, 0, "WaterSport", "Water Polo"),
        Row("WaterSports", Other, FitSport.WaterSport, 0, "WaterSport", "Water Sports"),
        Row("Wrestling", Other, FitSport.MixedMartialArts, 0, GenericType, "Wrestling"),
        Row("Yoga", YogaMobility, FitSport.Training, FitSubSport.Yoga, "Yoga", "Yoga"),
        Row("Barre", YogaMobility, FitSport.Training, FitSubSport.Generic, GenericType, "Barre"),
        Row("CoreTraining", Strength, FitSport.Training, FitSubSport.StrengthTraining, "WeightTraining", "Core Training"),
        Row("CrossCountrySkiing", Other, FitSport.CrossCountrySkiing, 0, "NordicSki", "Cross Country Skiing"),
        Row("DownhillSkiing", Other, FitSport.AlpineSkiing, 0, "AlpineSki", "Downhill Skiing"),
        Row("Flexibility", YogaMobility, FitSport.Training, FitSubSport.FlexibilityTraining, GenericType, "Flexibility"),

        // HIIT is neither strength nor cardio of one sport: "Other", as before.
        Row("HighIntensityIntervalTraining", Other, FitSport.Hiit, FitSubSport.Hiit, "HighIntensityIntervalTraining", "High Intensity Interval Training"),
        Row("JumpRope", Other, FitSport.JumpRope, 0, GenericType, "Jump Rope"),
        Row("Kickboxing", Other, FitSport.Boxing, 0, GenericType, "Kickboxing"),
        Row("Pilates", YogaMobility, FitSport.Training, FitSubSport.Pilates, "Pilates", "Pilates"),
        Row("Snowboarding", Other, FitSport.Snowboarding, 0, "Snowboard", "Snowboarding"),

        // Real stairs, not a machine: Garmin's floor climbing; Intervals.icu has only StairStepper for both.
        Row("Stairs", Other, FitSport.FloorClimbing, 0, "StairStepper", "Stairs"),
        Row("StepTraining", Other, FitSport.Training, FitSubSport.CardioTraining, GenericType, "Step Training"),

        // Pushing a wheelchair at walking pace is the wheelchair user's walk: Walks & Hikes.
        Row("WheelchairWalkPace", WalksHikes, FitSport.WheelchairPushWalk, 0, "Wheelchair", "Wheelchair Walk") with
        {
            Outdoor = V(FitSport.WheelchairPushWalk, 0, "Wheelchair", "Outdoor Wheelchair Walk"),
            Indoor = V(FitSport.WheelchairPushWalk, FitSubSport.IndoorWheelchairWalk, "Wheelchair", "Indoor Wheelchair Walk"),
        },

        // ... and at running pace, the wheelchair user's run: Running.
        Row("WheelchairRunPace", SportCategory.Running, FitSport.WheelchairPushRun, 0, "Wheelchair", "Wheelchair Run") with
        {
            Outdoor = V(FitSport.WheelchairPushRun, 0, "Wheelchair", "Outdoor Wheelchair Run"),
            Indoor = V(FitSport.WheelchairPushRun, FitSubSport.IndoorWheelchairRun, "Wheelchair", "Indoor Wheelchair Run"),
        },
        Row("TaiChi", YogaMobility, FitSport.Training, FitSubSport.FlexibilityTraining, GenericType, "Tai Chi"),
        Row("MixedCardio", Other, FitSport.Training, FitSubSport.CardioTraining, GenericType, "Mixed Cardio"),
        Row("HandCycling", SportCategory.Cycling, FitSport.Cycling, FitSubSport.HandCycling, "Handcycle", "Hand Cycling") with
        {
            Outdoor = V(FitSport.Cycling, FitSubSport.HandCycling, "Handcycle", "Outdoor Hand Cycling"),
            Indoor = V(FitSport.Cycling, FitSubSport.IndoorHandCycling, "Handcycle", "Indoor Hand Cycling"),
        },
        Row("DiscSports", Other, FitSport.DiscGolf, 0, GenericType, "Disc Sports"),
        Row("FitnessGaming", Other, FitSport.VideoGaming, 0, GenericType, "Fitness Gaming"),
        Row("CardioDance", Other, FitSport.Dance, 0, GenericType, "Cardio Dance"),
        Row("SocialDance", Other, FitSport.Dance, 0, GenericType, "Social Dance"),
        Row("Pickleball", Other, FitSport.Racket, FitSubSport.Pickleball, "Pickleball", "Pickleball"),
        Row("Cooldown", YogaMobility, FitSport.Mobility, 0, GenericType, "Cooldown"),

        // watchOS triathlon: one multisport session until the encoder writes a session per part.
        Row("SwimBikeRun", Other, FitSport.Multisport, FitSubSport.Triathlon, GenericType, "Multisport"),
        Row("Transition", Other, FitSport.Transition, 0, "Transition", "Transition"),
        Row("UnderwaterDiving", Other, FitSport.Diving, 0, GenericType, "Underwater Diving"),

        // HKWorkoutActivityTypeOther: "Workout" reads better in a list of activities than "Other".
        Row("Other", Other, FitSport.Generic, 0, GenericType, "Workout"),
    ];

    private static readonly FrozenDictionary<string, SportRow> ByName = Rows.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The row of an activity type ("HKWorkoutActivityTypeRunning" or "Running"); a name Apple may add later gets a generic row named from its CamelCase.</summary>
    public static SportRow Find(string activityType)
    {
        var name = SportCategories.ShortName(activityType);
        return ByName.TryGetValue(name, out var row)
            ? row
            : Row(name, Other, FitSport.Generic, 0, GenericType, name.Length == 0 ? "Workout" : Words(name));
    }

    /// <summary>The name a person reads for a workout, e.g. "Outdoor Walk", "Pool Swim", "Strength Training".</summary>
    public static string DisplayName(Workout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return DisplayName(workout.ActivityType, workout.Indoor, workout.SwimLocation);
    }

    /// <summary>The name a person reads for an activity type with its indoor flag and swim location.</summary>
    public static string DisplayName(string activityType, bool? indoor = null, SwimLocation swimLocation = SwimLocation.Unknown) =>
        Find(activityType).Resolve(indoor, swimLocation).DisplayName;

    /// <summary>"UnderwaterHockey" → "Underwater Hockey"; "SomethingFromIOS30" → "Something From IOS 30".</summary>
    internal static string Words(string camelCase)
    {
        var text = new StringBuilder(camelCase.Length + 8);
        for (var i = 0; i < camelCase.Length; i++)
        {
            var c = camelCase[i];
            if (i > 0 && StartsWord(camelCase, i))
            {
                text.Append(' ');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    // A word starts at an upper-case letter after a lower-case one or a digit, at the last capital of an acronym
    // followed by lower case ("IOSApp" → "IOS App"), and at a digit after a letter.
    private static bool StartsWord(string s, int i)
    {
        char previous = s[i - 1], current = s[i];
        if (char.IsUpper(current))
        {
            return char.IsLower(previous) || char.IsDigit(previous)
                || (char.IsUpper(previous) && i + 1 < s.Length && char.IsLower(s[i + 1]));
        }

        return char.IsDigit(current) && char.IsLetter(previous);
    }

    private static SportRow Row(string name, SportCategory category, byte sport, byte subSport, string intervalsType, string displayName) =>
        new(name, category, V(sport, subSport, intervalsType, displayName));

    private static SportVariant V(byte sport, byte subSport, string intervalsType, string displayName) =>
        new(new SportMapping(sport, subSport, intervalsType), displayName);
}
