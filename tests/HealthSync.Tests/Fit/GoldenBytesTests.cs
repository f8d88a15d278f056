using System.Security.Cryptography;
using HealthSync.Fit;
using HealthSync.Tests.Support;

namespace HealthSync.Tests.Fit;

/// <summary>
/// The SHA-256 of every file the encoder writes for the test workouts, the shared fixtures and the fragments: a
/// refactor must leave them all unchanged. A change on purpose updates the table in the same commit, and says why.
/// </summary>
public sealed class GoldenBytesTests
{
    // "other-zone" is left out: its zone is chosen to differ from the machine's, so its bytes differ by machine.
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["case/across-dst"] = "0efe1ba95d9f5e05770d150598227cc311017cca7f064079a906ac8cf191c945",
        ["case/indoor-ride"] = "8ebe692ef0ee7f7b285f80d8d38bb44f123ded39cf022ce2c8c8bf23642ec766",
        ["case/interval-run"] = "f0b3b0718262df0318fd5ac43e135b79a37f7889128192089b2fbe0597187400",
        ["case/long-device-name"] = "02190a1226bded761cb644ba6a9ab5bc53cd350759d2cd065242a66aba95a387",
        ["case/no-zone-fallback"] = "9fb43239a8ad6fc571966401880a8866920b8e3ede48b509cf0f7c37072bfa82",
        ["case/partial-route"] = "6ffb05d34fe35941c31be337cb74bce9a301e8d41517db2b9c339ce48811c2eb",
        ["case/paused-walk"] = "23ba9ac7369a03600c69bbd9aee0723986746726865088fcf402937b9f19d00d",
        ["case/paused-walk-total-only"] = "ec83e336c0034f54283125abeaf4c2838b8890f53e8438bc0d2f74cacb802664",
        ["case/pool-swim"] = "b4786631163f825e2558f8f92b0ab80b2f7c9fa18370bce5085b420ffb90c927",
        ["case/pool-swim-no-lap-length"] = "b4786631163f825e2558f8f92b0ab80b2f7c9fa18370bce5085b420ffb90c927",
        ["case/pool-swim-odd-distance"] = "3e947da2316cf9eedf78cdb78656c8aaacd07a50849cb614d4b26dd5a7690d28",
        ["case/run-no-routes"] = "6339fe3e718e2dd84ab0d8d3ce281d6e329d352b6d30c4512aef96646f609bb4",
        ["case/run-route-hr"] = "8cfe0ff7880d6b5c125f5053bdacd29bdbd3609d43a33bece0e9de5f4a2dd9ca",
        ["case/stationary-route"] = "868215eceaf84234b4069addc0e60eb5b4040a6340b9fdbda28cd40a88a8f97c",
        ["case/strength-no-samples"] = "9b7f5c6d704882388bcbf4ccf25a8f876b538366c6c9112454c36c951301353e",
        ["case/unknown-type"] = "dd56a7b80e4a9fd63b719bdf5c2745a176bb1eddb93fc1d9f55c8193209a669c",
        ["case/unresumed-pause"] = "e79b7a726b822c5a9e13ae6ca6a02af134414bb7d27520411a317d178170eeeb",
        ["case/yard-pool-no-lap-length"] = "4b29dbd8a0a701278834963eb56d25b41c2be444e98dd1f13101cc9bc34b6bd5",
        ["case/yard-pool-rests"] = "4b29dbd8a0a701278834963eb56d25b41c2be444e98dd1f13101cc9bc34b6bd5",
        ["fragment/workout_running_multiple_parts.xml"] = "16f0aa5dcb16078ee4ea25fba99dff554246452891b83585e4289605dd72f1c4",
        ["fragment/workout_strength.xml"] = "2dc5509f0e7c6f8356e0ec9dc0ffa3af8c0f810b7c411ef486bd5c5ee58f6332",
        ["fragment/workout_swimming.xml"] = "0c050d672bb28f2d99eec7b06bb2134d805326176d071f78452b79eb4d5a92f8",
        ["legacy-2019-inline-locations.xml/ah-1195dca996e363d6abd1"] = "52b1b82e42f5818ddb4a7f83e3f11aa581fcbd5cc9381c55052576eab47213e0",
        ["legacy-2019/ah-1195dca996e363d6abd1"] = "090c1f750df80aff1bd8ccd747260c33670e06605b748da5573d01edd5f4583a",
        ["v12-watchos6-walk-with-route.zip/ah-e7bbb9f0fbad021f9cec"] = "489174f280fa0b5974ce54cf8d3c6f921c4eff5cc7796c5612b0613785abde5f",
    };

    [Fact]
    public async Task Should_Encode_Every_Known_Workout_To_The_Same_Bytes_As_Before()
    {
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, workout, options) in EncodedCases.All().Where(c => c.Name != "other-zone"))
        {
            actual["case/" + name] = Hash(FitActivityEncoder.Encode(workout, options));
        }

        // A device name longer than a FIT string holds, cut inside a run of four-byte characters.
        var longName = TestWorkouts.StrengthNoSamples();
        longName = longName with { Device = longName.Device! with { Name = "Watch " + string.Concat(Enumerable.Repeat("\U0001F3C3é", 60)) } };
        actual["case/long-device-name"] = Hash(FitActivityEncoder.Encode(longName));

        foreach (var export in new[] { "v12-watchos6-walk-with-route.zip", "legacy-2019-inline-locations.xml", "legacy-2019" })
        {
            var (workouts, _) = await ExportReading.ReadAllAsync(RepoPaths.AppleHealthFixture(export));
            foreach (var workout in workouts)
            {
                actual[export + "/" + workout.Id] = Hash(FitActivityEncoder.Encode(workout));
            }
        }

        using var directory = new TempDirectory();
        foreach (var fragment in new[] { "workout_swimming.xml", "workout_running_multiple_parts.xml", "workout_strength.xml" })
        {
            var zip = new ExportBuilder().Add(ExportBuilder.Fragment(fragment)).WriteZip(directory.File(fragment + ".zip"));
            var (workouts, _) = await ExportReading.ReadAllAsync(zip);
            actual["fragment/" + fragment] = Hash(FitActivityEncoder.Encode(Assert.Single(workouts)));
        }

        var listing = string.Join('\n', actual.Select(p => $"        [\"{p.Key}\"] = \"{p.Value}\","));
        Assert.True(
            actual.Count == Expected.Count && actual.All(p => Expected.TryGetValue(p.Key, out var e) && e == p.Value),
            "The encoder's bytes changed. If on purpose, the new table is:\n" + listing);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
