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

    public override Stream? OpenRoute(string referencePath)
    {
        var full = RoutePath(referencePath);
        return File.Exists(full) ? File.OpenRead(full) : null;
    }

    public override string DescribeRoute(string referencePath) => RoutePath(referencePath);

    public override void Dispose() => _stream?.Dispose();

    private string RoutePath(string referencePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_documentPath)) ?? ".", referencePath.TrimStart('/'));
}
