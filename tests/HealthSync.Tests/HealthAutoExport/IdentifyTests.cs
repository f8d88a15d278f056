using System.Text;
using HealthSync.HealthAutoExport;
using HealthSync.Workouts;
using static HealthSync.Tests.HealthAutoExport.HaeFixtures;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>The push answer's one-pass look at a document names the same workouts, and refuses the same documents, as a full read.</summary>
public sealed class IdentifyTests
{
    public static TheoryData<string> Documents => new()
    {
        V2EnglishWalk,
        V1Run,
        Document(Workout("Yoga"), Workout("Yoga", start: "sometime"), "42", Workout("Pilates"), Workout("Marche afghane")),
        Document(Workout("Marche nordique"), Workout("Outdoor Walk", extra: ", \"location\": \"Outdoor\"")),
        Document(),
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Should_Name_The_Same_Workouts_And_Problems_As_A_Full_Read(string json)
    {
        var (workouts, issues) = await ReadAsync(json);

        var identities = HealthAutoExportDocument.Identify(Encoding.UTF8.GetBytes(json), "push.json"); // the name ReadAsync gives

        Assert.Equal(workouts.Select(w => w.Id), identities.Ids);
        // The full read also lists what it left out of a workout it read (PartlyRead); the ids' look never opens the series.
        var skipped = issues.Where(i => i.Code != HealthAutoExportProblemCode.PartlyRead).Select(i => (i.Code, i.Where, i.ActivityName));
        Assert.Equal(skipped, identities.Issues.Select(i => (i.Code, i.Where, i.ActivityName)));
        Assert.DoesNotContain(identities.Issues, i => i.Code == HealthAutoExportProblemCode.PartlyRead);
    }

    [Fact]
    public async Task Should_Use_The_Users_Own_Names()
    {
        var json = Document(Workout("Marche afghane"));
        var options = new HealthAutoExportOptions { ExtraActivityNames = new Dictionary<string, string> { ["Marche afghane"] = "Walking" } };

        var identities = HealthAutoExportDocument.Identify(Encoding.UTF8.GetBytes(json), "document.json", options);

        var (workouts, _) = await ReadAsync(json, options);
        Assert.Equal(WorkoutId.Create("HKWorkoutActivityTypeWalking", workouts[0].Start, workouts[0].End), Assert.Single(identities.Ids));
        Assert.Empty(identities.Issues);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"data\": {\"metrics\": []}}", "not a Health Auto Export workouts document")]
    [InlineData("{\"data\": {\"workouts\": [{\"name\": \"Yoga\" \"start\": 1}]}}", "not well-formed JSON")]
    [InlineData("{\"data\": {\"workouts\": []}} trailing", "not well-formed JSON")]
    public void Should_Refuse_What_A_Full_Read_Refuses(string json, string expected)
    {
        var error = Assert.Throws<SourceReadException>(() => HealthAutoExportDocument.Identify(Encoding.UTF8.GetBytes(json), "document.json"));

        Assert.Equal("document.json", error.File);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
