namespace IntervalsStandIn.Fit;

/// <summary>Intervals.icu activity type from an uploaded file's FIT sport/sub_sport.</summary>
/// <remarks>
/// The service's own rule is undocumented (docs: "UNCONFIRMED"). Where a FIT sport has an Intervals.icu type of the
/// same name (alpine skiing → AlpineSki, tennis → Tennis) this says so; everything else is "Workout", the type the
/// HealthSync sport table expects for rows without a type of their own, so the stand-in and the table agree.
/// Numbers are Garmin's FIT profile values.
/// </remarks>
public static class SportTypes
{
    public static string Of(int? sport, int? subSport) => (sport, subSport) switch
    {
        (1, _) => "Run",
        (2, 12 or 88) => "Handcycle",
        (2, 6 or 58) => "VirtualRide",
        (2, _) => "Ride",
        (11, _) => "Walk",
        (17, _) => "Hike",
        (5, 18) => "OpenWaterSwim",
        (5, _) => "Swim",
        (15, _) or (4, 14) => "Rowing",
        (4, 15) => "Elliptical",
        (4, 16) or (48, _) => "StairStepper",
        (4, 6) => "VirtualRide",
        (4, 1) => "Run",
        (62, _) or (_, 70) => "HighIntensityIntervalTraining",
        (_, 43) => "Yoga",
        (_, 44) => "Pilates",
        (10, 20) or (4, 20) => "WeightTraining",
        (3, _) => "Transition",
        (8, _) => "Tennis",
        (7, _) => "Soccer",
        (12, _) => "NordicSki",
        (13, 37) => "BackcountrySki",
        (13, _) => "AlpineSki",
        (14, _) => "Snowboard",
        (19 or 41, _) => "Kayaking",
        (88, _) => "Canoeing",
        (37, _) => "StandUpPaddling",
        (25, _) => "Golf",
        (31, _) => "RockClimbing",
        (32, _) => "Sail",
        (33, _) => "IceSkate",
        (30, _) => "InlineSkate",
        (35, _) => "Snowshoe",
        (38, _) => "Surfing",
        (43, _) => "Windsurf",
        (44, _) => "Kitesurf",
        (72, _) => "Rugby",
        (73, _) => "Hockey",
        (78, _) => "WaterSport",
        (65 or 66, _) => "Wheelchair",
        (64, 84) => "Pickleball",
        (64, 85) => "Padel",
        (64, 94) => "Squash",
        (64, 95) => "Badminton",
        (64, 96) => "Racquetball",
        (64, 97) => "TableTennis",
        _ => "Workout",
    };
}
