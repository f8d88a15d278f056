using HealthSync.Workouts;
using IntervalsStandIn.Fit;

namespace HealthSync.Tests.Intervals;

public sealed class StandInFitDecoderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 2, 9, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Running", null, SwimLocation.Unknown, "Run")]
    [InlineData("Running", true, SwimLocation.Unknown, "Run")]
    [InlineData("Cycling", false, SwimLocation.Unknown, "Ride")]
    [InlineData("Cycling", true, SwimLocation.Unknown, "VirtualRide")]
    [InlineData("Walking", null, SwimLocation.Unknown, "Walk")]
    [InlineData("Hiking", null, SwimLocation.Unknown, "Hike")]
    [InlineData("Swimming", null, SwimLocation.Pool, "Swim")]
    [InlineData("Swimming", null, SwimLocation.OpenWater, "OpenWaterSwim")]
    [InlineData("TraditionalStrengthTraining", true, SwimLocation.Unknown, "WeightTraining")]
    [InlineData("Yoga", true, SwimLocation.Unknown, "Yoga")]
    [InlineData("Pilates", true, SwimLocation.Unknown, "Pilates")]
    [InlineData("HighIntensityIntervalTraining", true, SwimLocation.Unknown, "HighIntensityIntervalTraining")]
    [InlineData("Elliptical", true, SwimLocation.Unknown, "Elliptical")]
    [InlineData("Rowing", true, SwimLocation.Unknown, "Rowing")]
    [InlineData("StairClimbing", true, SwimLocation.Unknown, "StairStepper")]
    [InlineData("Curling", null, SwimLocation.Unknown, "Workout")]
    public void Should_Derive_The_Activity_Type_The_Sport_Table_Expects(string activityType, bool? indoor, SwimLocation swimLocation, string expected)
    {
        var bytes = TestFitFile.Create(Start, TimeSpan.FromMinutes(10), activityType: activityType, indoor: indoor, swimLocation: swimLocation);

        var fit = FitDecoder.Decode(bytes);

        Assert.Equal(expected, SportTypes.Of(fit.Sport, fit.SubSport));
        Assert.Equal(expected, SportMappings.For("HKWorkoutActivityType" + activityType, indoor, swimLocation).IntervalsType);
    }

    [Fact]
    public void Should_Read_Session_And_Local_Start()
    {
        var fit = FitDecoder.Decode(TestFitFile.Create(Start, TimeSpan.FromMinutes(61), TimeSpan.FromMinutes(58), 10_234.56, timeZone: "America/New_York", averageHeartRate: 141, calories: 655));

        Assert.Equal(Start, fit.StartTime);
        Assert.Equal(new DateTime(2025, 3, 2, 4, 15, 0), fit.StartLocal);
        Assert.Equal(3660, fit.TotalElapsedSeconds);
        Assert.Equal(3480, fit.TotalTimerSeconds);
        Assert.Equal(10_234.56, fit.TotalDistanceMeters);
        Assert.Equal(141, fit.AverageHeartRate);
        Assert.Equal(655, fit.TotalCalories);
    }

    [Fact]
    public void Should_Reject_Corrupted_Crc()
    {
        var bytes = TestFitFile.Create(Start, TimeSpan.FromMinutes(10));
        bytes[20] ^= 0xFF;

        var error = Assert.Throws<FitFormatException>(() => FitDecoder.Decode(bytes));
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }
}
