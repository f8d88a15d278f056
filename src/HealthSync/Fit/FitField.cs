namespace HealthSync.Fit;

/// <summary>One field of a definition message: field number, size in bytes and base type.</summary>
internal readonly record struct FitField(byte Number, byte Size, FitBaseType Type)
{
    public static FitField Enum(byte number) => new(number, 1, FitBaseType.Enum);

    public static FitField UInt8(byte number) => new(number, 1, FitBaseType.UInt8);

    public static FitField UInt16(byte number) => new(number, 2, FitBaseType.UInt16);

    public static FitField UInt32(byte number) => new(number, 4, FitBaseType.UInt32);

    public static FitField UInt32Z(byte number) => new(number, 4, FitBaseType.UInt32Z);

    public static FitField SInt32(byte number) => new(number, 4, FitBaseType.SInt32);

    public static FitField String(byte number, byte size) => new(number, size, FitBaseType.String);
}
