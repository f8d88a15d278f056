using System.Buffers.Binary;
using System.IO.Compression;

namespace HealthSync.AppleHealth;

/// <summary>
/// A zip cut short (no central directory): walks the local file headers from the start to salvage the workouts
/// written before the break. Route files after the document cannot be reached and are reported missing.
/// </summary>
internal sealed class TruncatedZipExportSource : ExportSource
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const ushort Deflate = 8;
    private const ushort HasDataDescriptor = 1 << 3;

    private readonly long _dataOffset;
    private readonly bool _deflated;
    private FileStream? _file;

    private TruncatedZipExportSource(string path, string entryName, long dataOffset, bool deflated, long totalBytes)
        : base(path)
    {
        _dataOffset = dataOffset;
        _deflated = deflated;
        DocumentName = $"{System.IO.Path.GetFileName(path)} › {entryName}";
        TotalBytes = totalBytes;
    }

    public override string DocumentName { get; }

    public override long TotalBytes { get; }

    public override ReadProblem? Damage => new(
        System.IO.Path.GetFileName(Path),
        "the zip's central directory is missing (the file was cut short or damaged): the workouts were read from its entries one by one, and route files after the document could not be reached",
        ReadProblemKind.DocumentDamaged);

    public override long BytesRead => _file?.Position ?? 0;

    public static ExportSource Create(string path)
    {
        try
        {
            return Walk(path);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or NotSupportedException)
        {
            // Headers cut or garbled mid-way: the same answer as finding nothing.
            throw NoDocument(path, ex);
        }
    }

    private static ExportReadException NoDocument(string path, Exception? inner = null) =>
        new(System.IO.Path.GetFileName(path), null,
            "the zip is truncated or damaged (its central directory is missing) and no HealthData document could be found before the break", inner);

    private static ExportSource Walk(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[30];
        while (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && BinaryPrimitives.ReadUInt32LittleEndian(header) == LocalHeaderSignature)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var nameBytes = new byte[nameLength];
            file.ReadExactly(nameBytes);
            var name = System.Text.Encoding.UTF8.GetString(nameBytes);
            file.Seek(extraLength, SeekOrigin.Current);
            var dataOffset = file.Position;

            if (ZipExportSource.IsCandidate(name) && method is Deflate or 0)
            {
                var candidate = new TruncatedZipExportSource(path, name, dataOffset, method == Deflate, file.Length);
                var found = false;
                try
                {
                    using var stream = candidate.OpenDocument();
                    found = StartsHealthData(stream);
                }
                finally
                {
                    if (!found)
                    {
                        candidate.Dispose();
                    }
                }

                if (found)
                {
                    return candidate;
                }
            }

            if ((flags & HasDataDescriptor) != 0 && compressedSize == 0)
            {
                // The entry's size is only written after its data (Macs zip this way): find the next entry by its
                // signature. A match inside compressed data is possible but rare, and only leads to a garbled
                // header, which ends the walk like a cut.
                if (!SeekNextHeader(file))
                {
                    break;
                }

                continue;
            }

            file.Seek(dataOffset + compressedSize, SeekOrigin.Begin);
        }

        throw NoDocument(path);
    }

    /// <summary>Moves to the next local file header signature; false at the end of the file.</summary>
    private static bool SeekNextHeader(FileStream file)
    {
        Span<byte> signature = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(signature, LocalHeaderSignature);
        var buffer = new byte[1 << 16];
        var start = file.Position;
        while (true)
        {
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var at = buffer.AsSpan(0, read).IndexOf(signature);
            if (at >= 0)
            {
                file.Position = start + at;
                return true;
            }

            if (read < buffer.Length)
            {
                return false;
            }

            // The signature may straddle two reads: step back over its first three bytes.
            start += read - (signature.Length - 1);
            file.Position = start;
        }
    }

    public override Stream OpenDocument()
    {
        _file?.Dispose();
        _file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        _file.Position = _dataOffset;
        return _deflated ? new DeflateStream(_file, CompressionMode.Decompress, leaveOpen: true) : _file;
    }

    public override Stream OpenRoute(string referencePath) =>
        throw new RouteFileException("cannot be reached: the zip was cut short, and its entries after the document cannot be found");

    public override string DescribeRoute(string referencePath) =>
        $"{System.IO.Path.GetFileName(Path)} › {referencePath.TrimStart('/')}";

    public override void Dispose() => _file?.Dispose();
}
