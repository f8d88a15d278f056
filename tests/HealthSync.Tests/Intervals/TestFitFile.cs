using System.Buffers.Binary;

namespace HealthSync.Tests.Intervals;

/// <summary>Test-only FIT writer: file_id, session and activity messages with correct CRCs (until the real encoder lands).</summary>
internal static class TestFitFile
{
    private const long FitEpoch = 631_065_600;

    public static byte[] Create(
        DateTimeOffset start,
        TimeSpan elapsed,
        TimeSpan? timer = null,
        double distanceMeters = 5000,
        byte sport = 1,
        byte subSport = 0,
        TimeSpan? utcOffset = null,
        byte averageHeartRate = 150,
        ushort calories = 400,
        uint serial = 12345)
    {
        var end = start + elapsed;
        var data = new List<byte>();
        // file_id (global 0) on local type 0: type, manufacturer, product, serial_number, time_created.
        Definition(data, local: 0, global: 0, (0, 1, 0x00), (1, 2, 0x84), (2, 2, 0x84), (3, 4, 0x8C), (4, 4, 0x86));
        Data(data, 0, [4], U16(255), U16(1), U32(serial), U32(Fit(start)));
        // session (global 18) on local type 1.
        Definition(data, local: 1, global: 18, (253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86), (11, 2, 0x84), (16, 1, 0x02), (5, 1, 0x00), (6, 1, 0x00));
        Data(data, 1, U32(Fit(end)), U32(Fit(start)), U32((uint)elapsed.TotalMilliseconds), U32((uint)(timer ?? elapsed).TotalMilliseconds),
            U32((uint)Math.Round(distanceMeters * 100)), U16(calories), [averageHeartRate], [sport], [subSport]);
        // activity (global 34) on local type 2: timestamp, total_timer_time, num_sessions, type, event, event_type, local_timestamp.
        Definition(data, local: 2, global: 34, (253, 4, 0x86), (0, 4, 0x86), (1, 2, 0x84), (2, 1, 0x00), (3, 1, 0x00), (4, 1, 0x00), (5, 4, 0x86));
        Data(data, 2, U32(Fit(end)), U32((uint)(timer ?? elapsed).TotalMilliseconds), U16(1), [0], [26], [1], U32(Fit(end + (utcOffset ?? TimeSpan.Zero))));

        var file = new byte[14 + data.Count + 2];
        file[0] = 14;
        file[1] = 0x20;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), 2132);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)data.Count);
        ".FIT"u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), Crc(file.AsSpan(0, 12)));
        data.CopyTo(file, 14);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(14 + data.Count), Crc(file.AsSpan(0, 14 + data.Count)));
        return file;
    }

    public static ushort Crc(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<ushort> table = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400];
        ushort crc = 0;
        foreach (var b in bytes)
        {
            foreach (var nibble in (ReadOnlySpan<int>)[b & 0xF, b >> 4])
            {
                var tmp = table[crc & 0xF];
                crc = (ushort)(((crc >> 4) & 0x0FFF) ^ tmp ^ table[nibble]);
            }
        }

        return crc;
    }

    private static uint Fit(DateTimeOffset instant) => (uint)(instant.ToUnixTimeSeconds() - FitEpoch);

    private static byte[] U16(ushort v) => BitConverter.GetBytes(v);

    private static byte[] U32(uint v) => BitConverter.GetBytes(v);

    private static void Definition(List<byte> data, byte local, ushort global, params (byte Number, byte Size, byte BaseType)[] fields)
    {
        data.AddRange([(byte)(0x40 | local), 0, 0, (byte)(global & 0xFF), (byte)(global >> 8), (byte)fields.Length]);
        foreach (var (number, size, baseType) in fields)
        {
            data.AddRange([number, size, baseType]);
        }
    }

    private static void Data(List<byte> data, byte local, params byte[][] values)
    {
        data.Add(local);
        foreach (var value in values)
        {
            data.AddRange(value);
        }
    }
}
