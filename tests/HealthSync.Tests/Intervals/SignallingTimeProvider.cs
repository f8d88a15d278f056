using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace HealthSync.Tests.Intervals;

/// <summary>A FakeTimeProvider that tells the test each wait the client starts, so tests advance time exactly instead of sleeping.</summary>
internal sealed class SignallingTimeProvider(TimeSpan ignoredDue) : FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero))
{
    private readonly Channel<TimeSpan> waits = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The waits the client asked for, in order (attempt timeouts excluded).</summary>
    public List<TimeSpan> Waits { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        // The per-attempt timeout is a timer too; it is not a wait the test should drive.
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime != ignoredDue)
        {
            waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Completes <paramref name="task"/>, advancing fake time by each wait it starts; bounded by 20 s of real time.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var waiting = waits.Reader.WaitToReadAsync(bound.Token).AsTask();
            if (await Task.WhenAny(task, waiting) == task)
            {
                return await task;
            }

            await waiting;
            if (waits.Reader.TryRead(out var due))
            {

                Waits.Add(due);
                Advance(due);
            }
        }
    }

    public Task DriveAsync(Task task) => DriveAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));
}
