using HealthSync.Tests.Support;

namespace HealthSync.Tests.AppleHealth;

/// <summary>A workout's distance comes from the workout; other devices' samples fill a series, never invent a total.</summary>
public sealed class DistanceRuleTests
{
    private static string Workout(string type, string source = "Apple Watch", string extra = "") => $"""
        <Workout workoutActivityType="HKWorkoutActivityType{type}" duration="70" durationUnit="min" sourceName="{source}" startDate="2025-07-14 08:00:00 +0100" endDate="2025-07-14 09:10:00 +0100"{extra}/>
        """;

    /// <summary>Distance records every ten minutes of the window, 100 m each, written by <paramref name="source"/>.</summary>
    private static IEnumerable<string> Pedometer(string source, string type = "DistanceWalkingRunning") =>
        Enumerable.Range(0, 6).Select(i => $"""
            <Record type="HKQuantityTypeIdentifier{type}" sourceName="{source}" unit="km" startDate="2025-07-14 08:{i}1:00 +0100" endDate="2025-07-14 08:{i}5:00 +0100" value="0.1"/>
            """);

    private static async Task<HealthSync.Workouts.Workout> ReadOneAsync(IEnumerable<string> records, string workout)
    {
        using var dir = new TempDirectory();
        var builder = new ExportBuilder();
        foreach (var record in records)
        {
            builder.Add(record);
        }

        var (workouts, _) = await ExportReading.ReadAllAsync(builder.Add(workout).WriteXml(dir.File("export.xml")));
        return Assert.Single(workouts);
    }

    [Theory]
    [InlineData("Yoga")]
    [InlineData("TraditionalStrengthTraining")]
    [InlineData("Rowing")]
    [InlineData("HighIntensityIntervalTraining")]
    public async Task Should_Give_No_Distance_To_A_Sport_Without_One_From_The_Phones_Pedometer(string type)
    {
        var workout = await ReadOneAsync(Pedometer("iPhone"), Workout(type));

        Assert.Null(workout.DistanceMeters);
        Assert.Empty(workout.DistanceSamples);
    }

    [Fact]
    public async Task Should_Give_No_Distance_To_Yoga_Even_From_Its_Own_Watch()
    {
        // The watch counts background steps as distance all day, during yoga too.
        var workout = await ReadOneAsync(Pedometer("Apple Watch"), Workout("Yoga"));

        Assert.Null(workout.DistanceMeters);
        Assert.Empty(workout.DistanceSamples);
    }

    [Fact]
    public async Task Should_Keep_A_Total_The_Workout_States_Whatever_Its_Sport()
    {
        var workout = await ReadOneAsync(Pedometer("iPhone"), Workout("Rowing", extra: """ totalDistance="2.5" totalDistanceUnit="km" """));

        Assert.Equal(2500, workout.DistanceMeters);
    }

    [Fact]
    public async Task Should_Total_A_Walk_From_Samples_Of_Its_Own_Source()
    {
        var workout = await ReadOneAsync(Pedometer("Apple Watch").Concat(Pedometer("iPhone")), Workout("Walking"));

        Assert.Equal(600, workout.DistanceMeters!.Value, 6);
        Assert.Equal(6, workout.DistanceSamples.Count);
    }

    [Fact]
    public async Task Should_Not_Total_A_Walk_From_Another_Devices_Samples()
    {
        var workout = await ReadOneAsync(Pedometer("iPhone"), Workout("Walking", source: "Some App"));

        Assert.Null(workout.DistanceMeters);
        Assert.Empty(workout.DistanceSamples);
    }

    [Fact]
    public async Task Should_Let_Another_Devices_Samples_Fill_The_Series_Of_A_Walk_With_Its_Own_Total()
    {
        var workout = await ReadOneAsync(Pedometer("iPhone"), Workout("Walking", source: "Some App", extra: """ totalDistance="1.2" totalDistanceUnit="km" """));

        Assert.Equal(1200, workout.DistanceMeters);
        Assert.Equal(6, workout.DistanceSamples.Count);
    }
}
