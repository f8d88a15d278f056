namespace HealthSync.Cli;

/// <summary>The exit codes every command uses (the README has the table).</summary>
internal static class ExitCodes
{
    /// <summary>Nothing failed.</summary>
    public const int Ok = 0;

    /// <summary>At least one workout failed, or the export is damaged.</summary>
    public const int SomeFailed = 1;

    /// <summary>Usage error, unreadable input, or a state folder that cannot be used.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped early: credentials refused, the request budget spent, or the service unreachable (resume later).</summary>
    public const int StoppedEarly = 3;

    /// <summary>Something unexpected went wrong (a bug): one line, and the trace with --verbose (sysexits' EX_SOFTWARE).</summary>
    public const int Unexpected = 70;

    /// <summary>Another run holds the state folder (sysexits' EX_TEMPFAIL: try again later).</summary>
    public const int Busy = 75;

    /// <summary>Interrupted (Ctrl-C or SIGTERM) after the upload in flight was recorded: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
