using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace HealthSync.Fit;

/// <summary>Writes a FIT protocol 2.0 file: header, definition and data messages (little endian), final CRC.</summary>
/// <remarks>
/// Data fields are written in the order of the active definition; each data message is checked against the
/// definition's size so a missing or extra field fails loudly instead of shifting every later byte.
/// </remarks>
internal sealed class FitWriter
{
    private const int HeaderSize = 14;
    private const byte ProtocolVersion = 0x20;

    // Profile 21.217 in the header's major * 1000 + minor form, as Garmin's own SDKs write it.
    private const ushort ProfileVersion = 21217;

    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly int[] _definedSizes = new int[16];
    private int _expectedEnd = -1;

    public FitWriter(int initialCapacity = 4096)
    {
        _buffer = new ArrayBufferWriter<byte>(Math.Max(initialCapacity, 64));
        _buffer.GetSpan(HeaderSize)[..HeaderSize].Clear();
        _buffer.Advance(HeaderSize);
    }

    /// <summary>Writes a definition message for a local message number (0–15).</summary>
    public void Define(byte localMessage, ushort globalMessage, ReadOnlySpan<FitField> fields)
    {
        CheckComplete();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localMessage, (byte)15);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fields.Length, 255);

        var span = _buffer.GetSpan(6 + (3 * fields.Length));
        span[0] = (byte)(0x40 | localMessage);
        span[1] = 0; // reserved
        span[2] = 0; // little endian
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], globalMessage);
        span[5] = (byte)fields.Length;
        var size = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            span[6 + (3 * i)] = fields[i].Number;
            span[7 + (3 * i)] = fields[i].Size;
            span[8 + (3 * i)] = (byte)fields[i].Type;
            size += fields[i].Size;
        }

        _buffer.Advance(6 + (3 * fields.Length));
        _definedSizes[localMessage] = size;
    }

    /// <summary>Starts a data message; the caller then writes every field of the definition, in order.</summary>
    public void Begin(byte localMessage)
    {
        CheckComplete();
        if (_definedSizes[localMessage] == 0)
        {
            throw new InvalidOperationException($"Local message {localMessage} has no definition.");
        }

        _buffer.GetSpan(1)[0] = localMessage;
        _buffer.Advance(1);
        _expectedEnd = _buffer.WrittenCount + _definedSizes[localMessage];
    }

    public void Enum(byte? value) => UInt8(value);

    public void UInt8(byte? value)
    {
        _buffer.GetSpan(1)[0] = value ?? byte.MaxValue;
        _buffer.Advance(1);
    }

    public void UInt16(ushort? value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value ?? ushort.MaxValue);
        _buffer.Advance(2);
    }

    public void UInt32(uint? value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value ?? uint.MaxValue);
        _buffer.Advance(4);
    }

    /// <summary>uint32z: zero is the invalid value.</summary>
    public void UInt32Z(uint? value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value ?? 0);
        _buffer.Advance(4);
    }

    public void SInt32(int? value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value ?? int.MaxValue);
        _buffer.Advance(4);
    }

    /// <summary>A null-terminated UTF-8 string padded with zeros to the field size.</summary>
    public void String(string value, byte size)
    {
        var span = _buffer.GetSpan(size)[..size];
        span.Clear();
        var bytes = Encoding.UTF8.GetBytes(Truncate(value));
        bytes.AsSpan(0, Math.Min(bytes.Length, size - 1)).CopyTo(span);
        _buffer.Advance(size);
    }

    /// <summary>The field size a string needs: its UTF-8 bytes plus the terminator, cut at a character boundary to fit 255.</summary>
    public static byte StringSize(string value) => (byte)(Encoding.UTF8.GetByteCount(Truncate(value)) + 1);

    /// <summary>The string shortened, on a character boundary, until its UTF-8 form fits a FIT string field.</summary>
    public static string Truncate(string value)
    {
        while (Encoding.UTF8.GetByteCount(value) > 254)
        {
            var cut = value.Length - 1;
            if (char.IsLowSurrogate(value[cut]) && cut > 0)
            {
                cut--;
            }

            value = value[..cut];
        }

        return value;
    }

    /// <summary>Fills in the header, appends the file CRC and returns the file.</summary>
    public byte[] Finish()
    {
        CheckComplete();
        var dataSize = checked((uint)(_buffer.WrittenCount - HeaderSize));
        var file = new byte[_buffer.WrittenCount + 2];
        _buffer.WrittenSpan.CopyTo(file);

        file[0] = HeaderSize;
        file[1] = ProtocolVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), ProfileVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), dataSize);
        ".FIT"u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Compute(file.AsSpan(0, 12)));

        var body = file.AsSpan(0, file.Length - 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(file.Length - 2), FitCrc.Compute(body));
        return file;
    }

    private void CheckComplete()
    {
        if (_expectedEnd >= 0 && _buffer.WrittenCount != _expectedEnd)
        {
            throw new InvalidOperationException(
                $"A data message is off its definition's size by {_buffer.WrittenCount - _expectedEnd} bytes.");
        }

        _expectedEnd = -1;
    }
}
