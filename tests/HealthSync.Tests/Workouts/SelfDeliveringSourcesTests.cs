using HealthSync.Workouts;

namespace HealthSync.Tests.Workouts;

public sealed class SelfDeliveringSourcesTests
{
    [Theory]
    [InlineData("Garmin Connect", "garmin-connect", "Garmin Connect")]
    [InlineData("garminconnect", "garmin-connect", "Garmin Connect")]
    [InlineData("Connect", "garmin-connect", "Garmin Connect")]
    [InlineData("  STRAVA ", "strava", "Strava")]
    [InlineData("Zwift", "zwift", "Zwift")]
    [InlineData("ELEMNT", "wahoo", "Wahoo")]
    [InlineData("Coros", "coros", "COROS")]
    [InlineData("Polar Flow", "polar", "Polar")]
    [InlineData("PolarFlow", "polar", "Polar")]
    [InlineData("Suunto", "suunto", "Suunto")]
    [InlineData("My Whoosh", "mywhoosh", "MyWhoosh")]
    [InlineData("Rouvy", "rouvy", "Rouvy")]
    public void Should_Recognise_A_Self_Delivering_App_Whatever_Its_Case_And_Spaces(string sourceName, string id, string displayName)
    {
        var source = SelfDeliveringSources.Match(sourceName);

        Assert.NotNull(source);
        Assert.Equal(id, source.Id);
        Assert.Equal(displayName, source.DisplayName);
    }

    [Theory]
    [InlineData("Apple Watch")]
    [InlineData("Jan’s Apple Watch")]
    [InlineData("Workout")]
    [InlineData("Health")]
    [InlineData("Connected Fitness")]
    [InlineData("Stravaganza")]
    [InlineData("TrainerRoad")]
    [InlineData("Oura")]
    [InlineData("")]
    [InlineData(null)]
    public void Should_Leave_Other_Sources_Alone(string? sourceName) =>
        Assert.Null(SelfDeliveringSources.Match(sourceName));

    [Fact]
    public void Should_Have_Unique_Ids_And_Find_Each_By_Id_And_By_Each_Of_Its_Names()
    {
        Assert.Equal(SelfDeliveringSources.All.Count, SelfDeliveringSources.All.Select(s => s.Id).Distinct().Count());
        foreach (var source in SelfDeliveringSources.All)
        {
            Assert.Same(source, SelfDeliveringSources.ById(source.Id.ToUpperInvariant()));
            Assert.All(source.SourceNames, name => Assert.Same(source, SelfDeliveringSources.Match(name)));
        }

        Assert.Null(SelfDeliveringSources.ById("peloton"));
    }
}
