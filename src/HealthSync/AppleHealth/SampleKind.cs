namespace HealthSync.AppleHealth;

/// <summary>The Record types joined to workouts by time.</summary>
internal enum SampleKind : byte
{
    HeartRate,
    DistanceWalkingRunning,
    DistanceCycling,
    DistanceSwimming,
    DistanceWheelchair,
    CyclingPower,
    RunningPower,
    CyclingCadence,
    RunningSpeed,
    CyclingSpeed,
}

/// <summary>Recognizes the Record types worth keeping and converts their values to canonical units.</summary>
internal static class SampleKinds
{
    public const int Count = (int)SampleKind.CyclingSpeed + 1;

    private static readonly (byte[] Suffix, SampleKind Kind)[] Known =
    [
        ("HeartRate"u8.ToArray(), SampleKind.HeartRate),
        ("DistanceWalkingRunning"u8.ToArray(), SampleKind.DistanceWalkingRunning),
        ("DistanceCycling"u8.ToArray(), SampleKind.DistanceCycling),
        ("DistanceSwimming"u8.ToArray(), SampleKind.DistanceSwimming),
        ("DistanceWheelchair"u8.ToArray(), SampleKind.DistanceWheelchair),
        ("CyclingPower"u8.ToArray(), SampleKind.CyclingPower),
        ("RunningPower"u8.ToArray(), SampleKind.RunningPower),
        ("CyclingCadence"u8.ToArray(), SampleKind.CyclingCadence),
        ("RunningSpeed"u8.ToArray(), SampleKind.RunningSpeed),
        ("CyclingSpeed"u8.ToArray(), SampleKind.CyclingSpeed),
    ];

    /// <summary>Recognizes "HKQuantityTypeIdentifierHeartRate" and the others.</summary>
    public static bool TryRecognize(ReadOnlySpan<byte> type, out SampleKind kind)
    {
        kind = default;
        var prefix = "HKQuantityTypeIdentifier"u8;
        if (!type.StartsWith(prefix))
        {
            return false;
        }

        var suffix = type[prefix.Length..];
        foreach (var (name, candidate) in Known)
        {
            if (suffix.SequenceEqual(name))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The factor from a record's unit to the kind's canonical unit (bpm, m, W, rpm, m/s); null when the unit is not understood.</summary>
    public static double? Factor(SampleKind kind, ReadOnlySpan<char> unit) => kind switch
    {
        SampleKind.HeartRate or SampleKind.CyclingCadence => unit is "count/min" ? 1 : unit is "count/s" ? 60 : null,
        SampleKind.CyclingPower or SampleKind.RunningPower => unit is "W" ? 1 : unit is "kW" ? 1000 : null,
        SampleKind.RunningSpeed or SampleKind.CyclingSpeed => Units.MetersPerSecondPer(unit),
        _ => Units.MetersPer(unit),
    };
}
