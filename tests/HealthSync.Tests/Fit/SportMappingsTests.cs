using System.Text.Json;
using HealthSync.Fit;
using HealthSync.Tests.Support;
using HealthSync.Tests.Workouts;
using HealthSync.Workouts;
using IntervalsStandIn.Fit;
using static HealthSync.Tests.Fit.DecodedFit;

namespace HealthSync.Tests.Fit;

/// <summary>Every row of the sport table, written as a FIT file and read back by Garmin's decoder, and named by Garmin's profile.</summary>
public sealed class SportMappingsTests(SportMappingsTests.SportFiles files) : IClassFixture<SportMappingsTests.SportFiles>
{
    [Theory]
    [MemberData(nameof(SportExpectations.Rows), MemberType = typeof(SportExpectations))]
    public void Should_Use_The_Sport_And_Sub_Sport_Garmins_Profile_Names(SportExpectations.Case expected)
    {
        var mapping = SportMappings.For("HKWorkoutActivityType" + expected.Type, expected.Indoor, expected.Location);

        Assert.Equal(expected.FitSport, files.SportNames[mapping.FitSport]);
        Assert.Equal(expected.FitSubSport, files.SubSportNames[mapping.FitSubSport]);
    }

    [Theory]
    [MemberData(nameof(SportExpectations.Rows), MemberType = typeof(SportExpectations))]
    public void Should_Write_Sessions_Garmins_Decoder_Reads_As_That_Sport(SportExpectations.Case expected)
    {
        var fit = files.Decoded[expected.ToString()];

        Assert.True(fit.Integrity);
        Assert.Empty(fit.Errors);
        Assert.Equal(expected.FitSport, files.SportNames[(byte)Number(fit.Session, "sport")]);
        Assert.Equal(expected.FitSubSport, files.SubSportNames[(byte)Number(fit.Session, "subSport")]);
    }

    [Theory]
    [MemberData(nameof(SportExpectations.Rows), MemberType = typeof(SportExpectations))]
    public void Should_Land_In_The_Stand_In_As_The_Tables_Intervals_Type(SportExpectations.Case expected)
    {
        var session = files.Decoded[expected.ToString()].Session;

        Assert.Equal(expected.IntervalsType, SportTypes.Of((int)Number(session, "sport"), (int)Number(session, "subSport")));
    }

    /// <summary>One small file per expectation, all decoded in one node process, plus Garmin's sport and sub_sport names.</summary>
    public sealed class SportFiles : IDisposable
    {
        private static readonly DateTimeOffset Start = new(2025, 2, 1, 7, 0, 0, TimeSpan.Zero);
        private readonly TempDirectory _directory = new();

        public SportFiles()
        {
            var paths = new Dictionary<string, string>();
            foreach (var (c, i) in SportExpectations.All.Select((c, i) => (c, i)))
            {
                var workout = TestWorkouts.Basic(c.Type, Start.AddHours(i), TimeSpan.FromMinutes(12)) with
                {
                    Indoor = c.Indoor,
                    SwimLocation = c.Location,
                    EnergyKilocalories = 90,
                };
                var path = _directory.File($"{i:D3}-{c.Type}.fit");
                File.WriteAllBytes(path, FitActivityEncoder.Encode(workout, new FitEncodeOptions()));
                paths[c.ToString()] = path;
            }

            var decoded = FitDecoder.Decode([.. paths.Values]);
            Decoded = paths.ToDictionary(p => p.Key, p => decoded[p.Value]);
            (SportNames, SubSportNames) = ReadProfile();
        }

        internal IReadOnlyDictionary<string, DecodedFit> Decoded { get; }

        public IReadOnlyDictionary<byte, string> SportNames { get; }

        public IReadOnlyDictionary<byte, string> SubSportNames { get; }

        public void Dispose() => _directory.Dispose();

        // Garmin's SDK carries the profile's enums; asking it keeps the expected names honest (a number the profile
        // does not define has no name, and the lookup fails).
        private static (IReadOnlyDictionary<byte, string>, IReadOnlyDictionary<byte, string>) ReadProfile()
        {
            const string script = "import { Profile } from '@garmin/fitsdk';"
                + "process.stdout.write(JSON.stringify({ sport: Profile.types.sport, subSport: Profile.types.subSport }));";
            var (exitCode, stdout, stderr) = ChildProcess.Run(
                "node", ["--input-type=module", "-e", script], workingDirectory: Path.Combine(FitDecoder.RepoRoot, "tests", "fit-decoder"));
            Assert.True(exitCode == 0, stderr);

            using var profile = JsonDocument.Parse(stdout);
            return (Names(profile.RootElement.GetProperty("sport")), Names(profile.RootElement.GetProperty("subSport")));
        }

        private static Dictionary<byte, string> Names(JsonElement type) => type.EnumerateObject()
            .Where(p => byte.TryParse(p.Name, out _))
            .ToDictionary(p => byte.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString()!);
    }
}
