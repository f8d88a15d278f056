namespace HealthSync.Server;

/// <summary>Why <see cref="HealthSyncServer.StartAsync"/> could not start, as a code, with a message in the user's words.</summary>
public sealed class ServerStartRefusedException(ServerStartRefusal refusal, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The reason, as a code.</summary>
    public ServerStartRefusal Refusal { get; } = refusal;
}

/// <summary>Why the server could not start, as a code.</summary>
public enum ServerStartRefusal
{
    /// <summary>It cannot listen where it was told to (another program has the port, no such address, a bad URL); nothing was created.</summary>
    CannotListen,

    /// <summary>Another HealthSync process (a sync, another server) holds the state folder.</summary>
    StateHeld,
}
