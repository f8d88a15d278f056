using System.CommandLine;
using HealthSync.AppleHealth;
using HealthSync.Cli;
using HealthSync.Cli.Commands;
using HealthSync.Fit;
using HealthSync.Workouts;
using Spectre.Console.Testing;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>The shared Apple Health fixtures, read by the export reader and written by `export-fit`, judged by Garmin's decoder.</summary>
public sealed class FixtureExportTests
{
    private static string FixturesDirectory => Path.GetFullPath(Path.Combine(FitDecoder.RepoRoot, "..", "shared", "fixtures", "apple-health"));

    public static TheoryData<string> Exports => ["v12-watchos6-walk-with-route.zip", "legacy-2019-inline-locations.xml", "legacy-2019"];

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Should_Write_A_Valid_File_For_Every_Workout_Of_A_Fixture(string export)
    {
        var exportPath = Path.Combine(FixturesDirectory, export);
        Assert.True(Path.Exists(exportPath), $"fixture missing: {exportPath}");
        var output = Directory.CreateTempSubdirectory("healthsync-export-fit-");
        try
        {
            var console = new TestConsole();
            var context = new CliContext(console, new StringWriter(), new StringWriter(), TimeProvider.System);
            var root = new RootCommand { ExportFitCommand.Create(context) };

            var exitCode = await root.Parse(["export-fit", exportPath, "--out", output.FullName]).InvokeAsync();

            var workouts = await ReadAsync(exportPath);
            Assert.Equal(0, exitCode);
            Assert.NotEmpty(workouts);
            Assert.Contains("file(s) written", console.Output, StringComparison.Ordinal);
            var files = workouts.Select(w => Path.Combine(output.FullName, w.Id + ".fit")).ToList();
            Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(output.FullName).Order(StringComparer.Ordinal));

            var decoded = FitDecoder.Decode(files);
            foreach (var workout in workouts)
            {
                var path = Path.Combine(output.FullName, workout.Id + ".fit");
                var fit = decoded[path];
                Assert.True(fit.Integrity, path);
                Assert.Empty(fit.Errors);
                Assert.Equal(File.ReadAllBytes(path), FitActivityEncoder.Encode(workout, FitEncodeOptions.Default with { FallbackTimeZone = TimeProvider.System.LocalTimeZone }));

                var session = fit.Session;
                var sport = SportMappings.For(workout);
                Assert.Equal(sport.FitSport, Number(session, "sport"));
                Assert.Equal(sport.FitSubSport, Number(session, "subSport"));
                Assert.Equal(workout.Elapsed.TotalSeconds, Number(session, "totalElapsedTime"), 3);
                Assert.Equal((workout.Elapsed - workout.PausedTime).TotalSeconds, Number(session, "totalTimerTime"), 3);
                if (workout.DistanceMeters is { } distance)
                {
                    Assert.Equal(distance, Number(session, "totalDistance"), 2);
                }

                DistanceChecks.AssertLapsAndRecordsMatchSession(workout, fit);

                if (workout.EnergyKilocalories is { } energy)
                {
                    Assert.Equal(Math.Round(energy, MidpointRounding.AwayFromZero), Number(session, "totalCalories"));
                }

                // Fixes outside the workout are not written; within one second the first fix is kept.
                var inside = workout.Route.Where(p => p.Time >= workout.Start && p.Time <= workout.End).ToList();
                if (inside.Count > 0)
                {
                    var last = inside.First(p => p.Time.ToUnixTimeSeconds() == inside[^1].Time.ToUnixTimeSeconds());
                    var positions = fit.Messages("recordMesgs").Where(r => r.TryGetProperty("positionLat", out _)).ToList();
                    Assert.Equal(inside[0].Latitude, Degrees(Number(positions[0], "positionLat")), 1e-5);
                    Assert.Equal(inside[0].Longitude, Degrees(Number(positions[0], "positionLong")), 1e-5);
                    Assert.Equal(last.Latitude, Degrees(Number(positions[^1], "positionLat")), 1e-5);
                    Assert.Equal(last.Longitude, Degrees(Number(positions[^1], "positionLong")), 1e-5);
                }
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<List<Workout>> ReadAsync(string path)
    {
        using var export = AppleHealthExport.Open(path);
        var workouts = new List<Workout>();
        await foreach (var workout in export.ReadWorkoutsAsync(CancellationToken.None))
        {
            workouts.Add(workout);
        }

        return workouts;
    }
}
