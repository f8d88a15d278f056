namespace HealthSync.Server;

/// <summary>Stops the server when `healthsync serve`, the parent that started it, is gone, however it ended (<see cref="HealthSync.Hosting.ServeChild"/>).</summary>
/// <remarks>
/// `serve` gives the server a pipe as its standard input and never writes to it; the kernel closes the pipe's far end
/// when `serve` ends, SIGKILL included, and a read here then returns end-of-file. This is chosen over Linux's
/// prctl(PR_SET_PDEATHSIG): that signal fires when the *thread* that started the child ends, and a .NET thread-pool
/// thread retires after a while idle, which would stop a healthy server; it is Linux-only, and it needs a getppid check
/// for a parent that died before the call. A pipe has none of that: a parent already gone reads as end-of-file at once,
/// and it works on every system. The server stops as on SIGTERM, finishing the upload in flight within its grace.
/// </remarks>
internal static class ParentWatch
{
    /// <summary>Watches standard input on a thread of its own (a blocking read) and calls <paramref name="stop"/> at its end.</summary>
    public static void Start(Action stop)
    {
        var watch = new Thread(() => Watch(stop)) { IsBackground = true, Name = "HealthSync parent watch" };
        watch.Start();
    }

    private static void Watch(Action stop)
    {
        var buffer = new byte[64];
        try
        {
            using var input = Console.OpenStandardInput();
            while (input.Read(buffer) > 0)
            {
                // Nothing is sent on this pipe; whatever comes is not a reason to stop.
            }
        }
        catch (IOException)
        {
            // A broken pipe is a parent gone too.
        }

        stop();
    }
}
