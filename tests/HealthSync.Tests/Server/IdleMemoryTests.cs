using HealthSync.Server.Work;

namespace HealthSync.Tests.Server;

/// <summary>When the server gives memory back: once quiet after work, once more 75 s later if still quiet, never while busy.</summary>
public sealed class IdleMemoryTests
{
    private const long MB = 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2026, 5, 3, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_Release_Once_Quiet_After_Work_Then_Once_More_Late_And_Then_Rest()
    {
        var rule = new IdleMemory.Rule(0);
        var allocated = 0L;
        var looks = new List<bool>();
        bool Look(long more, int second)
        {
            allocated += more;
            var release = rule.Look(allocated, Start.AddSeconds(second));
            if (release)
            {
                rule.Released(allocated);
            }

            looks.Add(release);
            return release;
        }

        Assert.False(Look(0, 5));          // idle from the start: nothing to give back
        Assert.False(Look(50 * MB, 10));    // working
        Assert.False(Look(30 * MB, 15));    // still working
        Assert.True(Look(0, 20));           // quiet after work
        Assert.False(Look(0, 25));          // quiet, already released
        Assert.False(Look(0, 90));          // not yet 75 s
        Assert.True(Look(0, 95));           // the late release, for the pools' minute-old buffers
        Assert.False(Look(0, 200));         // and then nothing until the next work
        Assert.Equal(2, looks.Count(l => l));
    }

    [Fact]
    public void Should_Drop_The_Late_Release_When_Work_Comes_Back()
    {
        var rule = new IdleMemory.Rule(0);
        Assert.False(rule.Look(10 * MB, Start));                    // working
        Assert.True(rule.Look(10 * MB, Start.AddSeconds(5)));        // quiet after it: released
        rule.Released(10 * MB);
        Assert.False(rule.Look(12 * MB, Start.AddSeconds(10)));      // a little work again (2 MB)
        Assert.False(rule.Look(12 * MB, Start.AddSeconds(15)));      // quiet, but under 4 MB since the release
        Assert.False(rule.Look(12 * MB, Start.AddSeconds(85)));      // the late release was dropped with that work
        Assert.False(rule.Look(20 * MB, Start.AddSeconds(90)));      // more work
        Assert.True(rule.Look(20 * MB, Start.AddSeconds(95)));       // quiet after 10 MB of it: released
    }

    [Fact]
    public void Should_Release_Seldom_Under_A_Trickle_Of_Allocations()
    {
        var rule = new IdleMemory.Rule(0);
        var allocated = 0L;
        var releases = 0;
        for (var second = 5; second <= 600; second += 5)
        {
            allocated += 100 * 1024; // an open status page, health checks: a quiet look each time
            if (rule.Look(allocated, Start.AddSeconds(second)))
            {
                rule.Released(allocated);
                releases++;
            }
        }

        // 12 MB in ten minutes: a release for each 4 MB, each with its late one at most.
        Assert.InRange(releases, 1, 6);
    }
}
