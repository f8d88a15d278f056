namespace HealthSync.Fit;

/// <summary>One field of a definition message: field number, size in bytes and base type.</summary>
internal readonly record struct FitField(byte Number, byte Size, FitBaseType Type);
