using HealthSync.Workouts;

namespace HealthSync.Tests.Workouts;

public sealed class SportTableTests
{
    [Theory]
    [MemberData(nameof(SportExpectations.Rows), MemberType = typeof(SportExpectations))]
    public void Should_Give_Every_Type_Its_Category_Intervals_Type_And_Name(SportExpectations.Case expected)
    {
        var type = "HKWorkoutActivityType" + expected.Type;

        Assert.Equal(expected.Category, SportCategories.Of(type));
        Assert.Equal(expected.IntervalsType, SportMappings.For(type, expected.Indoor, expected.Location).IntervalsType);
        Assert.Equal(expected.Name, SportTable.DisplayName(type, expected.Indoor, expected.Location));
    }

    [Fact]
    public void Should_Have_One_Row_Per_Apple_Type_And_No_Other()
    {
        Assert.Equal(84, SportExpectations.AppleTypes.Count);
        Assert.Equal(SportExpectations.AppleTypes, SportTable.Rows.Select(r => r.Name));
    }

    [Fact]
    public void Should_Expect_Every_Variant_Of_Every_Row()
    {
        // The expectations must cover each variant the table has, or a new indoor row would go untested.
        var expected = SportExpectations.All.Select(c => (c.Type, c.Name)).ToHashSet();

        foreach (var row in SportTable.Rows)
        {
            foreach (var variant in row.Variants)
            {
                Assert.Contains((row.Name, variant.DisplayName), expected);
            }
        }
    }

    [Fact]
    public void Should_Give_Rows_With_The_Same_Fit_Sport_The_Same_Intervals_Type()
    {
        // Intervals.icu sees only sport/sub_sport in the file; two types for one pair cannot both land right.
        var conflicts = SportTable.Rows.SelectMany(r => r.Variants)
            .GroupBy(v => (v.Mapping.FitSport, v.Mapping.FitSubSport))
            .Where(g => g.Select(v => v.Mapping.IntervalsType).Distinct().Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(conflicts);
    }

    [Theory]
    [InlineData("HKWorkoutActivityTypeSomethingFromIOS30", "Something From IOS 30")]
    [InlineData("HKWorkoutActivityTypeUnderwaterHockey", "Underwater Hockey")]
    [InlineData("HKWorkoutActivityTypeVRGaming", "VR Gaming")]
    [InlineData("HKWorkoutActivityType", "Workout")]
    [InlineData("", "Workout")]
    public void Should_Name_Unknown_Types_From_Their_CamelCase_And_File_Them_As_Generic(string type, string name)
    {
        Assert.Equal(name, SportTable.DisplayName(type));
        Assert.Equal(SportCategory.Other, SportCategories.Of(type));
        Assert.Equal(SportMappings.Generic, SportMappings.For(type, indoor: true, SwimLocation.OpenWater));
    }

    [Fact]
    public void Should_Name_A_Workout_From_Its_Metadata()
    {
        var start = new DateTimeOffset(2025, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var walk = new Workout
        {
            Id = "w",
            ActivityType = "HKWorkoutActivityTypeWalking",
            Start = start,
            End = start.AddMinutes(30),
            Duration = TimeSpan.FromMinutes(30),
            Source = "Apple Watch",
            Indoor = true,
        };

        Assert.Equal("Indoor Walk", SportTable.DisplayName(walk));
        Assert.Equal("Outdoor Walk", SportTable.DisplayName(walk with { Indoor = false }));
        Assert.Equal("Open Water Swim", SportTable.DisplayName(walk with { ActivityType = "HKWorkoutActivityTypeSwimming", Indoor = null, SwimLocation = SwimLocation.OpenWater }));
        Assert.Equal("Strength Training", SportTable.DisplayName(walk with { ActivityType = "HKWorkoutActivityTypeTraditionalStrengthTraining" }));
    }
}
