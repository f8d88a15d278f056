using System.IO.Compression;

namespace HealthSync.AppleHealth;

/// <summary>The Health app's export.zip, read entry by entry without extracting it.</summary>
internal sealed class ZipExportSource : ExportSource
{
    private readonly FileStream _file;
    private readonly ZipArchive _archive;
    private readonly ZipArchiveEntry _document;
    private readonly string _folder;
    private readonly Lock _routeLock = new();

    // Route files are read through archives of their own: the document's stream is being inflated on another
    // thread (ReadAheadStream), and seeking it from there would corrupt that read. Each route read leases one
    // archive for as long as its stream is open, so routes stream on several threads without ever being copied
    // whole into memory; there are at most as many archives as routes read at once.
    private readonly Stack<ZipArchive> _idleRouteArchives = new();
    private readonly List<IDisposable> _routeResources = [];

    private ZipExportSource(string path, FileStream file, ZipArchive archive, ZipArchiveEntry document)
        : base(path)
    {
        _file = file;
        _archive = archive;
        _document = document;
        var slash = document.FullName.LastIndexOf('/');
        _folder = slash < 0 ? string.Empty : document.FullName[..(slash + 1)];
        DocumentName = $"{System.IO.Path.GetFileName(path)} › {document.FullName}";
        TotalBytes = file.Length;
    }

    public override string DocumentName { get; }

    public override long TotalBytes { get; }

    /// <summary>Uncompressed size of the HealthData document, to tell this zip from its own extracted copy.</summary>
    public long DocumentLength => _document.Length;

    public override long BytesRead => _file.Position;

    /// <summary>Opens a zip and finds the entry holding the HealthData document; a zip without its central directory is walked by local headers.</summary>
    public static ExportSource Create(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or NotSupportedException or IOException)
        {
            // No end-of-central-directory record (or a garbled one): the zip was cut short (an interrupted copy or download).
            file.Dispose();
            return TruncatedZipExportSource.Create(path);
        }

        try
        {
            var document = FindDocument(path, archive);
            return new ZipExportSource(path, file, archive, document);
        }
        catch
        {
            archive.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Whether a zip entry may hold the export's XML: not Mac resource forks, not the CDA document.</summary>
    public static bool IsCandidate(string fullName)
    {
        var name = fullName[(fullName.LastIndexOf('/') + 1)..];
        return fullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            && !fullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
            && !name.StartsWith("._", StringComparison.Ordinal)
            && !name.Equals("export_cda.xml", StringComparison.OrdinalIgnoreCase);
    }

    public override Stream OpenDocument() => _document.Open();

    public override Stream OpenRoute(string referencePath)
    {
        var relative = RouteFiles.Relative(referencePath) ?? throw RouteFiles.Outside(referencePath);
        var archive = LeaseRouteArchive();
        try
        {
            var entry = archive.GetEntry(_folder + relative) ?? throw new RouteFileException("is missing");
            if (entry.Length > RouteFiles.MaxBytes)
            {
                throw RouteFiles.TooLarge();
            }

            return new LeasedStream(entry.Open(), () => ReturnRouteArchive(archive));
        }
        catch
        {
            ReturnRouteArchive(archive);
            throw;
        }
    }

    public override string DescribeRoute(string referencePath) =>
        $"{System.IO.Path.GetFileName(Path)} › {_folder}{referencePath.TrimStart('/')}";

    public override void Dispose()
    {
        lock (_routeLock)
        {
            foreach (var resource in _routeResources)
            {
                resource.Dispose();
            }

            _routeResources.Clear();
            _idleRouteArchives.Clear();
        }

        _archive.Dispose();
        _file.Dispose();
    }

    private ZipArchive LeaseRouteArchive()
    {
        lock (_routeLock)
        {
            if (_idleRouteArchives.TryPop(out var idle))
            {
                return idle;
            }

            var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            _routeResources.Add(file);
            var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            _routeResources.Add(archive);
            return archive;
        }
    }

    private void ReturnRouteArchive(ZipArchive archive)
    {
        lock (_routeLock)
        {
            _idleRouteArchives.Push(archive);
        }
    }

    private static ZipArchiveEntry FindDocument(string path, ZipArchive archive)
    {
        // The XML's name is localized (导出.xml, 輸出.xml): recognize it by its content, not its name.
        foreach (var entry in archive.Entries.Where(e => IsCandidate(e.FullName)).OrderBy(e => e.FullName.Count(c => c == '/')))
        {
            try
            {
                using var stream = entry.Open();
                if (StartsHealthData(stream))
                {
                    return entry;
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
            {
                throw new ExportReadException(System.IO.Path.GetFileName(path), $"entry {entry.FullName}", $"the zip entry is damaged ({ex.Message})", ex);
            }
        }

        throw new ExportReadException(System.IO.Path.GetFileName(path), null,
            "no HealthData document inside: expected apple_health_export/export.xml, as the Health app's \"Export All Health Data\" writes it");
    }
}
