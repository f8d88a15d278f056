using HealthSync.Workouts;

namespace HealthSync.Tests.Workouts;

public sealed class SportCategoriesTests
{
    [Theory]
    [InlineData("HKWorkoutActivityTypeCycling", SportCategory.Cycling)]
    [InlineData("HKWorkoutActivityTypeHandCycling", SportCategory.Cycling)]
    [InlineData("HKWorkoutActivityTypeRunning", SportCategory.Running)]
    [InlineData("HKWorkoutActivityTypeTraditionalStrengthTraining", SportCategory.Strength)]
    [InlineData("HKWorkoutActivityTypeFunctionalStrengthTraining", SportCategory.Strength)]
    [InlineData("HKWorkoutActivityTypeCoreTraining", SportCategory.Strength)]
    [InlineData("HKWorkoutActivityTypeWalking", SportCategory.WalksHikes)]
    [InlineData("HKWorkoutActivityTypeHiking", SportCategory.WalksHikes)]
    [InlineData("HKWorkoutActivityTypeSwimming", SportCategory.Swimming)]
    [InlineData("HKWorkoutActivityTypeYoga", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypePilates", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypeFlexibility", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypeMindAndBody", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypeTaiChi", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypeBarre", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypeCooldown", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypePreparationAndRecovery", SportCategory.YogaMobility)]
    [InlineData("HKWorkoutActivityTypeHighIntensityIntervalTraining", SportCategory.Other)]
    [InlineData("HKWorkoutActivityTypeRowing", SportCategory.Other)]
    [InlineData("HKWorkoutActivityTypeOther", SportCategory.Other)]
    [InlineData("HKWorkoutActivityTypeSomethingFromIOS30", SportCategory.Other)]
    [InlineData("", SportCategory.Other)]
    public void Should_Map_Every_Activity_Type_To_One_Category(string activityType, SportCategory expected) =>
        Assert.Equal(expected, SportCategories.Of(activityType));

    [Fact]
    public void Should_Default_Cycling_And_Running_Off_And_The_Rest_On()
    {
        var off = SportCategories.All.Where(c => !SportCategories.IsOnByDefault(c)).ToArray();

        Assert.Equal([SportCategory.Cycling, SportCategory.Running], off);
        Assert.Equal(7, SportCategories.All.Count);
        Assert.All(off, c => Assert.NotNull(SportCategories.DefaultOffReason(c)));
    }

    [Fact]
    public void Should_Round_Trip_Category_Ids()
    {
        foreach (var category in SportCategories.All)
        {
            Assert.True(SportCategories.TryParseId(category.ToId(), out var parsed));
            Assert.Equal(category, parsed);
        }

        Assert.Equal(["cycling", "running", "strength", "walks-hikes", "swimming", "yoga-mobility", "other"], SportCategories.All.Select(c => c.ToId()));
        Assert.False(SportCategories.TryParseId("tennis", out _));
    }
}
