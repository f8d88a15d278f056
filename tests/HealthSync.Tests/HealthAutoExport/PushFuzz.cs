using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HealthSync.HealthAutoExport;
using HealthSync.Intervals;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using IntervalsStandIn;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.HealthAutoExport;

/// <summary>
/// The push fuzzer: mutates Health Auto Export documents with a fixed seed and runs each through the door check, the
/// intake and a sync into the stand-in, in process. Shared by PushFuzzTests and the bench's `push-fuzz` (linked there).
/// </summary>
/// <exception cref="FuzzFailure">A document broke a rule: an exception out of a run, a document left waiting, a workout neither decided nor waiting.</exception>
internal static partial class PushFuzz
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Mutates and runs <paramref name="documents"/> documents; shared with the benchmark's larger run.</summary>
    public static async Task<FuzzTally> RunAsync(int seed, int documents)
    {
        var random = new Random(seed);
        await using var standIn = await StandInServer.StartAsync(new StandInOptions { ApiKey = "fuzz-key", RatePerSecond = 100_000, Burst = 100_000, Budget = 0 });
        var dir = Directory.CreateTempSubdirectory("healthsync-fuzz-");
        var time = new FakeTimeProvider(Now);
        using (var state = SyncState.Open(dir.FullName, time))
        {
            SyncSettings.SetSync(state, on: true, Now.AddDays(-2));
            foreach (var category in SportCategories.All)
            {
                SyncSettings.SetSport(state, category, on: true);
            }
        }

        var tally = new FuzzTally();
        var seeds = new[] { HaeFixtures.V2EnglishWalk, HaeFixtures.V1Run.Replace("2024-02-06", "2026-05-03", StringComparison.Ordinal) };
        for (var i = 0; i < documents; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10)); // the client's rate limiter refills on the fake clock
            // Each document's workout starts at a new second inside the sync's window (later ones overlap earlier ones,
            // which is a same-session case, itself a fine ending).
            var body = Mutate(Shift(seeds[random.Next(seeds.Length)], Now.AddDays(-2).AddSeconds(900 + ((long)i * 863 % (44 * 3600)))), random);
            var name = $"fuzz {i}";

            // The door: the push endpoint's one-pass check.
            HealthAutoExportIdentities identities;
            try
            {
                identities = HealthAutoExportDocument.Identify(body, name);
            }
            catch (SourceReadException)
            {
                tally.Refused++;
                continue;
            }

            using (var state = SyncState.Open(dir.FullName, time))
            {
                state.AddDocument(StoredDocuments.HealthAutoExportKind, name, body, time.GetUtcNow());
            }

            var run = new SyncRun
            {
                StateDirectory = dir.FullName,
                Mode = SyncMode.New,
                MachineZone = TimeZoneInfo.Utc,
                Account = new IntervalsOptions { Credentials = IntervalsCredentials.FromApiKey("fuzz-key"), BaseUrl = standIn.BaseAddress, RequestsPerSecond = 100, Burst = 100, MaxRetries = 0 },
            };
            await new StoredDocuments(time).ReadWaitingAsync(run, StoredDocuments.HealthAutoExportParser, CancellationToken.None);
            var result = await new WorkoutSync(time).RunAsync(run, null, CancellationToken.None);
            Check(result.Report.Stop is null, $"document {i} stopped the run: {result.Report.Stop?.Message}", body);

            using (var state = SyncState.Open(dir.FullName, time))
            {
                Check(state.WaitingDocumentCount() == 0, $"document {i} is still waiting", body);
                var known = state.Workouts();
                var inbox = state.InboxSummaries().Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var id in identities.Ids)
                {
                    // Decided (an outcome recorded), or in the inbox and not selected by this sync (a backfill's).
                    Check(known.ContainsKey(id) || inbox.Contains(id) || result.Report.Items.Any(x => x.Workout.Id == id), $"document {i}: workout {id} neither decided nor waiting", body);
                }
            }

        }

        // How each workout ended, as the state holds it (the unusable ones are recorded by the read, before the run).
        using (var state = SyncState.Open(dir.FullName, time))
        {
            foreach (var record in state.Workouts().Values)
            {
                tally.Count(record);
            }
        }

        dir.Delete(recursive: true);
        return tally;
    }

    private static void Check(bool condition, string what, byte[] body)
    {
        if (!condition)
        {
            throw new FuzzFailure(what + "\n" + Encoding.UTF8.GetString(body));
        }
    }

    private static byte[] Mutate(string seed, Random random)
    {
        var text = seed;
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(4))
            {
                case 0:
                    text = ReplaceOne(text, NumberPattern(), random, Pick(random, "1e308", "-1e308", "1e300", "-5", "0", "1e-320", "99999999999", "\"NaN\"", "null", "\"x\"", "[]", "{}"));
                    break;
                case 1:
                    text = ReplaceOne(text, DatePattern(), random, Pick(random, "0001-01-01 00:00:00 +0100", "9999-12-31 23:59:59 -0100", "1989-01-01 00:00:00 +0000", "2100-01-01 00:00:00 +0000", "2026-05-03 18:00:00 +1400", "garbage", "2026-05-03 7:57:00\u202Fpm +0545", ""));
                    break;
                case 2:
                    var bytes = Encoding.UTF8.GetBytes(text);
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    return bytes;
                default:
                    var at = random.Next(text.Length);
                    text = text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Moves every date of the document by one delta, so its first date falls at <paramref name="start"/>.</summary>
    private static string Shift(string text, DateTimeOffset start)
    {
        TimeSpan? delta = null;
        return DatePattern().Replace(text, m =>
        {
            var date = DateTimeOffset.ParseExact(m.Value, "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            delta ??= start - date;
            return (date + delta.Value).ToString("yyyy-MM-dd HH:mm:ss +0000", CultureInfo.InvariantCulture);
        });
    }

    private static string ReplaceOne(string text, Regex pattern, Random random, string replacement)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[random.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), replacement, text.AsSpan(match.Index + match.Length));
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    [GeneratedRegex(@"(?<=[:\[,]\s*)-?\d+(\.\d+)?(e[+-]?\d+)?(?=\s*[,}\]])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}")]
    private static partial Regex DatePattern();
}

/// <summary>A fuzzed document broke a rule; the message holds the document.</summary>
internal sealed class FuzzFailure(string message) : Exception(message);

/// <summary>How the fuzzed documents ended.</summary>
internal sealed class FuzzTally
{
    public int Refused { get; set; }

    public int Uploaded { get; set; }

    public int Skipped { get; set; }

    public int NotSelected { get; set; }

    public int Unusable { get; set; }

    public int Unreadable { get; set; }

    public int OtherFailed { get; set; }

    public void Count(WorkoutRecord record)
    {
        switch (record.Kind)
        {
            case OutcomeKind.Uploaded: Uploaded++; break;
            case OutcomeKind.AlreadySynced or OutcomeKind.DuplicateOfOtherSource or OutcomeKind.SameSession: Skipped++; break;
            case OutcomeKind.NotSelected: NotSelected++; break;
            case OutcomeKind.Failed when record.Reason?.StartsWith("unusable", StringComparison.Ordinal) == true: Unusable++; break;
            case OutcomeKind.Failed when record.Reason?.StartsWith("could not be read", StringComparison.Ordinal) == true: Unreadable++; break;
            default: OtherFailed++; break;
        }
    }

    public override string ToString() =>
        $"refused at the door {Refused}, uploaded {Uploaded}, skipped {Skipped}, not selected {NotSelected}, unusable {Unusable}, unreadable {Unreadable}, other failed {OtherFailed}";
}
