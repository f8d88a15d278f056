namespace HealthSync.Workouts;

/// <summary>How one kind of workout is written: FIT sport and sub_sport numbers, and the Intervals.icu activity type.</summary>
/// <param name="FitSport">FIT <c>sport</c> enum value.</param>
/// <param name="FitSubSport">FIT <c>sub_sport</c> enum value.</param>
/// <param name="IntervalsType">Intervals.icu activity type (e.g. "Run", "VirtualRide").</param>
public readonly record struct SportMapping(byte FitSport, byte FitSubSport, string IntervalsType);
