using HealthSync.State;

namespace HealthSync.Server.Work;

/// <summary>The server's own connection to the state, for the pages and the push receiver (each sync run opens its own).</summary>
internal sealed class ServerStateHandle(ServerOptions options) : IDisposable
{
    private readonly Lazy<SyncState> _state = new(() =>
    {
        var state = SyncState.Open(options.StateDirectory, options.Time);
        options.OnStateOpened?.Invoke(state);
        return state;
    });

    public SyncState State => _state.Value;

    public void Dispose()
    {
        if (_state.IsValueCreated)
        {
            _state.Value.Dispose();
        }
    }
}
