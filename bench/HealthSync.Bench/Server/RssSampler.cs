namespace HealthSync.Bench.Server;

/// <summary>Reads the server's RSS every 250 ms in the background and gives the peak of each phase.</summary>
/// <remarks>
/// A spike shorter than 250 ms can fall between two readings, so a phase's peak is also the kernel's high-water mark
/// (VmHWM) when that rose during the phase: the phase then set the process's all-time high, and VmHWM is exact.
/// </remarks>
internal sealed class RssSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ServerChild _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private long _phasePeak;
    private long _phaseStartHighWater;

    public RssSampler(ServerChild server)
    {
        _server = server;
        Begin();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Ends the phase under way and starts the next one: the peak RSS seen since the last call, in bytes.</summary>
    public long EndPhase()
    {
        var now = _server.Memory();
        lock (_lock)
        {
            var peak = Math.Max(_phasePeak, now.Rss);
            if (now.Peak > _phaseStartHighWater)
            {
                peak = Math.Max(peak, now.Peak);
            }

            _phasePeak = now.Rss;
            _phaseStartHighWater = now.Peak;
            return peak;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private void Begin()
    {
        var now = _server.Memory();
        _phasePeak = now.Rss;
        _phaseStartHighWater = now.Peak;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(Interval, TimeProvider.System, _stop.Token); // real time: the server is a real process
            var rss = _server.Memory().Rss;
            lock (_lock)
            {
                _phasePeak = Math.Max(_phasePeak, rss);
            }
        }
    }
}
