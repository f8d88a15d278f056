namespace HealthSync.Intervals;

/// <summary>At most <c>limit</c> requests in any rolling <c>window</c>, remembered as send instants.</summary>
internal sealed class RollingWindowBudget(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> sent = new();

    /// <summary>When the budget is spent: the instant the oldest request leaves the window; otherwise null.</summary>
    public DateTimeOffset? ResumeAt(DateTimeOffset now)
    {
        while (sent.Count > 0 && sent.Peek() + window <= now)
        {
            sent.Dequeue();
        }

        return sent.Count < limit ? null : sent.Peek() + window;
    }

    public void Record(DateTimeOffset now) => sent.Enqueue(now);
}
