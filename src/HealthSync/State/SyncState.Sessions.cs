using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthSync.State;

/// <summary>The web app's signed-in sessions: only the SHA-256 of each session id is kept, so the database cannot sign anyone in.</summary>
public sealed partial class SyncState
{
    /// <summary>Starts a session; returns its id (for the cookie, never stored in clear).</summary>
    public string AddWebSession(DateTimeOffset now)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Execute("INSERT INTO web_sessions (id_sha256, created_at) VALUES ($h, $at)", ("$h", SessionHash(id)), ("$at", Format(now)));
        return id;
    }

    /// <summary>True while the session has not been ended.</summary>
    public bool HasWebSession(string? id) =>
        id is { Length: > 0 } && Convert.ToInt32(Scalar("SELECT COUNT(*) FROM web_sessions WHERE id_sha256 = $h", ("$h", SessionHash(id))), CultureInfo.InvariantCulture) > 0;

    /// <summary>Ends one session (sign-out).</summary>
    public void EndWebSession(string? id)
    {
        if (id is { Length: > 0 })
        {
            Execute("DELETE FROM web_sessions WHERE id_sha256 = $h", ("$h", SessionHash(id)));
        }
    }

    /// <summary>Ends every session but <paramref name="keep"/> (a password change keeps the one that made it; null ends all).</summary>
    public void EndWebSessions(string? keep) =>
        Execute("DELETE FROM web_sessions WHERE id_sha256 <> $h", ("$h", keep is { Length: > 0 } ? SessionHash(keep) : string.Empty));

    private static string SessionHash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
