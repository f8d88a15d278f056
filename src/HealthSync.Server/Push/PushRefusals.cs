namespace HealthSync.Server.Push;

/// <summary>
/// The last push refused for what it held (too large, too many workouts): the phone app shows nothing of a refusal,
/// so the Status page says it, with what to change.
/// </summary>
internal sealed class PushRefusals
{
    private PushRefusal? _last;

    /// <summary>The last refusal; null when none since the start.</summary>
    public PushRefusal? Last => Volatile.Read(ref _last);

    /// <summary>Records a refusal, in words for the owner.</summary>
    public void Refused(string reason, DateTimeOffset at) => Volatile.Write(ref _last, new PushRefusal(reason, at));
}

/// <summary>A refused push: why, in words, and when.</summary>
internal sealed record PushRefusal(string Reason, DateTimeOffset At);
