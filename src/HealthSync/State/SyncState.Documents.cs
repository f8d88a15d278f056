using System.Security.Cryptography;

namespace HealthSync.State;

/// <summary>A raw document kept in the state, without its body.</summary>
/// <param name="Id">Row id, in arrival order.</param>
/// <param name="Kind">What it is ("health-auto-export").</param>
/// <param name="Name">A name for messages (e.g. "push 2025-06-01 07:12:03").</param>
/// <param name="Size">Bytes of the body.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record StoredDocument(long Id, string Kind, string Name, long Size, DateTimeOffset ReceivedAt);

/// <summary>What storing a document did.</summary>
/// <param name="Id">The document's row (the earlier one when it was a resend).</param>
/// <param name="Resent">The same bytes were stored already: nothing was written.</param>
public sealed record DocumentAdd(long Id, bool Resent);

/// <summary>The documents half of the state: raw pushed documents, stored before the push is answered, read by the server's worker.</summary>
public sealed partial class SyncState
{
    /// <summary>Stores a document durably (fsync'd before this returns), unless the same bytes are stored already.</summary>
    /// <remarks>
    /// The state runs WAL with synchronous=NORMAL, whose commits reach the disk only at the next checkpoint: a push
    /// answered 2xx on that basis could be lost to a power cut. This one commit is made with synchronous=FULL.
    /// </remarks>
    public DocumentAdd AddDocument(string kind, string name, byte[] body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        var bytes = body; // not copied: a pushed document is megabytes, and the caller is done with it
        lock (gate)
        {
            using (var find = Command("SELECT id FROM documents WHERE sha256 = $h AND size = $n ORDER BY id LIMIT 1", [("$h", sha), ("$n", bytes.LongLength)]))
            {
                if (find.ExecuteScalar() is long existing)
                {
                    return new DocumentAdd(existing, Resent: true);
                }
            }

            Run(null, "PRAGMA synchronous = FULL");
            try
            {
                using var insert = Command(
                    "INSERT INTO documents (kind, name, sha256, size, body, received_at) VALUES ($k, $name, $h, $n, $b, $at) RETURNING id",
                    [("$k", kind), ("$name", name), ("$h", sha), ("$n", bytes.LongLength), ("$b", bytes), ("$at", Format(now))]);
                return new DocumentAdd((long)insert.ExecuteScalar()!, Resent: false);
            }
            finally
            {
                Run(null, "PRAGMA synchronous = NORMAL");
            }
        }
    }

    /// <summary>How the outcome of a document no reader could finish begins: such a document is kept for a fixed release.</summary>
    public const string SetAsidePrefix = "could not be read: ";

    /// <summary>
    /// Deletes documents read into the inbox and received before <paramref name="before"/>, unless one of their workouts
    /// waits for a name mapping (mapping it reads the document again) or no reader could finish it (set aside); returns how many. Their workouts stay in the
    /// inbox with their outcomes: a resend of the same workouts adds nothing.
    /// </summary>
    public int PruneDocuments(DateTimeOffset before)
    {
        lock (gate)
        {
            using var command = Command(
                """
                DELETE FROM documents WHERE processed_at IS NOT NULL AND received_at < $before
                    AND id NOT IN (SELECT document_id FROM unknown_activity_names)
                    AND (outcome IS NULL OR outcome NOT LIKE $aside)
                """,
                [("$before", Format(before)), ("$aside", SetAsidePrefix + "%")]);
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>Documents not yet read into the inbox, oldest first.</summary>
    public IReadOnlyList<StoredDocument> WaitingDocuments(int limit, string? kind = null)
    {
        var result = new List<StoredDocument>();
        Query(
            "SELECT id, kind, name, size, received_at FROM documents WHERE processed_at IS NULL AND ($k IS NULL OR kind = $k) ORDER BY id LIMIT $n",
            r => result.Add(new StoredDocument(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), Instant(r.GetString(4)))),
            ("$n", limit),
            ("$k", kind));
        return result;
    }

    /// <summary>How many documents wait to be read (of <paramref name="kind"/> only, when given).</summary>
    public int WaitingDocumentCount(string? kind = null) =>
        Convert.ToInt32(Scalar("SELECT COUNT(*) FROM documents WHERE processed_at IS NULL AND ($k IS NULL OR kind = $k)", ("$k", kind)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A document's body, as a stream over a copy (the connection is not held while a parser reads it).</summary>
    public Stream OpenDocument(long id)
    {
        byte[]? body = null;
        Query("SELECT body FROM documents WHERE id = $id", r => body = (byte[])r.GetValue(0), ("$id", id));
        if (body is null)
        {
            throw new KeyNotFoundException($"no document {id}");
        }

        return new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true); // the reader reads it in place
    }

    /// <summary>Marks a document read into the inbox, with what came of it in words.</summary>
    public void MarkDocumentProcessed(long id, string outcome, DateTimeOffset now) =>
        Execute("UPDATE documents SET processed_at = $at, outcome = $o WHERE id = $id", ("$at", Format(now)), ("$o", outcome), ("$id", id));

    /// <summary>The ids among <paramref name="ids"/> the state knows already (in the inbox, or with an outcome).</summary>
    public IReadOnlySet<string> KnownWorkoutIds(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var hit = Scalar(
                "SELECT 1 WHERE EXISTS (SELECT 1 FROM inbox WHERE workout_id = $id) OR EXISTS (SELECT 1 FROM workouts WHERE workout_id = $id)",
                ("$id", id));
            if (hit is not null)
            {
                known.Add(id);
            }
        }

        return known;
    }
}
