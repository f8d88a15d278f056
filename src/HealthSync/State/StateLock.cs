namespace HealthSync.State;

/// <summary>One run at a time per state folder: an exclusive lock on <c>healthsync.lock</c>, held for the whole run.</summary>
/// <remarks>
/// The lock is the operating system's (flock on Unix, a share-none handle on Windows), so a process killed with
/// SIGKILL releases it with its file handles: a stale lock cannot outlive its process. The holder's pid is written
/// beside it (<c>healthsync.lock.pid</c>), with the server's URL when the holder is the HealthSync server
/// (<see cref="RecordServer"/>), only to say who holds it; the lock itself never depends on that file.
/// </remarks>
public sealed class StateLock : IDisposable
{
    /// <summary>The lock file's name inside the state folder.</summary>
    public const string FileName = "healthsync.lock";

    private readonly FileStream _handle;
    private readonly string _pidFile;

    private StateLock(FileStream handle, string pidFile)
    {
        _handle = handle;
        _pidFile = pidFile;
    }

    /// <summary>Takes the lock, or returns null with its holder (pid 0 when unknown) when another process holds it.</summary>
    /// <param name="directory">The state folder (created if missing).</param>
    /// <param name="holder">Who holds the lock when null is returned; pid 0 and no server when the lock was taken.</param>
    /// <exception cref="StateUnavailableException">The folder cannot be created or written.</exception>
    public static StateLock? TryAcquire(string directory, out StateLockHolder holder)
    {
        try
        {
            OwnerOnly.Folder(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateUnavailableException(directory, SyncState.Cause(ex), ex);
        }

        var path = Path.Combine(directory, FileName);
        var pidFile = path + ".pid";
        try
        {
            OwnerOnly.Narrow(path);
            var handle = new FileStream(path, OwnerOnly.Create(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            var held = new StateLock(handle, pidFile);
            held.Write(new StateLockHolder(Environment.ProcessId, null));
            holder = new StateLockHolder(0, null);
            return held;
        }
        catch (IOException) when (File.Exists(path))
        {
            holder = StateLockHolder.Parse(ReadQuietly(pidFile));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateUnavailableException(directory, SyncState.Cause(ex), ex);
        }
    }

    /// <summary>Records, for the messages of the commands it refuses meanwhile, that the holder is the HealthSync server at <paramref name="address"/>.</summary>
    /// <param name="address">The server's root URL.</param>
    public void RecordServer(Uri address) => Write(new StateLockHolder(Environment.ProcessId, address));

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a hint for messages; a stale pid file is overwritten by the next holder.
        }
        finally
        {
            _handle.Dispose();
        }
    }

    private void Write(StateLockHolder holder)
    {
        try
        {
            OwnerOnly.Narrow(_pidFile);
            using var pid = new StreamWriter(new FileStream(_pidFile, OwnerOnly.Create(FileMode.Create, FileAccess.Write)));
            pid.Write(holder.Format());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a hint for another run's message: the lock is the handle, held either way.
        }
    }

    private static string? ReadQuietly(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
