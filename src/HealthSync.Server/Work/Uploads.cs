using HealthSync.AppleHealth;
using HealthSync.HealthAutoExport;
using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Server.Work;

/// <summary>Files uploaded from the browser for a backfill: kept in <c>uploads/</c> in the state folder until the backfill has read them.</summary>
internal static class Uploads
{
    public const string FolderName = "uploads";

    /// <summary>What an upload's file is called until its last byte is written.</summary>
    public const string PartialSuffix = ".part";

    public static string Folder(string stateDirectory) => Path.Combine(stateDirectory, FolderName);

    /// <summary>Deletes what uploads cut by a crash left (their files still end in <see cref="PartialSuffix"/>); returns how many.</summary>
    public static int DeletePartial(string stateDirectory)
    {
        var folder = Folder(stateDirectory);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var partial = Directory.GetFiles(folder, "*" + PartialSuffix);
        foreach (var file in partial)
        {
            File.Delete(file);
        }

        return partial.Length;
    }

    /// <summary>A new file's path: a random id, then the name the browser gave, reduced to safe characters.</summary>
    public static string NewPath(string stateDirectory, string? given)
    {
        var name = new string([.. Path.GetFileName(given ?? "upload").Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        OwnerOnly.Folder(Folder(stateDirectory));
        return Path.Combine(Folder(stateDirectory), $"{Guid.NewGuid():N}-{name}");
    }

    /// <summary>The path of an uploaded file by its name, only inside the uploads folder; null otherwise.</summary>
    public static string? Find(string stateDirectory, string? name)
    {
        if (string.IsNullOrEmpty(name) || name != Path.GetFileName(name))
        {
            return null;
        }

        var path = Path.Combine(Folder(stateDirectory), name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The name the browser gave (without the random id).</summary>
    public static string DisplayName(string path) => Path.GetFileName(path) is { Length: > 33 } name && name[32] == '-' ? name[33..] : Path.GetFileName(path);

    /// <summary>
    /// A message about an uploaded file as a page may show it: the file named as the user uploaded it, and no path of the
    /// server's (a reader names the file by the path it was given; a page would then tell anyone where the state lives).
    /// </summary>
    public static string Shown(string message, string path, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(message);
        var name = DisplayName(path);
        return Private(message.Replace(path, name, StringComparison.Ordinal).Replace(Path.GetFileName(path), name, StringComparison.Ordinal), stateDirectory);
    }

    /// <summary>Any message as a page may show it: the state folder's path said as words (an I/O error names the file it failed on).</summary>
    public static string Private(string message, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Replace(Path.TrimEndingDirectorySeparator(stateDirectory), "the server's state folder", StringComparison.Ordinal);
    }

    /// <summary>
    /// A Health Auto Export JSON file through the parser; anything else as the Health app's export, read by the tool in
    /// a process of its own when the server has one (<see cref="ServerOptions.ExportReader"/>), else here.
    /// </summary>
    /// <exception cref="ExportReadException">Not an export the reader knows (read here; the tool says so as its source breaks off).</exception>
    public static DisposableSource Open(string path, ServerOptions options, HealthAutoExportOptions readerOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parser = options.Parser;
        if (HealthAutoExportDocument.IsDocument(path))
        {
            if (parser is null)
            {
                throw new ExportReadException(DisplayName(path), null, "this server has no Health Auto Export reader yet");
            }

            var stream = File.OpenRead(path);
            return new DisposableSource(parser(stream, DisplayName(path), readerOptions), stream);
        }

        if (options.ExportReader is { } tool)
        {
            var process = ExportReaderProcess.Start(tool, path, DisplayName(path));
            return new DisposableSource(process.Source, process);
        }

        var export = AppleHealthExport.Open(path, new ExportReaderOptions { ReadRoutes = true });
        return new DisposableSource(export, export);
    }

    /// <summary>A source and what to dispose with it.</summary>
    internal sealed class DisposableSource(IWorkoutSource source, IDisposable owner) : IDisposable
    {
        public IWorkoutSource Source { get; } = source;

        public void Dispose()
        {
            (Source as IDisposable)?.Dispose();
            owner.Dispose();
        }
    }
}
