namespace HealthSync.Fit;

/// <summary>The numbers of Garmin's FIT profile (21.x) this encoder writes: global messages and enum values.</summary>
internal static class FitProfile
{
    public const ushort FileId = 0;
    public const ushort Session = 18;
    public const ushort Lap = 19;
    public const ushort Record = 20;
    public const ushort Event = 21;
    public const ushort DeviceInfo = 23;
    public const ushort Activity = 34;
    public const ushort Length = 101;

    public const byte FileTypeActivity = 4;
    public const ushort ManufacturerDevelopment = 255;

    public const byte EventTimer = 0;
    public const byte EventSession = 8;
    public const byte EventLap = 9;
    public const byte EventActivity = 26;
    public const byte EventLength = 28;

    public const byte EventTypeStart = 0;
    public const byte EventTypeStop = 1;
    public const byte EventTypeStopAll = 4;

    public const byte ActivityTypeManual = 0;
    public const byte LapTriggerManual = 0;
    public const byte LapTriggerSessionEnd = 7;
    public const byte SessionTriggerActivityEnd = 0;
    public const byte SessionTriggerAutoMultiSport = 2;
    public const byte LengthTypeActive = 1;
    public const byte DisplayMeasureMetric = 0;
    public const byte DisplayMeasureStatute = 1;
}
