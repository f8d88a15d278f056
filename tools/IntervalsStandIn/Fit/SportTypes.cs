namespace IntervalsStandIn.Fit;

/// <summary>Intervals.icu activity type from FIT sport/sub_sport (the service's own rule is unconfirmed; this is a plausible one).</summary>
public static class SportTypes
{
    public static string Of(int? sport, int? subSport) => (sport, subSport) switch
    {
        (1, _) => "Run",
        (2, 6 or 58) => "VirtualRide",
        (2, _) => "Ride",
        (11, _) => "Walk",
        (17, _) => "Hike",
        (5, 18) => "OpenWaterSwim",
        (5, _) => "Swim",
        (15, _) or (4, 14) => "Rowing",
        (4, 15) => "Elliptical",
        (4, 16) => "StairStepper",
        (4, 6) => "VirtualRide",
        (4, 1) => "Run",
        (62, _) or (_, 70) => "HighIntensityIntervalTraining",
        (_, 43) => "Yoga",
        (_, 44) => "Pilates",
        (10, _) or (4, 20) => "WeightTraining",
        _ => "Workout",
    };
}
