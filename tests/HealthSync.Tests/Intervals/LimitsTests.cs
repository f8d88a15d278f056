using System.Net;
using HealthSync.Intervals;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Intervals;

public sealed class LimitsTests
{
    [Fact]
    public void Should_Allow_Burst_Then_Refill_At_Steady_Rate()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucketLimiter(10, 5, time);

        var burst = Enumerable.Range(0, 6).Select(_ => bucket.AttemptAcquire().IsAcquired).ToList();
        time.Advance(TimeSpan.FromMilliseconds(99));
        var tooEarly = bucket.AttemptAcquire().IsAcquired;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var refilled = bucket.AttemptAcquire().IsAcquired;

        Assert.Equal([true, true, true, true, true, false], burst);
        Assert.False(tooEarly);
        Assert.True(refilled);
    }

    [Fact]
    public void Should_Never_Grant_More_Than_Burst_Plus_Rate_In_Any_Second()
    {
        // A greedy caller asks every 10 ms for 20 s of fake time; every grant is recorded at its instant.
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucketLimiter(10, 5, time);
        var grants = new List<DateTimeOffset>();
        for (var step = 0; step < 2000; step++)
        {
            while (bucket.AttemptAcquire().IsAcquired)
            {
                grants.Add(time.GetUtcNow());
            }

            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var mostInAnySecond = grants.Select(g => grants.Count(o => o >= g && o < g + TimeSpan.FromSeconds(1))).Max();
        Assert.Equal(14, mostInAnySecond); // the burst of 5 plus refills at 0.1 s to 0.9 s: within the bound of 15
        Assert.InRange(grants.Count, 200, 205); // 10/s over 20 s, plus the burst
    }

    [Fact]
    public async Task Should_Wait_On_Injected_Clock_For_Next_Token()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucketLimiter(10, 1, time);
        using var first = await bucket.AcquireAsync();

        var second = bucket.AcquireAsync().AsTask();
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void Should_Free_Budget_When_Oldest_Request_Leaves_Window()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var budget = new RollingWindowBudget(2, TimeSpan.FromMinutes(15));

        budget.Record(t0);
        budget.Record(t0 + TimeSpan.FromMinutes(5));

        Assert.Equal(t0 + TimeSpan.FromMinutes(15), budget.ResumeAt(t0 + TimeSpan.FromMinutes(10)));
        Assert.Null(budget.ResumeAt(t0 + TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Should_Read_Retry_After_As_Seconds_Or_Http_Date()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "12");
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jan 2025 12:01:30 GMT");
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(12), RetryAfter.Of(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Of(date, now));
        Assert.Null(RetryAfter.Of(none, now));
    }

    [Theory]
    [InlineData(0.0, 5, 4)]
    [InlineData(10.0, 0, 4)]
    [InlineData(10.0, 5, 11)]
    public void Should_Reject_Options_Out_Of_Range(double perSecond, int burst, int retries)
    {
        var options = new IntervalsOptions { Credentials = IntervalsCredentials.FromApiKey("k"), RequestsPerSecond = perSecond, Burst = burst, MaxRetries = retries };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }

    [Fact]
    public void Should_Require_Credentials()
    {
        Assert.Throws<ArgumentException>(new IntervalsOptions().Validate);
    }
}
