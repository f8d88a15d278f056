using HealthSync.Sync;

namespace HealthSync.Tests.Workouts;

public sealed class SportFamilyTests
{
    [Theory]
    [InlineData("DownhillSkiing", "AlpineSki")]
    [InlineData("Snowboarding", "AlpineSki")]
    [InlineData("CrossCountrySkiing", "BackcountrySki")]
    [InlineData("CrossCountrySkiing", "NordicSki")]
    [InlineData("Tennis", "Tennis")]
    [InlineData("Squash", "Squash")]
    [InlineData("PaddleSports", "Canoeing")]
    [InlineData("PaddleSports", "StandUpPaddling")]
    [InlineData("Rowing", "Kayaking")]
    [InlineData("SkatingSports", "InlineSkate")]
    [InlineData("SurfingSports", "Kitesurf")]
    [InlineData("Cycling", "GravelRide")]
    [InlineData("HandCycling", "Ride")]
    [InlineData("Hiking", "Walk")]
    [InlineData("Swimming", "OpenWaterSwim")]
    [InlineData("CrossTraining", "Workout")]
    [InlineData("Stairs", "StairStepper")]
    public void Should_Match_The_Type_Another_Recorder_Gives_The_Same_Sport(string appleType, string intervalsType) =>
        Assert.Equal(SportFamily.Of(intervalsType), SportFamily.Of(Mapped(appleType)));

    [Theory]
    [InlineData("Tennis", "Squash")]
    [InlineData("Squash", "Tennis")]
    [InlineData("Badminton", "Pickleball")]
    [InlineData("TableTennis", "Padel")]
    [InlineData("DownhillSkiing", "NordicSki")]
    [InlineData("CrossCountrySkiing", "AlpineSki")]
    [InlineData("Running", "Ride")]
    [InlineData("Walking", "Run")]
    [InlineData("Soccer", "Rugby")]
    [InlineData("Golf", "Workout")]
    public void Should_Keep_Different_Sports_Apart(string appleType, string intervalsType) =>
        Assert.NotEqual(SportFamily.Of(intervalsType), SportFamily.Of(Mapped(appleType)));

    private static string Mapped(string appleType) =>
        HealthSync.Workouts.SportMappings.For("HKWorkoutActivityType" + appleType).IntervalsType;
}
