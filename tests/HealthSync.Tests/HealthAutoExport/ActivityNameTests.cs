using HealthSync.HealthAutoExport;
using HealthSync.Tests.Support;
using HealthSync.Workouts;
using static HealthSync.Tests.HealthAutoExport.HaeFixtures;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>The phone's localized activity names, mapped to types in every language we know, and never guessed.</summary>
public sealed class ActivityNameTests
{
    [Theory]
    [InlineData("Outdoor Walk", "Walking", WorkoutPlace.Outdoor, "en")]
    [InlineData("Indoor Run", "Running", WorkoutPlace.Indoor, "en")]
    [InlineData("Traditional Strength Training", "TraditionalStrengthTraining", WorkoutPlace.Unspecified, "en")]
    [InlineData("Pool Swim", "Swimming", WorkoutPlace.Pool, "en")]
    [InlineData("Open Water Swim", "Swimming", WorkoutPlace.OpenWater, "en")]
    [InlineData("Marche en extérieur", "Walking", WorkoutPlace.Outdoor, "fr")]
    [InlineData("MARCHE EN EXTERIEUR", "Walking", WorkoutPlace.Outdoor, "fr")]
    [InlineData("Renforcement musculaire traditionnel", "TraditionalStrengthTraining", WorkoutPlace.Unspecified, "fr")]
    [InlineData("Natation en piscine", "Swimming", WorkoutPlace.Pool, "fr")]
    [InlineData("Extérieur Course", "Running", WorkoutPlace.Outdoor, "fr")]
    [InlineData("Course à pied", "Running", WorkoutPlace.Unspecified, "fr")]
    [InlineData("Gehen im Freien", "Walking", WorkoutPlace.Outdoor, "de")]
    [InlineData("Traditionelles Krafttraining", "TraditionalStrengthTraining", WorkoutPlace.Unspecified, "de")]
    [InlineData("Schwimmen im Becken", "Swimming", WorkoutPlace.Pool, "de")]
    [InlineData("Outdoor_Ausführen", "Running", WorkoutPlace.Outdoor, "de")]
    [InlineData("  gehen   IM\u00A0freien ", "Walking", WorkoutPlace.Outdoor, "de")]
    public void Should_Map_Localized_Names_Folding_Accents_Case_And_Spaces(string name, string type, WorkoutPlace place, string language)
    {
        var match = ActivityNameMatcher.Default.Match(name);

        Assert.NotNull(match);
        Assert.Equal(SportCategories.ActivityTypePrefix + type, match.ActivityType);
        Assert.Equal(place, match.Place);
        Assert.Equal(language, match.Language);
    }

    [Fact]
    public void Should_Know_Every_Display_Name_Of_The_Sport_Table_But_Workout()
    {
        var missing = SportTable.Rows.SelectMany(r => r.Variants.Select(v => v.DisplayName))
            .Where(n => n != "Workout" && ActivityNameMatcher.Default.Match(n) is null)
            .ToList();

        Assert.Empty(missing);
        Assert.Null(ActivityNameMatcher.Default.Match("Workout"));
    }

    [Fact]
    public async Task Should_Read_A_V2_French_Document()
    {
        var json = Document(
            Workout("Marche en extérieur", extra: """, "location": "Extérieur", "distance": {"qty": 2.5, "units": "km"}"""),
            Workout("Natation en piscine", start: "2026-05-04 07:00:00 +0200", end: "2026-05-04 07:40:00 +0200", extra: """, "location": "Piscine", "lapLength": {"qty": 25, "units": "m"}"""),
            Workout("Renforcement musculaire traditionnel", start: "2026-05-05 18:00:00 +0200", end: "2026-05-05 18:50:00 +0200", extra: """, "location": "Intérieur", "isIndoor": true"""));

        var (workouts, issues) = await ReadAsync(json);

        Assert.Empty(issues);
        Assert.Equal(["HKWorkoutActivityTypeWalking", "HKWorkoutActivityTypeSwimming", "HKWorkoutActivityTypeTraditionalStrengthTraining"], workouts.Select(w => w.ActivityType));
        Assert.False(workouts[0].Indoor);
        Assert.Equal(2500, workouts[0].DistanceMeters);
        Assert.Equal(SwimLocation.Pool, workouts[1].SwimLocation);
        Assert.Equal(25, workouts[1].PoolLengthMeters);
        Assert.Equal("Pool Swim", SportTable.DisplayName(workouts[1]));
        Assert.True(workouts[2].Indoor);
    }

