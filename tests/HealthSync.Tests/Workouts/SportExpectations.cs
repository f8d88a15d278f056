using HealthSync.Workouts;
using static HealthSync.Workouts.SportCategory;

namespace HealthSync.Tests.Workouts;

/// <summary>What each HKWorkoutActivityType (and its indoor/outdoor, pool/open-water variants) must become, written out by hand, independent of the table.</summary>
/// <remarks>FIT sport and sub_sport are Garmin's profile names (Profile.types.sport / subSport), so a wrong number reads as a wrong name.</remarks>
public static class SportExpectations
{
    public sealed record Case(
        string Type, bool? Indoor, SwimLocation Location, SportCategory Category, string IntervalsType, string Name, string FitSport, string FitSubSport)
    {
        public override string ToString() => $"{Type}/{Indoor?.ToString() ?? "-"}/{Location}";
    }

    private const SwimLocation U = SwimLocation.Unknown;

    /// <summary>Every type name Apple documents, in Apple's order, then Other.</summary>
    public static IReadOnlyList<string> AppleTypes { get; } =
    [
        "AmericanFootball", "Archery", "AustralianFootball", "Badminton", "Baseball", "Basketball", "Bowling", "Boxing",
        "Climbing", "Cricket", "CrossTraining", "Curling", "Cycling", "Dance", "DanceInspiredTraining", "Elliptical",
        "EquestrianSports", "Fencing", "Fishing", "FunctionalStrengthTraining", "Golf", "Gymnastics", "Handball",
        "Hiking", "Hockey", "Hunting", "Lacrosse", "MartialArts", "MindAndBody", "MixedMetabolicCardioTraining",
        "PaddleSports", "Play", "PreparationAndRecovery", "Racquetball", "Rowing", "Rugby", "Running", "Sailing",
        "SkatingSports", "SnowSports", "Soccer", "Softball", "Squash", "StairClimbing", "SurfingSports", "Swimming",
        "TableTennis", "Tennis", "TrackAndField", "TraditionalStrengthTraining", "Volleyball", "Walking",
        "WaterFitness", "WaterPolo", "WaterSports", "Wrestling", "Yoga", "Barre", "CoreTraining", "CrossCountrySkiing",
        "DownhillSkiing", "Flexibility", "HighIntensityIntervalTraining", "JumpRope", "Kickboxing", "Pilates",
        "Snowboarding", "Stairs", "StepTraining", "WheelchairWalkPace", "WheelchairRunPace", "TaiChi", "MixedCardio",
        "HandCycling", "DiscSports", "FitnessGaming", "CardioDance", "SocialDance", "Pickleball", "Cooldown",
        "SwimBikeRun", "Transition", "UnderwaterDiving", "Other",
    ];

