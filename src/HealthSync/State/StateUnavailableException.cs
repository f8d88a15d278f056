namespace HealthSync.State;

/// <summary>The state folder cannot be used: read-only, full, locked by another program, or not a HealthSync database.</summary>
/// <remarks>Every change to the state is one transaction, so whatever stopped a run, nothing was half-written.</remarks>
public sealed class StateUnavailableException(string folder, string cause, Exception? inner = null)
    : Exception($"the state folder {folder} cannot be used: {cause}", inner)
{
    /// <summary>The folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>What is wrong, in words.</summary>
    public string Cause { get; } = cause;
}
