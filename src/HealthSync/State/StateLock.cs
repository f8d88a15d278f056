namespace HealthSync.State;

/// <summary>One run at a time per state folder: an exclusive lock on <c>healthsync.lock</c>, held for the whole run.</summary>
/// <remarks>
/// The lock is the operating system's (flock on Unix, a share-none handle on Windows), so a process killed with
/// SIGKILL releases it with its file handles: a stale lock cannot outlive its process. The holder's pid is written
/// beside it (<c>healthsync.lock.pid</c>) only to say who holds it; the lock itself never depends on that file.
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

    /// <summary>Takes the lock, or returns null with the holder's pid (0 when unknown) when another process holds it.</summary>
    /// <exception cref="StateUnavailableException">The folder cannot be created or written.</exception>
    public static StateLock? TryAcquire(string directory, out int holderPid)
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
            try
            {
                OwnerOnly.Narrow(pidFile);
                using var pid = new StreamWriter(new FileStream(pidFile, OwnerOnly.Create(FileMode.Create, FileAccess.Write)));
                pid.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only a hint for another run's message: the lock is the handle, held either way.
            }

            holderPid = 0;
            return new StateLock(handle, pidFile);
        }
        catch (IOException) when (File.Exists(path))
        {
            holderPid = int.TryParse(ReadQuietly(pidFile), out var pid) ? pid : 0;
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StateUnavailableException(directory, SyncState.Cause(ex), ex);
        }
    }

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
