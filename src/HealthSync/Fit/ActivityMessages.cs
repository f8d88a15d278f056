using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Writes each message of an activity file as a list of named fields; the writer derives the definitions.</summary>
/// <remarks>
/// A message that writes an optional field writes it in every message of its kind (invalid when unknown), so one
/// definition per kind serves the whole file: a reader then sees the same layout for every record and lap.
/// </remarks>
internal sealed class ActivityMessages(FitWriter writer)
{
    /// <summary>Product number under manufacturer 255 (development); the FIT profile reserves nothing for it.</summary>
    public const ushort Product = 1;

    /// <summary>Software version in FIT's scale 100 (1.00). Bump it only when the bytes change on purpose.</summary>
    public const ushort SoftwareVersion = 100;

    public const string ProductName = "HealthSync";

    private const byte LocalFileId = 0;
    private const byte LocalDeviceInfo = 1;
    private const byte LocalEvent = 2;
    private const byte LocalRecord = 3;
    private const byte LocalLength = 4;
    private const byte LocalLap = 5;
    private const byte LocalSession = 6;
    private const byte LocalActivity = 7;

    public void FileId(Workout workout)
    {
        writer.Begin(LocalFileId, FitProfile.FileId);
        writer.Enum(FileIdFields.Type, FitProfile.FileTypeActivity);
        writer.UInt16(FileIdFields.Manufacturer, FitProfile.ManufacturerDevelopment);
        writer.UInt16(FileIdFields.Product, Product);
        writer.UInt32Z(FileIdFields.SerialNumber, SerialNumber(workout.Source));
        writer.UInt32(FileIdFields.TimeCreated, FitTime.Seconds(workout.End));
        writer.String(FileIdFields.ProductName, ProductName, FitWriter.StringSize(ProductName));
        writer.End();
    }

    /// <summary>The creator (HealthSync), and the recording device by name when the export names it.</summary>
    public void DeviceInfo(Workout workout)
    {
        var recorder = FitWriter.Truncate(workout.Device?.Name ?? workout.Device?.Model ?? workout.Source);

        // One name size for both messages keeps them under one definition.
        var nameSize = Math.Max(FitWriter.StringSize(ProductName), FitWriter.StringSize(recorder));
        DeviceInfo(workout.Start, 0, ProductName, nameSize, creator: true, workout.Source);
        if (!string.IsNullOrWhiteSpace(recorder))
        {
            DeviceInfo(workout.Start, 1, recorder, nameSize, creator: false, workout.Source);
        }
    }

    public void Event(DateTimeOffset time, byte eventType)
    {
        writer.Begin(LocalEvent, FitProfile.Event);
        writer.UInt32(EventFields.Timestamp, FitTime.Seconds(time));
        writer.Enum(EventFields.Event, FitProfile.EventTimer);
        writer.Enum(EventFields.EventType, eventType);
        writer.End();
    }

    /// <summary>Records in time order, with a timer stop at each pause's start and a timer start at its end (unless it lasts to the end).</summary>
    public void RecordsAndPauses(Workout workout, RecordSeries records)
    {
        var points = records.Points;
        var layout = new RecordLayout(
            records.HasPosition,
            points.Any(p => p.AltitudeMeters is not null),
            points.Any(p => p.HeartRate is not null),
            points.Any(p => p.Cadence is not null),
            points.Any(p => p.DistanceMeters is not null),
            points.Any(p => p.Speed is not null),
            points.Any(p => p.Power is not null));

        var pauses = workout.Pauses
            .Where(p => p.End > p.Start && p.Start >= workout.Start && p.End <= workout.End)
            .OrderBy(p => p.Start)
            .ToList();
        var pending = new Queue<(uint Time, byte Type, DateTimeOffset Instant)>();
        foreach (var pause in pauses)
        {
            pending.Enqueue((FitTime.Seconds(pause.Start), FitProfile.EventTypeStop, pause.Start));

            // A pause that lasts to the end was never resumed: the timer stays stopped until stop_all.
            if (pause.End < workout.End)
            {
                pending.Enqueue((FitTime.Seconds(pause.End), FitProfile.EventTypeStart, pause.End));
            }
        }

        foreach (var point in points)
        {
            while (pending.Count > 0 && pending.Peek().Time < point.Time)
            {
                var next = pending.Dequeue();
                Event(next.Instant, next.Type);
            }

            Record(point, layout);
        }

        while (pending.Count > 0)
        {
            var next = pending.Dequeue();
            Event(next.Instant, next.Type);
        }
    }

