namespace HealthSync.Tests.HealthAutoExport;

/// <summary>
/// Fuzzing with a fixed seed over the Health Auto Export reader and the intake, in process (issue 17, point 3): every
/// mutated document is refused at the door (the push's 400), or each of its workouts ends decided (uploaded, skipped,
/// not selected, unusable or unreadable with a reason) or waiting for a backfill; never an exception out of a run, and
/// never a document left waiting. A larger run: the bench's `push-fuzz` command.
/// </summary>
public sealed class PushFuzzTests
{
    [Fact]
    public async Task Should_decide_or_refuse_every_mutated_document_and_never_throw()
    {
        var tally = await PushFuzz.RunAsync(seed: 20261208, documents: 150);

        // The seed makes these the same on every machine: each class of ending is reached.
        Assert.True(tally.Refused > 0, tally.ToString());
        Assert.True(tally.Uploaded > 0, tally.ToString());
        Assert.True(tally.Unusable + tally.Unreadable > 0, tally.ToString());
    }
}
