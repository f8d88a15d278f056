namespace HealthSync.Hosting;

/// <summary>What `healthsync serve` and the server program it starts as its child agree on.</summary>
public static class ServeChild
{
    /// <summary>
    /// Set to "1" by `serve` in the server's environment: the server's standard input is a pipe from `serve`, never
    /// written to, whose end means `serve` is gone (the server then stops, as on SIGTERM).
    /// </summary>
    public const string StopWhenStdinClosesVariable = "HEALTHSYNC_STOP_WHEN_STDIN_CLOSES";
}
