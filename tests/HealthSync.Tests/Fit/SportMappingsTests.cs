using HealthSync.Workouts;

namespace HealthSync.Tests.Fit;

public sealed class SportMappingsTests
{
    [Theory]
    [InlineData("Running", false, SwimLocation.Unknown, 1, 0, "Run")]
    [InlineData("Running", true, SwimLocation.Unknown, 1, 1, "Run")]
    [InlineData("Cycling", null, SwimLocation.Unknown, 2, 0, "Ride")]
    [InlineData("Cycling", true, SwimLocation.Unknown, 2, 6, "VirtualRide")]
    [InlineData("HandCycling", false, SwimLocation.Unknown, 2, 12, "Handcycle")]
    [InlineData("Walking", false, SwimLocation.Unknown, 11, 0, "Walk")]
    [InlineData("Walking", true, SwimLocation.Unknown, 11, 27, "Walk")]
    [InlineData("Hiking", false, SwimLocation.Unknown, 17, 0, "Hike")]
    [InlineData("Swimming", null, SwimLocation.Pool, 5, 17, "Swim")]
    [InlineData("Swimming", null, SwimLocation.OpenWater, 5, 18, "OpenWaterSwim")]
    [InlineData("TraditionalStrengthTraining", null, SwimLocation.Unknown, 10, 20, "WeightTraining")]
    [InlineData("FunctionalStrengthTraining", null, SwimLocation.Unknown, 10, 20, "WeightTraining")]
    [InlineData("CoreTraining", null, SwimLocation.Unknown, 10, 20, "WeightTraining")]
    [InlineData("HighIntensityIntervalTraining", null, SwimLocation.Unknown, 62, 70, "HighIntensityIntervalTraining")]
    [InlineData("Yoga", null, SwimLocation.Unknown, 10, 43, "Yoga")]
    [InlineData("Pilates", null, SwimLocation.Unknown, 10, 44, "Pilates")]
    [InlineData("Elliptical", null, SwimLocation.Unknown, 4, 15, "Elliptical")]
    [InlineData("Rowing", false, SwimLocation.Unknown, 15, 0, "Rowing")]
    [InlineData("Rowing", true, SwimLocation.Unknown, 15, 14, "Rowing")]
    [InlineData("StairClimbing", null, SwimLocation.Unknown, 4, 16, "StairStepper")]
    [InlineData("Curling", null, SwimLocation.Unknown, 0, 0, "Workout")]
    [InlineData("Other", null, SwimLocation.Unknown, 0, 0, "Workout")]
    public void Should_Map_Activity_Types_To_Fit_Sport_And_Intervals_Type(
        string type, bool? indoor, SwimLocation location, int sport, int subSport, string intervalsType)
    {
        var mapping = SportMappings.For("HKWorkoutActivityType" + type, indoor, location);

        Assert.Equal(new SportMapping((byte)sport, (byte)subSport, intervalsType), mapping);
    }
}
