using System.Runtime.InteropServices;

namespace HealthSync.Server.Work;

/// <summary>Gives memory back to the system once the server has gone quiet after work, so an idle server stays small.</summary>
/// <remarks>
/// A server waits far longer than it works, and what a burst of work allocated (a 2 GB backfill, a thousand pushes)
/// would otherwise stay resident until the next collection, which an idle server never triggers. Every
/// <see cref="CheckEvery"/> this looks at how much the process allocated: after work (more than
/// <see cref="BusyBytes"/> since the last release) followed by a quiet period (less than <see cref="QuietBytes"/>),
/// it runs one compacting collection that decommits what it frees, then asks glibc to trim its arenas (native memory
/// SQLite and the runtime freed). Measured with `server-memory` in bench/ (figures in the README).
/// </remarks>
internal sealed class IdleMemory(ServerOptions options) : BackgroundService
{
    /// <summary>How often to look.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private const long QuietBytes = 512 * 1024;
    private const long BusyBytes = 4 * 1024 * 1024;
    private static bool _noTrim;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, options.Time);
        long seen = GC.GetTotalAllocatedBytes(), released = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = GC.GetTotalAllocatedBytes();
                if (now - seen < QuietBytes && now - released > BusyBytes)
                {
                    Release();
                    released = GC.GetTotalAllocatedBytes();
                }

                seen = now;
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
}
