namespace IntervalsStandIn.Fit;

/// <summary>The uploaded bytes are not a FIT file the stand-in can read.</summary>
public sealed class FitFormatException(string message) : Exception(message);
