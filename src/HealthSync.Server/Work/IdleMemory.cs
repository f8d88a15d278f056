using System.Runtime.InteropServices;

namespace HealthSync.Server.Work;

/// <summary>Gives memory back to the system once the server has gone quiet after work, so an idle server stays small.</summary>
/// <remarks>
/// A server waits far longer than it works, and what a burst of work allocated (a 2 GB backfill, a thousand pushes)
/// would otherwise stay resident until the next collection, which an idle server never triggers. Every
/// <see cref="CheckEvery"/> this looks at how much the process allocated: after work (more than
/// <see cref="BusyBytes"/> since the last release) followed by a quiet look (less than <see cref="QuietBytes"/>), it
/// runs one compacting collection that decommits what it frees, then asks glibc to trim its arenas (native memory
/// SQLite and the runtime freed). Once more after <see cref="LateRelease"/> of quiet: the shared array pools drop
/// the buffers a job returned to them only when these are a minute old (measured: the heap went from 9.9 MB to
/// 3 MB after a backfill). Figures with `server-memory` and `server-backfill` in bench/ (README, Performance).
/// </remarks>
internal sealed class IdleMemory(ServerOptions options, SyncJobs jobs) : BackgroundService
{
    /// <summary>How often to look.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long after a release a still-quiet server releases once more.</summary>
    public static readonly TimeSpan LateRelease = TimeSpan.FromSeconds(75);

    private const long QuietBytes = 512 * 1024;
    private const long BusyBytes = 4 * 1024 * 1024;
    private static bool _noTrim;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, options.Time);
        var rule = new Rule(GC.GetTotalAllocatedBytes());
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Not inside a job (a quiet stretch of one, such as a wait for the rate limit): the look after it releases.
                if (rule.Look(GC.GetTotalAllocatedBytes(), options.Time.GetUtcNow()) && jobs.Current is null)
                {
                    Release();
                    rule.Released(GC.GetTotalAllocatedBytes());
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>A compacting collection that decommits what it frees, then glibc's trim of every arena.</summary>
    internal static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux() || _noTrim)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _noTrim = true; // a C library without malloc_trim (musl): nothing more to give back this way
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);

    /// <summary>When to release, from the process's allocated-bytes counter at each look.</summary>
    internal sealed class Rule(long allocatedAtStart)
    {
        private long _seen = allocatedAtStart;
        private long _released;
        private DateTimeOffset? _late;

        /// <summary>True when this look should release: quiet after work, or still quiet at the late release.</summary>
        public bool Look(long allocated, DateTimeOffset now)
        {
            var quiet = allocated - _seen < QuietBytes;
            _seen = allocated;
            if (!quiet)
            {
                _late = null; // busy again: the late release waits for the next quiet after work
                return false;
            }

            if (allocated - _released > BusyBytes)
            {
                _late = now + LateRelease;
                return true;
            }

            if (_late is { } due && now >= due)
            {
                _late = null;
                return true;
            }

            return false;
        }

        /// <summary>Counts from here: what the release itself allocated is not work.</summary>
        public void Released(long allocated) => _released = _seen = allocated;
    }
}
