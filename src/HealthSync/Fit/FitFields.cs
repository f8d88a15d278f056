namespace HealthSync.Fit;

// Field definition numbers of the messages this encoder writes, named as in Garmin's FIT profile (Profile.xlsx,
// 21.x), in the style of its SDK's `LapMesg.FieldDefNum`. Only the fields written here are listed.

/// <summary>file_id (global 0) field numbers.</summary>
internal static class FileIdFields
{
    public const byte Type = 0;
    public const byte Manufacturer = 1;
    public const byte Product = 2;
    public const byte SerialNumber = 3;
    public const byte TimeCreated = 4;
    public const byte ProductName = 8;
}

/// <summary>device_info (global 23) field numbers.</summary>
internal static class DeviceInfoFields
{
    public const byte Timestamp = 253;
    public const byte DeviceIndex = 0;
    public const byte Manufacturer = 2;
    public const byte SerialNumber = 3;
    public const byte Product = 4;
    public const byte SoftwareVersion = 5;
    public const byte ProductName = 27;
}

/// <summary>event (global 21) field numbers.</summary>
internal static class EventFields
{
    public const byte Timestamp = 253;
    public const byte Event = 0;
    public const byte EventType = 1;
}

/// <summary>record (global 20) field numbers.</summary>
internal static class RecordFields
{
    public const byte Timestamp = 253;
    public const byte PositionLat = 0;
    public const byte PositionLong = 1;
    public const byte Altitude = 2;
    public const byte HeartRate = 3;
    public const byte Cadence = 4;
    public const byte Distance = 5;
    public const byte Speed = 6;
    public const byte Power = 7;
}

/// <summary>length (global 101) field numbers.</summary>
internal static class LengthFields
{
    public const byte MessageIndex = 254;
    public const byte Timestamp = 253;
    public const byte Event = 0;
    public const byte EventType = 1;
    public const byte StartTime = 2;
    public const byte TotalElapsedTime = 3;
    public const byte TotalTimerTime = 4;
    public const byte AvgSpeed = 6;
    public const byte SwimStroke = 7;
    public const byte LengthType = 12;
}

/// <summary>lap (global 19) field numbers.</summary>
internal static class LapFields
{
    public const byte MessageIndex = 254;
    public const byte Timestamp = 253;
    public const byte Event = 0;
    public const byte EventType = 1;
    public const byte StartTime = 2;
    public const byte TotalElapsedTime = 7;
    public const byte TotalTimerTime = 8;
    public const byte TotalDistance = 9;
    public const byte TotalCalories = 11;
    public const byte AvgHeartRate = 15;
    public const byte MaxHeartRate = 16;
    public const byte TotalAscent = 21;
    public const byte LapTrigger = 24;
    public const byte Sport = 25;
    public const byte NumLengths = 32;
    public const byte FirstLengthIndex = 35;
    public const byte SubSport = 39;
}

/// <summary>session (global 18) field numbers.</summary>
internal static class SessionFields
{
    public const byte MessageIndex = 254;
    public const byte Timestamp = 253;
    public const byte Event = 0;
    public const byte EventType = 1;
    public const byte StartTime = 2;
    public const byte Sport = 5;
    public const byte SubSport = 6;
    public const byte TotalElapsedTime = 7;
    public const byte TotalTimerTime = 8;
    public const byte TotalDistance = 9;
    public const byte TotalCalories = 11;
    public const byte AvgHeartRate = 16;
    public const byte MaxHeartRate = 17;
    public const byte TotalAscent = 22;
    public const byte FirstLapIndex = 25;
    public const byte NumLaps = 26;
    public const byte Trigger = 28;
    public const byte NumLengths = 33;
    public const byte PoolLength = 44;
    public const byte PoolLengthUnit = 46;
}

/// <summary>activity (global 34) field numbers.</summary>
internal static class ActivityFields
{
    public const byte Timestamp = 253;
    public const byte TotalTimerTime = 0;
    public const byte NumSessions = 1;
    public const byte Type = 2;
    public const byte Event = 3;
    public const byte EventType = 4;
    public const byte LocalTimestamp = 5;
}