    public static IReadOnlyList<Case> All { get; } =
    [
        new("AmericanFootball", null, U, Other, "Workout", "American Football", "americanFootball", "generic"),
        new("Archery", null, U, Other, "Workout", "Archery", "archery", "generic"),
        new("AustralianFootball", null, U, Other, "Workout", "Australian Football", "teamSport", "generic"),
        new("Badminton", null, U, Other, "Badminton", "Badminton", "racket", "badminton"),
        new("Baseball", null, U, Other, "Workout", "Baseball", "baseball", "generic"),
        new("Basketball", null, U, Other, "Workout", "Basketball", "basketball", "generic"),
        new("Bowling", null, U, Other, "Workout", "Bowling", "generic", "generic"),
        new("Boxing", null, U, Other, "Workout", "Boxing", "boxing", "generic"),
        new("Climbing", null, U, Other, "RockClimbing", "Climbing", "rockClimbing", "generic"),
        new("Climbing", true, U, Other, "RockClimbing", "Indoor Climbing", "rockClimbing", "indoorClimbing"),
        new("Cricket", null, U, Other, "Workout", "Cricket", "cricket", "generic"),
        new("CrossTraining", null, U, Strength, "Workout", "Cross Training", "training", "cardioTraining"),
        new("Curling", null, U, Other, "Workout", "Curling", "generic", "generic"),
        new("Cycling", null, U, Cycling, "Ride", "Cycle", "cycling", "generic"),
        new("Cycling", false, U, Cycling, "Ride", "Outdoor Cycle", "cycling", "generic"),
        new("Cycling", true, U, Cycling, "VirtualRide", "Indoor Cycle", "cycling", "indoorCycling"),
        new("Dance", null, U, Other, "Workout", "Dance", "dance", "generic"),
        new("DanceInspiredTraining", null, U, Other, "Workout", "Dance Inspired Training", "dance", "generic"),
        new("Elliptical", null, U, Other, "Elliptical", "Elliptical", "fitnessEquipment", "elliptical"),
        new("EquestrianSports", null, U, Other, "Workout", "Equestrian Sports", "horsebackRiding", "generic"),
        new("Fencing", null, U, Other, "Workout", "Fencing", "generic", "generic"),
        new("Fishing", null, U, Other, "Workout", "Fishing", "fishing", "generic"),
        new("FunctionalStrengthTraining", null, U, Strength, "WeightTraining", "Functional Strength Training", "training", "strengthTraining"),
        new("Golf", null, U, Other, "Golf", "Golf", "golf", "generic"),
        new("Gymnastics", null, U, Other, "Workout", "Gymnastics", "generic", "generic"),
        new("Handball", null, U, Other, "Workout", "Handball", "teamSport", "generic"),
        new("Hiking", null, U, WalksHikes, "Hike", "Hike", "hiking", "generic"),
        new("Hockey", null, U, Other, "Hockey", "Hockey", "hockey", "generic"),
        new("Hunting", null, U, Other, "Workout", "Hunting", "hunting", "generic"),
        new("Lacrosse", null, U, Other, "Workout", "Lacrosse", "lacrosse", "generic"),
        new("MartialArts", null, U, Other, "Workout", "Martial Arts", "mixedMartialArts", "generic"),
        new("MindAndBody", null, U, YogaMobility, "Workout", "Mind and Body", "meditation", "generic"),
        new("MixedMetabolicCardioTraining", null, U, Other, "Workout", "Mixed Metabolic Cardio Training", "training", "cardioTraining"),
        new("PaddleSports", null, U, Other, "Kayaking", "Paddling", "paddling", "generic"),
        new("Play", null, U, Other, "Workout", "Play", "generic", "generic"),
        new("PreparationAndRecovery", null, U, YogaMobility, "Workout", "Preparation and Recovery", "mobility", "generic"),
        new("Racquetball", null, U, Other, "Racquetball", "Racquetball", "racket", "racquetball"),
        new("Rowing", null, U, Other, "Rowing", "Rowing", "rowing", "generic"),
        new("Rowing", false, U, Other, "Rowing", "Outdoor Rowing", "rowing", "generic"),
        new("Rowing", true, U, Other, "Rowing", "Indoor Rowing", "rowing", "indoorRowing"),
        new("Rugby", null, U, Other, "Rugby", "Rugby", "rugby", "generic"),
        new("Running", null, U, Running, "Run", "Run", "running", "generic"),
        new("Running", false, U, Running, "Run", "Outdoor Run", "running", "generic"),
        new("Running", true, U, Running, "Run", "Indoor Run", "running", "treadmill"),
        new("Sailing", null, U, Other, "Sail", "Sailing", "sailing", "generic"),
        new("SkatingSports", null, U, Other, "IceSkate", "Skating", "iceSkating", "generic"),
        new("SnowSports", null, U, Other, "Workout", "Snow Sports", "winterSport", "generic"),
        new("Soccer", null, U, Other, "Soccer", "Soccer", "soccer", "generic"),
        new("Softball", null, U, Other, "Workout", "Softball", "baseball", "generic"),
        new("Squash", null, U, Other, "Squash", "Squash", "racket", "squash"),
        new("StairClimbing", null, U, Other, "StairStepper", "Stair Stepper", "fitnessEquipment", "stairClimbing"),
        new("SurfingSports", null, U, Other, "Surfing", "Surfing", "surfing", "generic"),
        new("Swimming", null, U, Swimming, "Swim", "Swim", "swimming", "lapSwimming"),
        new("Swimming", null, SwimLocation.Pool, Swimming, "Swim", "Pool Swim", "swimming", "lapSwimming"),
        new("Swimming", null, SwimLocation.OpenWater, Swimming, "OpenWaterSwim", "Open Water Swim", "swimming", "openWater"),
        new("TableTennis", null, U, Other, "TableTennis", "Table Tennis", "racket", "tableTennis"),
        new("Tennis", null, U, Other, "Tennis", "Tennis", "tennis", "generic"),
        new("TrackAndField", null, U, Other, "Workout", "Track and Field", "generic", "generic"),
        new("TraditionalStrengthTraining", null, U, Strength, "WeightTraining", "Strength Training", "training", "strengthTraining"),
        new("Volleyball", null, U, Other, "Workout", "Volleyball", "volleyball", "generic"),
        new("Walking", null, U, WalksHikes, "Walk", "Walk", "walking", "generic"),
        new("Walking", false, U, WalksHikes, "Walk", "Outdoor Walk", "walking", "generic"),
        new("Walking", true, U, WalksHikes, "Walk", "Indoor Walk", "walking", "indoorWalking"),
        new("WaterFitness", null, U, Other, "WaterSport", "Water Fitness", "waterSport", "generic"),
        new("WaterPolo", null, U, Other, "WaterSport", "Water Polo", "waterSport", "generic"),
        new("WaterSports", null, U, Other, "WaterSport", "Water Sports", "waterSport", "generic"),
        new("Wrestling", null, U, Other, "Workout", "Wrestling", "mixedMartialArts", "generic"),
        new("Yoga", null, U, YogaMobility, "Yoga", "Yoga", "training", "yoga"),
        new("Barre", null, U, YogaMobility, "Workout", "Barre", "training", "generic"),
        new("CoreTraining", null, U, Strength, "WeightTraining", "Core Training", "training", "strengthTraining"),
        new("CrossCountrySkiing", null, U, Other, "NordicSki", "Cross Country Skiing", "crossCountrySkiing", "generic"),
        new("DownhillSkiing", null, U, Other, "AlpineSki", "Downhill Skiing", "alpineSkiing", "generic"),
        new("Flexibility", null, U, YogaMobility, "Workout", "Flexibility", "training", "flexibilityTraining"),
        new("HighIntensityIntervalTraining", null, U, Other, "HighIntensityIntervalTraining", "High Intensity Interval Training", "hiit", "hiit"),
        new("JumpRope", null, U, Other, "Workout", "Jump Rope", "jumpRope", "generic"),
        new("Kickboxing", null, U, Other, "Workout", "Kickboxing", "boxing", "generic"),
        new("Pilates", null, U, YogaMobility, "Pilates", "Pilates", "training", "pilates"),
        new("Snowboarding", null, U, Other, "Snowboard", "Snowboarding", "snowboarding", "generic"),
        new("Stairs", null, U, Other, "StairStepper", "Stairs", "floorClimbing", "generic"),
        new("StepTraining", null, U, Other, "Workout", "Step Training", "training", "cardioTraining"),
        new("WheelchairWalkPace", null, U, WalksHikes, "Wheelchair", "Wheelchair Walk", "wheelchairPushWalk", "generic"),
        new("WheelchairWalkPace", false, U, WalksHikes, "Wheelchair", "Outdoor Wheelchair Walk", "wheelchairPushWalk", "generic"),
        new("WheelchairWalkPace", true, U, WalksHikes, "Wheelchair", "Indoor Wheelchair Walk", "wheelchairPushWalk", "indoorWheelchairWalk"),
        new("WheelchairRunPace", null, U, Running, "Wheelchair", "Wheelchair Run", "wheelchairPushRun", "generic"),
        new("WheelchairRunPace", false, U, Running, "Wheelchair", "Outdoor Wheelchair Run", "wheelchairPushRun", "generic"),
        new("WheelchairRunPace", true, U, Running, "Wheelchair", "Indoor Wheelchair Run", "wheelchairPushRun", "indoorWheelchairRun"),
        new("TaiChi", null, U, YogaMobility, "Workout", "Tai Chi", "training", "flexibilityTraining"),
        new("MixedCardio", null, U, Other, "Workout", "Mixed Cardio", "training", "cardioTraining"),
        new("HandCycling", null, U, Cycling, "Handcycle", "Hand Cycling", "cycling", "handCycling"),
        new("HandCycling", false, U, Cycling, "Handcycle", "Outdoor Hand Cycling", "cycling", "handCycling"),
        new("HandCycling", true, U, Cycling, "Handcycle", "Indoor Hand Cycling", "cycling", "indoorHandCycling"),
        new("DiscSports", null, U, Other, "Workout", "Disc Sports", "discGolf", "generic"),
        new("FitnessGaming", null, U, Other, "Workout", "Fitness Gaming", "videoGaming", "generic"),
        new("CardioDance", null, U, Other, "Workout", "Cardio Dance", "dance", "generic"),
        new("SocialDance", null, U, Other, "Workout", "Social Dance", "dance", "generic"),
        new("Pickleball", null, U, Other, "Pickleball", "Pickleball", "racket", "pickleball"),
        new("Cooldown", null, U, YogaMobility, "Workout", "Cooldown", "mobility", "generic"),
        new("SwimBikeRun", null, U, Other, "Workout", "Multisport", "multisport", "triathlon"),
        new("Transition", null, U, Other, "Transition", "Transition", "transition", "generic"),
        new("UnderwaterDiving", null, U, Other, "Workout", "Underwater Diving", "diving", "generic"),
        new("Other", null, U, Other, "Workout", "Workout", "generic", "generic"),

        // A type Apple adds after this table was written.
        new("UnderwaterHockey", null, U, Other, "Workout", "Underwater Hockey", "generic", "generic"),
    ];

    /// <summary>The cases as xunit rows, each a <see cref="Case"/> so a failure names it.</summary>
    public static TheoryData<Case> Rows => [.. All];
}
