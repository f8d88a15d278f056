namespace HealthSync.Cli;

/// <summary>The exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing failed.</summary>
    public const int Ok = 0;

    /// <summary>At least one workout failed.</summary>
    public const int SomeFailed = 1;

    /// <summary>Usage error or unreadable input.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped early: credentials refused, or the request budget is spent (resume later).</summary>
    public const int StoppedEarly = 3;
}
