namespace HealthSync.Fit;

/// <summary>FIT base type bytes as a definition message declares them (bit 7 set for multi-byte types).</summary>
internal enum FitBaseType : byte
{
    Enum = 0x00,
    UInt8 = 0x02,
    String = 0x07,
    UInt16 = 0x84,
    SInt32 = 0x85,
    UInt32 = 0x86,
    UInt32Z = 0x8C,
}