    public void Lengths(IReadOnlyList<SwimLength> lengths, double? poolLengthMeters)
    {
        for (var i = 0; i < lengths.Count; i++)
        {
            var length = lengths[i];
            var duration = length.End - length.Start;
            var seconds = duration.TotalSeconds;
            writer.Begin(LocalLength, FitProfile.Length);
            writer.UInt16(LengthFields.MessageIndex, checked((ushort)i));
            writer.UInt32(LengthFields.Timestamp, FitTime.Seconds(length.End));
            writer.Enum(LengthFields.Event, FitProfile.EventLength);
            writer.Enum(LengthFields.EventType, FitProfile.EventTypeStop);
            writer.UInt32(LengthFields.StartTime, FitTime.Seconds(length.Start));
            writer.UInt32(LengthFields.TotalElapsedTime, FitTime.Milliseconds(duration));
            writer.UInt32(LengthFields.TotalTimerTime, FitTime.Milliseconds(duration));
            writer.UInt16(LengthFields.AvgSpeed, seconds > 0 ? FitScale.Speed(poolLengthMeters / seconds) : null);
            writer.Enum(LengthFields.SwimStroke, FitSwimStroke.Of(length.Stroke));
            writer.Enum(LengthFields.LengthType, FitProfile.LengthTypeActive);
            writer.End();
        }
    }

    /// <summary>One lap per total; for a pool swim (lengthsPerLap not empty) each lap's first length and number of lengths.</summary>
    public void Laps(IReadOnlyList<SpanTotals> totals, IReadOnlyList<(int First, int Count)> lengthsPerLap, SportMapping sport)
    {
        for (var i = 0; i < totals.Count; i++)
        {
            Lap(i, totals[i], i == totals.Count - 1, sport, lengthsPerLap.Count > 0 ? lengthsPerLap[i] : null);
        }
    }

    /// <summary>One lap; the last of a session is triggered by the session's end.</summary>
    public void Lap(int index, SpanTotals lap, bool last, SportMapping sport, (int First, int Count)? lengths)
    {
        writer.Begin(LocalLap, FitProfile.Lap);
        writer.UInt16(LapFields.MessageIndex, checked((ushort)index));
        writer.UInt32(LapFields.Timestamp, FitTime.Seconds(lap.End));
        writer.Enum(LapFields.Event, FitProfile.EventLap);
        writer.Enum(LapFields.EventType, FitProfile.EventTypeStop);
        writer.UInt32(LapFields.StartTime, FitTime.Seconds(lap.Start));
        writer.UInt32(LapFields.TotalElapsedTime, FitTime.Milliseconds(lap.Elapsed));
        writer.UInt32(LapFields.TotalTimerTime, FitTime.Milliseconds(lap.Timer));
        writer.UInt32(LapFields.TotalDistance, FitScale.Distance(lap.DistanceMeters));
        writer.UInt16(LapFields.TotalCalories, FitScale.UInt16(lap.EnergyKilocalories));
        writer.UInt8(LapFields.AvgHeartRate, FitScale.Byte(lap.AverageHeartRate));
        writer.UInt8(LapFields.MaxHeartRate, FitScale.Byte(lap.MaximumHeartRate));
        writer.UInt16(LapFields.TotalAscent, FitScale.UInt16(lap.AscentMeters));
        writer.Enum(LapFields.LapTrigger, last ? FitProfile.LapTriggerSessionEnd : FitProfile.LapTriggerManual);
        writer.Enum(LapFields.Sport, sport.FitSport);
        writer.Enum(LapFields.SubSport, sport.FitSubSport);
        if (lengths is var (first, count))
        {
            writer.UInt16(LapFields.NumLengths, checked((ushort)count));
            writer.UInt16(LapFields.FirstLengthIndex, checked((ushort)first));
        }

        writer.End();
    }

    /// <summary>The session; for a pool swim, pool_length in metres (as FIT wants) and pool_length_unit statute for a yard pool.</summary>
    public void Session(SpanTotals session, SportMapping sport, int lapCount, int lengthCount, PoolLength? pool) =>
        Session(new SessionIndex(0, 0, lapCount, Last: true), session, sport, lengthCount, pool);

    /// <summary>One session of a file that may hold several (multisport): its index and its laps' place.</summary>
    public void Session(SessionIndex index, SpanTotals session, SportMapping sport, int lengthCount, PoolLength? pool)
    {
        writer.Begin(LocalSession, FitProfile.Session);
        writer.UInt16(SessionFields.MessageIndex, checked((ushort)index.Index));
        writer.UInt32(SessionFields.Timestamp, FitTime.Seconds(session.End));
        writer.Enum(SessionFields.Event, FitProfile.EventSession);
        writer.Enum(SessionFields.EventType, FitProfile.EventTypeStop);
        writer.UInt32(SessionFields.StartTime, FitTime.Seconds(session.Start));
        writer.Enum(SessionFields.Sport, sport.FitSport);
        writer.Enum(SessionFields.SubSport, sport.FitSubSport);
        writer.UInt32(SessionFields.TotalElapsedTime, FitTime.Milliseconds(session.Elapsed));
        writer.UInt32(SessionFields.TotalTimerTime, FitTime.Milliseconds(session.Timer));
        writer.UInt32(SessionFields.TotalDistance, FitScale.Distance(session.DistanceMeters));
        writer.UInt16(SessionFields.TotalCalories, FitScale.UInt16(session.EnergyKilocalories));
        writer.UInt8(SessionFields.AvgHeartRate, FitScale.Byte(session.AverageHeartRate));
        writer.UInt8(SessionFields.MaxHeartRate, FitScale.Byte(session.MaximumHeartRate));
        writer.UInt16(SessionFields.TotalAscent, FitScale.UInt16(session.AscentMeters));
        writer.UInt16(SessionFields.FirstLapIndex, checked((ushort)index.FirstLap));
        writer.UInt16(SessionFields.NumLaps, checked((ushort)index.LapCount));
        writer.Enum(SessionFields.Trigger, index.Last ? FitProfile.SessionTriggerActivityEnd : FitProfile.SessionTriggerAutoMultiSport);
        if (sport.FitSubSport == SportMappings.PoolSwimSubSport)
        {
            writer.UInt16(SessionFields.NumLengths, checked((ushort)lengthCount));
            writer.UInt16(SessionFields.PoolLength, FitScale.PoolLength(pool?.Meters));
            writer.Enum(SessionFields.PoolLengthUnit, pool is null ? null
                : pool.Value.InYards ? FitProfile.DisplayMeasureStatute
                : FitProfile.DisplayMeasureMetric);
        }

        writer.End();
    }

