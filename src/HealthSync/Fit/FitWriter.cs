using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace HealthSync.Fit;

/// <summary>Writes a FIT protocol 2.0 file: header, definition and data messages (little endian), final CRC.</summary>
/// <remarks>
/// A message is written as named fields between <see cref="Begin"/> and <see cref="End"/>: each field method records
/// the field's number, size and base type beside its value, and <see cref="End"/> writes a definition message only
/// when those fields differ from the definition the local message number already carries (as Garmin's SDK does).
/// So a definition can never disagree with its data, and a message that always writes the same fields is defined once.
/// </remarks>
internal sealed class FitWriter
{
    private const int HeaderSize = 14;
    private const byte ProtocolVersion = 0x20;
    private const int LocalMessageCount = 16;

    // A string field is at most 255 bytes, one of them the terminator.
    private const int MaxStringBytes = 254;

    // Profile 21.217 in the header's major * 1000 + minor form, as Garmin's own SDKs write it.
    private const ushort ProfileVersion = 21217;

    private readonly ArrayBufferWriter<byte> _buffer;

    // The open message: its fields and their values, kept apart until End knows whether a definition goes first.
    private readonly List<FitField> _fields = new(32);
    private readonly ArrayBufferWriter<byte> _values = new(256);
    private readonly Definition?[] _definitions = new Definition?[LocalMessageCount];
    private int _openLocal = -1;
    private ushort _openGlobal;

    public FitWriter(int initialCapacity = 4096)
    {
        _buffer = new ArrayBufferWriter<byte>(Math.Max(initialCapacity, 64));
        _buffer.GetSpan(HeaderSize)[..HeaderSize].Clear();
        _buffer.Advance(HeaderSize);
    }

    /// <summary>Opens a data message of a global message type under a local message number (0–15).</summary>
    public void Begin(byte localMessage, ushort globalMessage)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(localMessage, (byte)LocalMessageCount);
        if (_openLocal >= 0)
        {
            throw new InvalidOperationException($"Local message {_openLocal} is still open.");
        }

        _openLocal = localMessage;
        _openGlobal = globalMessage;
        _fields.Clear();
        _values.ResetWrittenCount();
    }

    public void Enum(byte field, byte? value) => Byte(field, FitBaseType.Enum, value);

    public void UInt8(byte field, byte? value) => Byte(field, FitBaseType.UInt8, value);

    public void UInt16(byte field, ushort? value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Field(field, 2, FitBaseType.UInt16), value ?? ushort.MaxValue);
    }

    public void UInt32(byte field, uint? value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Field(field, 4, FitBaseType.UInt32), value ?? uint.MaxValue);
    }

    /// <summary>uint32z: zero is the invalid value.</summary>
    public void UInt32Z(byte field, uint? value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Field(field, 4, FitBaseType.UInt32Z), value ?? 0);
    }

    public void SInt32(byte field, int? value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Field(field, 4, FitBaseType.SInt32), value ?? int.MaxValue);
    }

    /// <summary>A null-terminated UTF-8 string padded with zeros to the field size (see <see cref="StringSize"/>).</summary>
    public void String(byte field, string value, byte size)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        var span = Field(field, size, FitBaseType.String);
        span.Clear();
        var bytes = Encoding.UTF8.GetBytes(Truncate(value));
        bytes.AsSpan(0, Math.Min(bytes.Length, size - 1)).CopyTo(span);
    }

    /// <summary>Closes the open message: its definition first when the local number does not carry these fields yet, then its data.</summary>
    public void End()
    {
        var local = OpenLocal();
        var defined = _definitions[local];
        if (defined is null || defined.Global != _openGlobal || !defined.Fields.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(_fields)))
        {
            var definition = new Definition(_openGlobal, [.. _fields]);
            WriteDefinition((byte)local, definition);
            _definitions[local] = definition;
        }

        var data = _buffer.GetSpan(1 + _values.WrittenCount);
        data[0] = (byte)local;
        _values.WrittenSpan.CopyTo(data[1..]);
        _buffer.Advance(1 + _values.WrittenCount);
        _openLocal = -1;
    }

    /// <summary>The field size a string needs: its UTF-8 bytes plus the terminator, cut at a character boundary to fit 255.</summary>
    public static byte StringSize(string value) => (byte)(Encoding.UTF8.GetByteCount(Truncate(value)) + 1);

    /// <summary>The longest prefix, on a character boundary, whose UTF-8 form fits a FIT string field (254 bytes and the terminator).</summary>
    /// <remarks>
    /// One pass over the string: the old loop re-counted the whole string after each character it dropped, so a
    /// 200 KB source name took 4.5 s. A lone surrogate counts as the 3-byte replacement character UTF-8 writes for it.
    /// </remarks>
    public static string Truncate(string value)
    {
        // Three UTF-8 bytes per UTF-16 char at most (a surrogate pair is 4 bytes for 2 chars).
        if (value.Length <= MaxStringBytes / 3 || Encoding.UTF8.GetByteCount(value) <= MaxStringBytes)
        {
            return value;
        }

        var bytes = 0;
        var chars = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxStringBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            chars += rune.Utf16SequenceLength;
        }

        return value[..chars];
    }

    /// <summary>Fills in the header, appends the file CRC and returns the file.</summary>
    public byte[] Finish()
    {
        if (_openLocal >= 0)
        {
            throw new InvalidOperationException($"Local message {_openLocal} is still open.");
        }

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

    private void Byte(byte field, FitBaseType type, byte? value) => Field(field, 1, type)[0] = value ?? byte.MaxValue;

    /// <summary>Records a field of the open message and returns the span its value goes into.</summary>
    private Span<byte> Field(byte number, byte size, FitBaseType type)
    {
        OpenLocal();
        Debug.Assert(!_fields.Exists(f => f.Number == number), $"field {number} written twice in one message");
        if (_fields.Count == byte.MaxValue)
        {
            throw new InvalidOperationException("A FIT message holds at most 255 fields.");
        }

        _fields.Add(new FitField(number, size, type));
        var span = _values.GetSpan(size)[..size];
        _values.Advance(size);
        return span;
    }

    private int OpenLocal() =>
        _openLocal >= 0 ? _openLocal : throw new InvalidOperationException("No message is open: call Begin first.");

    private void WriteDefinition(byte localMessage, Definition definition)
    {
        var fields = definition.Fields;
        var span = _buffer.GetSpan(6 + (3 * fields.Length));
        span[0] = (byte)(0x40 | localMessage);
        span[1] = 0; // reserved
        span[2] = 0; // little endian
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], definition.Global);
        span[5] = (byte)fields.Length;
        for (var i = 0; i < fields.Length; i++)
        {
            span[6 + (3 * i)] = fields[i].Number;
            span[7 + (3 * i)] = fields[i].Size;
            span[8 + (3 * i)] = (byte)fields[i].Type;
        }

        _buffer.Advance(6 + (3 * fields.Length));
    }

    /// <summary>What a local message number currently stands for.</summary>
    private sealed record Definition(ushort Global, FitField[] Fields);
}
