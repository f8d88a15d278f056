using System.Buffers.Binary;

namespace IntervalsStandIn.Fit;

/// <summary>A small FIT decoder: header, definition and data messages, CRCs; reads file_id, session and activity.</summary>
/// <remarks>Compressed-timestamp record headers are rejected: HealthSync never writes them.</remarks>
public static class FitDecoder
{
    private const long FitEpochUnixSeconds = 631_065_600;
    private const ushort FileIdMessage = 0;
    private const ushort SessionMessage = 18;
    private const ushort ActivityMessage = 34;

    public static FitSummary Decode(ReadOnlySpan<byte> file)
    {
        if (file.Length < 14)
        {
            throw new FitFormatException("File is too short to be a FIT file");
        }

        int headerSize = file[0];
        if ((headerSize != 12 && headerSize != 14) || !file.Slice(8, 4).SequenceEqual(".FIT"u8))
        {
            throw new FitFormatException("Not a FIT file (bad header)");
        }

        var dataSize = BinaryPrimitives.ReadUInt32LittleEndian(file[4..]);
        if (dataSize > (uint)(file.Length - headerSize - 2))
        {
            throw new FitFormatException("FIT file is truncated");
        }

        var end = headerSize + (int)dataSize;
        if (headerSize == 14 && BinaryPrimitives.ReadUInt16LittleEndian(file[12..]) is var headerCrc and not 0
            && headerCrc != FitCrc.Compute(file[..12]))
        {
            throw new FitFormatException("FIT header CRC mismatch");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(file[end..]) != FitCrc.Compute(file[..end]))
        {
            throw new FitFormatException("FIT file CRC mismatch");
        }

        return ReadRecords(file[headerSize..end]);
    }

    private static FitSummary ReadRecords(ReadOnlySpan<byte> data)
    {
        var definitions = new Definition?[16];
        var summary = new FitSummary();
        var pos = 0;
        while (pos < data.Length)
        {
            var header = data[pos++];
            if ((header & 0x80) != 0)
            {
                throw new FitFormatException("Compressed timestamp headers are not supported");
            }

            var local = header & 0x0F;
            if ((header & 0x40) != 0)
            {
                definitions[local] = ReadDefinition(data, ref pos, developer: (header & 0x20) != 0);
                continue;
            }

            var definition = definitions[local] ?? throw new FitFormatException($"Data message for undefined local type {local}");
            if (pos + definition.Size > data.Length)
            {
                throw new FitFormatException("FIT data message is truncated");
            }

            summary = Apply(summary, definition, data.Slice(pos, definition.Size));
            pos += definition.Size;
        }

        return summary;
    }

    private static Definition ReadDefinition(ReadOnlySpan<byte> data, ref int pos, bool developer)
    {
        if (pos + 5 > data.Length)
        {
            throw new FitFormatException("FIT definition message is truncated");
        }

        var bigEndian = data[pos + 1] == 1;
        var global = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 2)..]);
        int count = data[pos + 4];
        pos += 5;
        var fields = new List<(byte Number, byte Size)>(count);
        for (var i = 0; i < count; i++, pos += 3)
        {
            if (pos + 3 > data.Length)
            {
                throw new FitFormatException("FIT definition message is truncated");
            }

            fields.Add((data[pos], data[pos + 1]));
        }

        var developerBytes = 0;
        if (developer)
        {
            int devCount = data[pos++];
            for (var i = 0; i < devCount; i++, pos += 3)
            {
                developerBytes += data[pos + 1];
            }
        }

        return new Definition(global, bigEndian, fields, fields.Sum(f => f.Size) + developerBytes);
    }

    private static FitSummary Apply(FitSummary s, Definition definition, ReadOnlySpan<byte> message)
    {
        var offset = 0;
        foreach (var (number, size) in definition.Fields)
        {
            var value = ReadUnsigned(message.Slice(offset, size), definition.BigEndian);
            offset += size;
            if (value is not { } v)
            {
                continue;
            }

            s = (definition.Global, number) switch
            {
                (FileIdMessage, 0) => s with { FileType = (int)v },
                (FileIdMessage, 1) => s with { Manufacturer = (int)v },
                (SessionMessage, 2) => s with { StartTime = Instant(v) },
                (SessionMessage, 5) => s with { Sport = (int)v },
                (SessionMessage, 6) => s with { SubSport = (int)v },
                (SessionMessage, 7) => s with { TotalElapsedSeconds = v / 1000.0 },
                (SessionMessage, 8) => s with { TotalTimerSeconds = v / 1000.0 },
                (SessionMessage, 9) => s with { TotalDistanceMeters = v / 100.0 },
                (SessionMessage, 11) => s with { TotalCalories = (int)v },
                (SessionMessage, 16) => s with { AverageHeartRate = (int)v },
                (ActivityMessage, 253) => s with { ActivityTimestamp = Instant(v) },
                (ActivityMessage, 5) => s with { ActivityLocalTimestamp = Instant(v).UtcDateTime },
                _ => s,
            };
        }

        return s;
    }

    /// <summary>Unsigned value of a 1, 2 or 4 byte field; null for the FIT "invalid" value (all ones) and other sizes.</summary>
    private static ulong? ReadUnsigned(ReadOnlySpan<byte> bytes, bool bigEndian) => bytes.Length switch
    {
        1 => bytes[0] == 0xFF ? null : bytes[0],
        2 => (bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes)) is var u16 && u16 != 0xFFFF ? u16 : null,
        4 => (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes)) is var u32 && u32 != 0xFFFFFFFF ? u32 : null,
        _ => null,
    };

    private static DateTimeOffset Instant(ulong fitSeconds) => DateTimeOffset.FromUnixTimeSeconds(FitEpochUnixSeconds + (long)fitSeconds);

    private sealed record Definition(ushort Global, bool BigEndian, List<(byte Number, byte Size)> Fields, int Size);
}
