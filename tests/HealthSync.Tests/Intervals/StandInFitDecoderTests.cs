using IntervalsStandIn.Fit;

namespace HealthSync.Tests.Intervals;

public sealed class StandInFitDecoderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 2, 9, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0, "Run")]
    [InlineData(1, 1, "Run")]
    [InlineData(2, 0, "Ride")]
    [InlineData(2, 6, "VirtualRide")]
    [InlineData(11, 0, "Walk")]
    [InlineData(17, 0, "Hike")]
    [InlineData(5, 17, "Swim")]
    [InlineData(5, 18, "OpenWaterSwim")]
    [InlineData(10, 20, "WeightTraining")]
    [InlineData(10, 43, "Yoga")]
    [InlineData(10, 44, "Pilates")]
    [InlineData(62, 70, "HighIntensityIntervalTraining")]
    [InlineData(4, 15, "Elliptical")]
    [InlineData(15, 14, "Rowing")]
    [InlineData(4, 16, "StairStepper")]
    [InlineData(0, 0, "Workout")]
    public void Should_Map_Sport_And_Sub_Sport_To_Activity_Type(byte sport, byte subSport, string expected)
    {
        var fit = FitDecoder.Decode(TestFitFile.Create(Start, TimeSpan.FromMinutes(10), sport: sport, subSport: subSport));

        Assert.Equal(expected, SportTypes.Of(fit.Sport, fit.SubSport));
    }

    [Fact]
    public void Should_Read_Session_And_Local_Start()
    {
        var fit = FitDecoder.Decode(TestFitFile.Create(Start, TimeSpan.FromMinutes(61), TimeSpan.FromMinutes(58), 10_234.56, utcOffset: TimeSpan.FromHours(-5), averageHeartRate: 141, calories: 655));

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