    [Fact]
    public async Task Should_Read_A_V2_German_Document()
    {
        var json = Document(
            Workout("Gehen im Freien"),
            Workout("Schwimmen im Becken", start: "2026-05-04 07:00:00 +0200", end: "2026-05-04 07:40:00 +0200"),
            Workout("Traditionelles Krafttraining", start: "2026-05-05 18:00:00 +0200", end: "2026-05-05 18:50:00 +0200"),
            Workout("Outdoor_Ausführen", start: "2026-05-06 06:00:00 +0200", end: "2026-05-06 06:30:00 +0200"));

        var (workouts, issues) = await ReadAsync(json);

        Assert.Empty(issues);
        Assert.Equal(["Outdoor Walk", "Pool Swim", "Strength Training", "Outdoor Run"], workouts.Select(SportTable.DisplayName));
    }

    [Fact]
    public async Task Should_Report_An_Unknown_Name_With_Its_Language_And_Not_Guess_It_Into_Other()
    {
        var json = Document(Workout("Marche nordique"), Workout("Yoga", start: "2026-05-04 07:00:00 +0200", end: "2026-05-04 07:40:00 +0200"));

        var (workouts, issues) = await ReadAsync(json);

        Assert.Equal("HKWorkoutActivityTypeYoga", Assert.Single(workouts).ActivityType);
        var issue = Assert.Single(issues);
        Assert.Equal(HealthAutoExportProblemCode.UnknownActivityName, issue.Code);
        Assert.Equal("Marche nordique", issue.ActivityName);
        Assert.Equal("fr", issue.Language);
        Assert.Contains("\"Marche nordique\" (fr)", issue.Reason, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 5, 3, 16, 0, 0, TimeSpan.Zero), issue.Start);
    }

    [Fact]
    public async Task Should_Read_An_Unknown_Name_Once_The_User_Maps_It()
    {
        var json = Document(Workout("Marche nordique"));
        var options = new HealthAutoExportOptions { ExtraActivityNames = new Dictionary<string, string> { ["marche NORDIQUE"] = "Hiking" } };

        var (workouts, issues) = await ReadAsync(json, options);

        Assert.Empty(issues);
        Assert.Equal("HKWorkoutActivityTypeHiking", Assert.Single(workouts).ActivityType);
    }

    [Fact]
    public void Should_Refuse_A_User_Mapping_To_A_Type_That_Does_Not_Exist()
    {
        var error = Assert.Throws<ArgumentException>(() => new ActivityNameMatcher(new Dictionary<string, string> { ["Zumba"] = "Zumbaing" }));

        Assert.Contains("Zumbaing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Give_A_Pushed_Workout_The_Same_Id_Type_Start_And_End_As_The_Same_Workout_In_An_Export()
    {
        using var dir = new TempDirectory();
        var zip = new ExportBuilder()
            .Add("""
                <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="46.6" durationUnit="min" sourceName="Apple Watch von Anna" startDate="2026-05-03 07:12:04 +0200" endDate="2026-05-03 07:58:40 +0200">
                  <MetadataEntry key="HKIndoorWorkout" value="0"/>
                </Workout>
                """)
            .WriteZip(dir.File("export.zip"));
        var (exported, _) = await ExportReading.ReadAllAsync(zip);

        // The phone sends the same workout in 12-hour form and another offset: the instants, not the text, must agree.
        var (pushed, _) = await ReadAsync(Document(Workout("Outdoor Walk", start: "2026-05-03 5:12:04\u202Fam +0000", end: "2026-05-03 5:58:40\u202FAM +0000")));

        var fromExport = Assert.Single(exported);
        var fromPush = Assert.Single(pushed);
        Assert.Equal(fromExport.Id, fromPush.Id);
        Assert.Equal(fromExport.ActivityType, fromPush.ActivityType);
        Assert.Equal(fromExport.Start, fromPush.Start);
        Assert.Equal(fromExport.End, fromPush.End);
        Assert.Equal(fromExport.Indoor, fromPush.Indoor);
    }

    [Fact]
    public async Task Should_Give_The_V2_Walk_The_Same_Id_As_The_Export()
    {
        using var dir = new TempDirectory();
        var zip = new ExportBuilder()
            .Add("""<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="46.6" durationUnit="min" sourceName="Apple Watch" startDate="2026-05-03 07:12:04 +0200" endDate="2026-05-03 07:58:40 +0200"/>""")
            .WriteZip(dir.File("export.zip"));
        var (exported, _) = await ExportReading.ReadAllAsync(zip);

        var (pushed, _) = await ReadAsync(V2EnglishWalk);

        Assert.Equal(Assert.Single(exported).Id, Assert.Single(pushed).Id);
    }
}
