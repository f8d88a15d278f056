using System.Collections.Concurrent;

namespace IntervalsStandIn;

/// <summary>Everything the stand-in received on /api, in arrival order; tests read it, admin endpoints show it.</summary>
public sealed class ReceivedLog
{
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();

    public IReadOnlyList<ReceivedRequest> All => [.. requests];

    public int Count => requests.Count;

    public void Clear() => requests.Clear();

    /// <summary>The most requests that arrived within any span of <paramref name="window"/>.</summary>
    public int MaxInAnyWindow(TimeSpan window)
    {
        var times = requests.Select(r => r.At).Order().ToArray();
        var max = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    /// <summary>Raised as each request arrives, before it is answered: lets a test act at an exact point (say, press Ctrl-C mid-upload).</summary>
    public event Action<ReceivedRequest>? Arrived;

    internal void Add(ReceivedRequest request)
    {
        requests.Enqueue(request);
        Arrived?.Invoke(request);
    }
}
