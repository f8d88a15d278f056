using System.Collections.Concurrent;

namespace IntervalsStandIn;

/// <summary>A fault the stand-in applies to one API request.</summary>
public sealed record Fault(FaultKind Kind, int Status = 0, TimeSpan Delay = default)
{
    public static Fault Error(int status) => new(FaultKind.Error, status);

    public static Fault Drop() => new(FaultKind.Drop);

    /// <summary>Waits before handling the request: nothing has happened yet when a client gives up.</summary>
    public static Fault Slow(TimeSpan delay) => new(FaultKind.Slow, Delay: delay);

    /// <summary>Handles the request at once, then holds the answer back: the work is done when a client gives up (or dies).</summary>
    public static Fault SlowAnswer(TimeSpan delay) => new(FaultKind.SlowAnswer, Delay: delay);

    /// <summary>No fault: lets a scripted request through, so that the next fault lands on the request after it.</summary>
    public static Fault None() => new(FaultKind.None);

    /// <summary>429 regardless of the limiter; with a Retry-After of <paramref name="retryAfter"/> when given.</summary>
    public static Fault RateLimit(TimeSpan? retryAfter) => new(FaultKind.RateLimit, 429, retryAfter ?? TimeSpan.MinValue);
}

/// <summary>Kinds of injected faults.</summary>
public enum FaultKind
{
    None,
    Error,
    Drop,
    Slow,
    SlowAnswer,
    RateLimit,
}

/// <summary>Faults on demand: a scripted queue (deterministic, for tests) first, then random shares.</summary>
public sealed class FaultPlan(StandInOptions options)
{
    private static readonly int[] ErrorStatuses = [500, 502, 503];
    private readonly ConcurrentQueue<Fault> script = new();
    private readonly Random dice = new(options.FaultSeed);
    private readonly Lock gate = new();

    /// <summary>Applies these faults, in order, to the next API requests.</summary>
    public void Enqueue(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            script.Enqueue(fault);
        }
    }

    public void Clear() => script.Clear();

    /// <summary>Scripted faults not yet applied: 0 once the last one's request has arrived (a test knows it is held).</summary>
    public int Waiting => script.Count;

    internal Fault? Next()
    {
        if (script.TryDequeue(out var scripted))
        {
            return scripted;
        }

        lock (gate)
        {
            var roll = dice.NextDouble();
            if (roll < options.DropShare)
            {
                return Fault.Drop();
            }

            if (roll < options.DropShare + options.ErrorShare)
            {
                return Fault.Error(ErrorStatuses[dice.Next(ErrorStatuses.Length)]);
            }

            return roll < options.DropShare + options.ErrorShare + options.SlowShare ? Fault.Slow(options.SlowDelay) : null;
        }
    }
}
