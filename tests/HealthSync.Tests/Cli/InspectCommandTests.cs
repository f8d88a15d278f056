using System.Text.Json;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Cli;

public sealed class InspectCommandTests
{
    [Fact]
    public async Task Should_Print_The_Json_Contract_For_The_V12_Walk()
    {
        var run = await CliRunner.RunAsync("inspect", RepoPaths.AppleHealthFixture("v12-watchos6-walk-with-route.zip"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Empty(json.RootElement.GetProperty("problems").EnumerateArray());
        var walk = Assert.Single(json.RootElement.GetProperty("workouts").EnumerateArray());
        Assert.StartsWith("ah-", walk.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("HKWorkoutActivityTypeWalking", walk.GetProperty("activityType").GetString());
        Assert.Equal("walks-hikes", walk.GetProperty("category").GetString());
        Assert.Equal("2020-02-24T17:44:00Z", walk.GetProperty("start").GetString());
        Assert.Equal("2020-02-24T18:18:11Z", walk.GetProperty("end").GetString());
        Assert.Equal("America/Los_Angeles", walk.GetProperty("timeZone").GetString());
        Assert.False(walk.GetProperty("indoor").GetBoolean());
        Assert.Equal("Watch", walk.GetProperty("source").GetString());
        Assert.Equal(2050.841, walk.GetProperty("durationSeconds").GetDouble(), 3);
        Assert.Equal(2256.30, walk.GetProperty("distanceMeters").GetDouble(), 2);
        Assert.Equal(134.432, walk.GetProperty("energyKilocalories").GetDouble(), 3);
        Assert.Equal(2.17, walk.GetProperty("elevationGainMeters").GetDouble(), 2);
        Assert.Equal(JsonValueKind.Null, walk.GetProperty("heartRate").ValueKind);
        Assert.Equal(644, walk.GetProperty("routePoints").GetInt32());
        Assert.Equal(2, walk.GetProperty("laps").GetInt32());
        Assert.Equal(0, walk.GetProperty("pauseSeconds").GetDouble());
    }

    [Fact]
    public async Task Should_Order_Workouts_By_Start_And_Show_Heart_Rate()
    {
        using var dir = new TempDirectory();
        var path = new ExportBuilder()
            .Add(ExportBuilder.Fragment("workout_strength.xml"))
            .Add(ExportBuilder.Fragment("workout_swimming.xml"))
            .WriteZip(dir.File("export.zip"));

        var run = await CliRunner.RunAsync("inspect", path, "--json");

        using var json = JsonDocument.Parse(run.Out);
        var workouts = json.RootElement.GetProperty("workouts").EnumerateArray().ToList();
        Assert.Equal(["swimming", "strength"], workouts.Select(w => w.GetProperty("category").GetString()));
        var heartRate = workouts[1].GetProperty("heartRate");
        Assert.Equal(79.96, heartRate.GetProperty("average").GetDouble(), 2);
        Assert.Equal(93, heartRate.GetProperty("maximum").GetDouble());
        Assert.Equal(0, heartRate.GetProperty("samples").GetInt32());
    }

    [Fact]
    public async Task Should_Show_A_Table_For_People()
    {
        var run = await CliRunner.RunAsync("inspect", RepoPaths.AppleHealthFixture("legacy-2019"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2016-11-14 06:25", run.Console, StringComparison.Ordinal); // local time in America/Los_Angeles
        Assert.Contains("Running", run.Console, StringComparison.Ordinal);
        Assert.Contains("1 workout(s), 1 problem(s).", run.Console, StringComparison.Ordinal);
        Assert.Contains("no point within the workout's time", run.Console.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Exit_2_With_A_Clear_Message_And_No_Stack_Trace_For_Bad_Input()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("notes.txt"), "hello");

        var run = await CliRunner.RunAsync("inspect", dir.File("notes.txt"), "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("notes.txt", run.Error, StringComparison.Ordinal);
        Assert.Contains("not a zip or XML file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Report_The_Workouts_Read_Before_A_Truncation_In_Json()
    {
        using var dir = new TempDirectory();
        var xml = new ExportBuilder().Add(ExportBuilder.Fragment("workout_strength.xml")).Add(ExportBuilder.Fragment("workout_swimming.xml")).Xml;
        await File.WriteAllTextAsync(dir.File("export.xml"), xml[..xml.IndexOf("HKSwimmingStrokeStyle", StringComparison.Ordinal)]);

        var run = await CliRunner.RunAsync("inspect", dir.File("export.xml"), "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Single(json.RootElement.GetProperty("workouts").EnumerateArray());
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.StartsWith("export.xml, line ", problem.GetProperty("where").GetString(), StringComparison.Ordinal);
        Assert.Contains("truncated", problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 workout(s) were read before the break", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_Exit_2_On_A_Usage_Error()
    {
        var run = await CliRunner.RunAsync("inspect");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
    }
}
