namespace HealthSync.AppleHealth;

/// <summary>A bare export.xml (or the XML inside an extracted folder); route files are beside it.</summary>
internal sealed class XmlFileExportSource : ExportSource
{
    private readonly string _documentPath;
    private FileStream? _stream;

    private XmlFileExportSource(string path, string documentPath, string documentName)
        : base(path)
    {
        _documentPath = documentPath;
        DocumentName = documentName;
        TotalBytes = new FileInfo(documentPath).Length;
    }

    public override string DocumentName { get; }

    public override long TotalBytes { get; }

    public override long BytesRead => _stream?.Position ?? 0;

    /// <summary>Opens an XML file after checking that it holds a HealthData document.</summary>
    public static XmlFileExportSource Open(string path, string documentName, string? documentPath = null)
    {
        documentPath ??= path;
        using (var probe = File.OpenRead(documentPath))
        {
            if (!StartsHealthData(probe))
            {
                throw new ExportReadException(documentName, null, "no HealthData document: this XML file is not an Apple Health export");
            }
        }

        return new XmlFileExportSource(path, documentPath, documentName);
    }

    public override Stream OpenDocument()
    {
        _stream?.Dispose();
        _stream = new FileStream(_documentPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return _stream;
    }

    public override Stream OpenRoute(string referencePath)
    {
        var root = RootFolder();
        var full = RoutePath(referencePath);
        if (full is null || !full.StartsWith(root, PathComparison))
        {
            throw RouteFiles.Outside(referencePath);
        }

        var file = new FileInfo(full);
        if (!file.Exists)
        {
            throw new RouteFileException(Directory.Exists(full) ? "is a folder, not a file" : "is missing");
        }

        // Only regular files inside the export: a link may point anywhere (a device, another disk), and devices,
        // pipes and /proc files report a length of 0, which no route file has.
        if (LinkBetween(root, file) is { } link)
        {
            throw new RouteFileException($"is reached through a link ({link}), not a regular file inside the export: not read");
        }

        if (file.Length == 0)
        {
            throw new RouteFileException("is empty or not a regular file");
        }

        if (file.Length > RouteFiles.MaxBytes)
        {
            throw RouteFiles.TooLarge();
        }

        return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
    }

    public override string DescribeRoute(string referencePath) => RoutePath(referencePath) ?? referencePath;

    public override void Dispose() => _stream?.Dispose();

    private static StringComparison PathComparison => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The folder route paths are rooted at (the document's), with a trailing separator.</summary>
    private string RootFolder() =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_documentPath)) ?? System.IO.Path.GetFullPath(".")) + System.IO.Path.DirectorySeparatorChar;

    /// <summary>The full path of a route file, or null when the reference leaves the export's folder.</summary>
    private string? RoutePath(string referencePath) =>
        RouteFiles.Relative(referencePath) is { } relative ? System.IO.Path.GetFullPath(System.IO.Path.Combine(RootFolder(), relative)) : null;

    /// <summary>The first link on the way from the export's folder to the file (the file itself included), or null.</summary>
    private static string? LinkBetween(string root, FileInfo file)
    {
        if (file.LinkTarget is not null)
        {
            return file.FullName;
        }

        for (var folder = file.Directory; folder is not null && folder.FullName.Length + 1 > root.Length; folder = folder.Parent)
        {
            if (folder.LinkTarget is not null)
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
