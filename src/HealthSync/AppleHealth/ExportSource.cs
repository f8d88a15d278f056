namespace HealthSync.AppleHealth;

/// <summary>Where an export's HealthData document and route files come from: a zip, a bare XML file or a folder.</summary>
internal abstract class ExportSource : IDisposable
{
    /// <summary>How long a prefix of a candidate XML file is searched for the HealthData root (the v12 DTD alone is ~15 KB).</summary>
    private const int SniffBytes = 256 * 1024;

    protected ExportSource(string path) => Path = path;

    /// <summary>The path the user gave.</summary>
    public string Path { get; }

    /// <summary>The document, for messages: "export.zip › apple_health_export/export.xml".</summary>
    public abstract string DocumentName { get; }

    /// <summary>Damage found on opening that did not stop the read (a zip without its central directory), for the problems list.</summary>
    public virtual ReadProblem? Damage => null;

    /// <summary>Bytes of input in all (compressed bytes for a zip), for progress.</summary>
    public abstract long TotalBytes { get; }

    /// <summary>Bytes of input consumed so far.</summary>
    public abstract long BytesRead { get; }

    /// <summary>Opens the HealthData document from its start.</summary>
    public abstract Stream OpenDocument();

    /// <summary>
    /// Opens a route file named by a FileReference path ("/workout-routes/x.gpx") for one streaming read; safe to
    /// call from several threads. Throws <see cref="RouteFileException"/> saying why when it is missing, outside
    /// the export, not a regular file or declared larger than <see cref="RouteFiles.MaxBytes"/>.
    /// </summary>
    public abstract Stream OpenRoute(string referencePath);

    /// <summary>Names a route file for messages.</summary>
    public abstract string DescribeRoute(string referencePath);

    public abstract void Dispose();

    /// <summary>Opens a path as a zip, an XML file or a folder, and finds the HealthData document in it.</summary>
    /// <exception cref="ExportReadException">The path cannot be read as an export.</exception>
    public static ExportSource Open(string path)
    {
        if (Directory.Exists(path))
        {
            return FolderExportSource.Create(path);
        }

        if (!File.Exists(path))
        {
            throw new ExportReadException(path, null, "no such file or folder");
        }

        Span<byte> head = stackalloc byte[64];
        int read;
        using (var probe = File.OpenRead(path))
        {
            read = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        head = head[..read];
        if (head.StartsWith("PK"u8))
        {
            return ZipExportSource.Create(path);
        }

        if (LooksLikeXml(head))
        {
            return XmlFileExportSource.Open(path, System.IO.Path.GetFileName(path));
        }

        throw new ExportReadException(path, null, read == 0
            ? "the file is empty"
            : "not a zip or XML file: expected the Health app's export.zip, its export.xml, or the extracted apple_health_export folder");
    }

    /// <summary>Whether a stream's first bytes start a document whose root is HealthData (the DTD may come first).</summary>
    public static bool StartsHealthData(Stream stream)
    {
        var buffer = new byte[SniffBytes];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var span = buffer.AsSpan(0, length);
        var at = span.IndexOf("<HealthData"u8);
        if (at >= 0 && at + 11 < length)
        {
            var next = span[at + 11];
            return next is (byte)' ' or (byte)'>' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'/';
        }

        // A DTD longer than the sniffed prefix still names its root.
        return span.IndexOf("<!DOCTYPE HealthData"u8) >= 0;
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        return head.Length > 0 && head[0] == '<';
    }
}