    public void Activity(SpanTotals session, TimeSpan utcOffset, int sessionCount = 1)
    {
        var timestamp = FitTime.Seconds(session.End);
        writer.Begin(LocalActivity, FitProfile.Activity);
        writer.UInt32(ActivityFields.Timestamp, timestamp);
        writer.UInt32(ActivityFields.TotalTimerTime, FitTime.Milliseconds(session.Timer));
        writer.UInt16(ActivityFields.NumSessions, checked((ushort)sessionCount));
        writer.Enum(ActivityFields.Type, FitProfile.ActivityTypeManual);
        writer.Enum(ActivityFields.Event, FitProfile.EventActivity);
        writer.Enum(ActivityFields.EventType, FitProfile.EventTypeStop);
        writer.UInt32(ActivityFields.LocalTimestamp, checked((uint)(timestamp + (long)utcOffset.TotalSeconds)));
        writer.End();
    }

    public byte[] Finish() => writer.Finish();

    /// <summary>FNV-1a of the source name: stable across runs and machines (unlike string.GetHashCode), never 0 (uint32z's invalid).</summary>
    internal static uint SerialNumber(string source)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(source))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash == 0 ? 1 : hash;
    }

    /// <summary>One device_info; the recorder's carries only its index and name (the rest invalid: nothing is known of it).</summary>
    private void DeviceInfo(DateTimeOffset start, byte index, string name, byte nameSize, bool creator, string source)
    {
        writer.Begin(LocalDeviceInfo, FitProfile.DeviceInfo);
        writer.UInt32(DeviceInfoFields.Timestamp, FitTime.Seconds(start));
        writer.UInt8(DeviceInfoFields.DeviceIndex, index);
        writer.UInt16(DeviceInfoFields.Manufacturer, creator ? FitProfile.ManufacturerDevelopment : null);
        writer.UInt32Z(DeviceInfoFields.SerialNumber, creator ? SerialNumber(source) : null);
        writer.UInt16(DeviceInfoFields.Product, creator ? Product : null);
        writer.UInt16(DeviceInfoFields.SoftwareVersion, creator ? SoftwareVersion : null);
        writer.String(DeviceInfoFields.ProductName, name, nameSize);
        writer.End();
    }

    /// <summary>One record with the fields the series has anywhere (invalid where this second lacks them).</summary>
    private void Record(RecordPoint point, RecordLayout layout)
    {
        writer.Begin(LocalRecord, FitProfile.Record);
        writer.UInt32(RecordFields.Timestamp, point.Time);
        if (layout.Position)
        {
            writer.SInt32(RecordFields.PositionLat, point.Latitude);
            writer.SInt32(RecordFields.PositionLong, point.Longitude);
        }

        if (layout.Altitude)
        {
            writer.UInt16(RecordFields.Altitude, FitScale.Altitude(point.AltitudeMeters));
        }

        if (layout.HeartRate)
        {
            writer.UInt8(RecordFields.HeartRate, FitScale.Byte(point.HeartRate));
        }

        if (layout.Cadence)
        {
            writer.UInt8(RecordFields.Cadence, FitScale.Byte(point.Cadence));
        }

        if (layout.Distance)
        {
            writer.UInt32(RecordFields.Distance, FitScale.Distance(point.DistanceMeters));
        }

        if (layout.Speed)
        {
            writer.UInt16(RecordFields.Speed, FitScale.Speed(point.Speed));
        }

        if (layout.Power)
        {
            writer.UInt16(RecordFields.Power, FitScale.UInt16(point.Power));
        }

        writer.End();
    }

    /// <summary>A session's index, its first lap's index and lap count, and whether it ends the activity.</summary>
    internal readonly record struct SessionIndex(int Index, int FirstLap, int LapCount, bool Last);

    /// <summary>Which optional record fields the series carries anywhere: every record writes the same ones.</summary>
    private readonly record struct RecordLayout(
        bool Position, bool Altitude, bool HeartRate, bool Cadence, bool Distance, bool Speed, bool Power);
}
