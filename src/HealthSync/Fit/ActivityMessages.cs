using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Writes each message of an activity file: one definition per message type, then its data messages.</summary>
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

    private bool _eventDefined;

    public void FileId(Workout workout)
    {
        var nameSize = FitWriter.StringSize(ProductName);
        writer.Define(LocalFileId, FitProfile.FileId,
        [
            FitField.Enum(0), FitField.UInt16(1), FitField.UInt16(2), FitField.UInt32Z(3), FitField.UInt32(4),
            FitField.String(8, nameSize),
        ]);
        writer.Begin(LocalFileId);
        writer.Enum(FitProfile.FileTypeActivity);
        writer.UInt16(FitProfile.ManufacturerDevelopment);
        writer.UInt16(Product);
        writer.UInt32Z(SerialNumber(workout.Source));
        writer.UInt32(FitTime.Seconds(workout.End));
        writer.String(ProductName, nameSize);
    }

    /// <summary>The creator (HealthSync), and the recording device by name when the export names it.</summary>
    public void DeviceInfo(Workout workout)
    {
        var recorder = FitWriter.Truncate(workout.Device?.Name ?? workout.Device?.Model ?? workout.Source);
        var nameSize = Math.Max(FitWriter.StringSize(ProductName), FitWriter.StringSize(recorder));
        writer.Define(LocalDeviceInfo, FitProfile.DeviceInfo,
        [
            FitField.UInt32(253), FitField.UInt8(0), FitField.UInt16(2), FitField.UInt32Z(3), FitField.UInt16(4),
            FitField.UInt16(5), FitField.String(27, nameSize),
        ]);

        writer.Begin(LocalDeviceInfo);
        writer.UInt32(FitTime.Seconds(workout.Start));
        writer.UInt8(0);
        writer.UInt16(FitProfile.ManufacturerDevelopment);
        writer.UInt32Z(SerialNumber(workout.Source));
        writer.UInt16(Product);
        writer.UInt16(SoftwareVersion);
        writer.String(ProductName, nameSize);

        if (!string.IsNullOrWhiteSpace(recorder))
        {
            writer.Begin(LocalDeviceInfo);
            writer.UInt32(FitTime.Seconds(workout.Start));
            writer.UInt8(1);
            writer.UInt16(null);
            writer.UInt32Z(null);
            writer.UInt16(null);
            writer.UInt16(null);
            writer.String(recorder, nameSize);
        }
    }

    public void Event(DateTimeOffset time, byte eventType)
    {
        if (!_eventDefined)
        {
            writer.Define(LocalEvent, FitProfile.Event, [FitField.UInt32(253), FitField.Enum(0), FitField.Enum(1)]);
            _eventDefined = true;
        }

        writer.Begin(LocalEvent);
        writer.UInt32(FitTime.Seconds(time));
        writer.Enum(FitProfile.EventTimer);
        writer.Enum(eventType);
    }

    /// <summary>Records in time order, with a timer stop at each pause's start and a timer start at its end.</summary>
    public void RecordsAndPauses(Workout workout, RecordSeries records)
    {
        var points = records.Points;
        var hasHeartRate = points.Any(p => p.HeartRate is not null);
        var hasCadence = points.Any(p => p.Cadence is not null);
        var hasDistance = points.Any(p => p.DistanceMeters is not null);
        var hasSpeed = points.Any(p => p.Speed is not null);
        var hasPower = points.Any(p => p.Power is not null);
        var hasAltitude = points.Any(p => p.AltitudeMeters is not null);

        var fields = new List<FitField> { FitField.UInt32(253) };
        if (records.HasPosition)
        {
            fields.Add(FitField.SInt32(0));
            fields.Add(FitField.SInt32(1));
        }

        if (hasAltitude)
        {
            fields.Add(FitField.UInt16(2));
        }

        if (hasHeartRate)
        {
            fields.Add(FitField.UInt8(3));
        }

        if (hasCadence)
        {
            fields.Add(FitField.UInt8(4));
        }

        if (hasDistance)
        {
            fields.Add(FitField.UInt32(5));
        }

        if (hasSpeed)
        {
            fields.Add(FitField.UInt16(6));
        }

        if (hasPower)
        {
            fields.Add(FitField.UInt16(7));
        }

        writer.Define(LocalRecord, FitProfile.Record, fields.ToArray());

        var pauses = workout.Pauses
            .Where(p => p.End > p.Start && p.Start >= workout.Start && p.End <= workout.End)
            .OrderBy(p => p.Start)
            .ToList();
        var pending = new Queue<(uint Time, byte Type, DateTimeOffset Instant)>();
        foreach (var pause in pauses)
        {
            pending.Enqueue((FitTime.Seconds(pause.Start), FitProfile.EventTypeStop, pause.Start));
            pending.Enqueue((FitTime.Seconds(pause.End), FitProfile.EventTypeStart, pause.End));
        }

        foreach (var point in points)
        {
            while (pending.Count > 0 && pending.Peek().Time < point.Time)
            {
                var next = pending.Dequeue();
                Event(next.Instant, next.Type);
            }

            writer.Begin(LocalRecord);
            writer.UInt32(point.Time);
            if (records.HasPosition)
            {
                writer.SInt32(point.Latitude);
                writer.SInt32(point.Longitude);
            }

            if (hasAltitude)
            {
                writer.UInt16(FitScale.Altitude(point.AltitudeMeters));
            }

            if (hasHeartRate)
            {
                writer.UInt8(FitScale.Byte(point.HeartRate));
            }

            if (hasCadence)
            {
                writer.UInt8(FitScale.Byte(point.Cadence));
            }

            if (hasDistance)
            {
                writer.UInt32(FitScale.Distance(point.DistanceMeters));
            }

            if (hasSpeed)
            {
                writer.UInt16(FitScale.Speed(point.Speed));
            }

            if (hasPower)
            {
                writer.UInt16(FitScale.UInt16(point.Power));
            }
        }

        while (pending.Count > 0)
        {
            var next = pending.Dequeue();
            Event(next.Instant, next.Type);
        }
    }

    public void Lengths(IReadOnlyList<SwimLength> lengths, double? poolLengthMeters)
    {
        if (lengths.Count == 0)
        {
            return;
        }

        writer.Define(LocalLength, FitProfile.Length,
        [
            FitField.UInt16(254), FitField.UInt32(253), FitField.Enum(0), FitField.Enum(1), FitField.UInt32(2),
            FitField.UInt32(3), FitField.UInt32(4), FitField.UInt16(6), FitField.Enum(7), FitField.Enum(12),
        ]);
        for (var i = 0; i < lengths.Count; i++)
        {
            var length = lengths[i];
            var duration = length.End - length.Start;
            var seconds = duration.TotalSeconds;
            writer.Begin(LocalLength);
            writer.UInt16(checked((ushort)i));
            writer.UInt32(FitTime.Seconds(length.End));
            writer.Enum(FitProfile.EventLength);
            writer.Enum(FitProfile.EventTypeStop);
            writer.UInt32(FitTime.Seconds(length.Start));
            writer.UInt32(FitTime.Milliseconds(duration));
            writer.UInt32(FitTime.Milliseconds(duration));
            writer.UInt16(seconds > 0 ? FitScale.Speed(poolLengthMeters / seconds) : null);
            writer.Enum(FitSwimStroke.Of(length.Stroke));
            writer.Enum(FitProfile.LengthTypeActive);
        }
    }

    /// <summary>One lap per total; for a pool swim (lengthsPerLap not empty) each lap's first length and number of lengths.</summary>
    public void Laps(IReadOnlyList<SpanTotals> totals, IReadOnlyList<(int First, int Count)> lengthsPerLap, SportMapping sport)
    {
        var swim = lengthsPerLap.Count > 0;
        var fields = new List<FitField>
        {
            FitField.UInt16(254), FitField.UInt32(253), FitField.Enum(0), FitField.Enum(1), FitField.UInt32(2),
            FitField.UInt32(7), FitField.UInt32(8), FitField.UInt32(9), FitField.UInt16(11), FitField.UInt8(15),
            FitField.UInt8(16), FitField.UInt16(21), FitField.Enum(24), FitField.Enum(25), FitField.Enum(39),
        };
        if (swim)
        {
            fields.Add(FitField.UInt16(32));
            fields.Add(FitField.UInt16(35));
        }

        writer.Define(LocalLap, FitProfile.Lap, fields.ToArray());
        for (var i = 0; i < totals.Count; i++)
        {
            var lap = totals[i];
            writer.Begin(LocalLap);
            writer.UInt16(checked((ushort)i));
            writer.UInt32(FitTime.Seconds(lap.End));
            writer.Enum(FitProfile.EventLap);
            writer.Enum(FitProfile.EventTypeStop);
            writer.UInt32(FitTime.Seconds(lap.Start));
            writer.UInt32(FitTime.Milliseconds(lap.Elapsed));
            writer.UInt32(FitTime.Milliseconds(lap.Timer));
            writer.UInt32(FitScale.Distance(lap.DistanceMeters));
            writer.UInt16(FitScale.UInt16(lap.EnergyKilocalories));
            writer.UInt8(FitScale.Byte(lap.AverageHeartRate));
            writer.UInt8(FitScale.Byte(lap.MaximumHeartRate));
            writer.UInt16(FitScale.UInt16(lap.AscentMeters));
            writer.Enum(i == totals.Count - 1 ? FitProfile.LapTriggerSessionEnd : FitProfile.LapTriggerManual);
            writer.Enum(sport.FitSport);
            writer.Enum(sport.FitSubSport);
            if (swim)
            {
                var (first, count) = lengthsPerLap[i];
                writer.UInt16(checked((ushort)count));
                writer.UInt16(checked((ushort)first));
            }
        }
    }

    /// <summary>The session; for a pool swim, pool_length in metres (as FIT wants) and pool_length_unit statute for a yard pool.</summary>
    public void Session(SpanTotals session, SportMapping sport, int lapCount, int lengthCount, double? poolLengthMeters, bool poolLengthInYards)
    {
        var swim = sport.FitSubSport == SportMappings.PoolSwimSubSport;
        var fields = new List<FitField>
        {
            FitField.UInt16(254), FitField.UInt32(253), FitField.Enum(0), FitField.Enum(1), FitField.UInt32(2),
            FitField.Enum(5), FitField.Enum(6), FitField.UInt32(7), FitField.UInt32(8), FitField.UInt32(9),
            FitField.UInt16(11), FitField.UInt8(16), FitField.UInt8(17), FitField.UInt16(22), FitField.UInt16(25),
            FitField.UInt16(26), FitField.Enum(28),
        };
        if (swim)
        {
            fields.Add(FitField.UInt16(33));
            fields.Add(FitField.UInt16(44));
            fields.Add(FitField.Enum(46));
        }

        writer.Define(LocalSession, FitProfile.Session, fields.ToArray());
        writer.Begin(LocalSession);
        writer.UInt16(0);
        writer.UInt32(FitTime.Seconds(session.End));
        writer.Enum(FitProfile.EventSession);
        writer.Enum(FitProfile.EventTypeStop);
        writer.UInt32(FitTime.Seconds(session.Start));
        writer.Enum(sport.FitSport);
        writer.Enum(sport.FitSubSport);
        writer.UInt32(FitTime.Milliseconds(session.Elapsed));
        writer.UInt32(FitTime.Milliseconds(session.Timer));
        writer.UInt32(FitScale.Distance(session.DistanceMeters));
        writer.UInt16(FitScale.UInt16(session.EnergyKilocalories));
        writer.UInt8(FitScale.Byte(session.AverageHeartRate));
        writer.UInt8(FitScale.Byte(session.MaximumHeartRate));
        writer.UInt16(FitScale.UInt16(session.AscentMeters));
        writer.UInt16(0);
        writer.UInt16(checked((ushort)lapCount));
        writer.Enum(FitProfile.SessionTriggerActivityEnd);
        if (swim)
        {
            writer.UInt16(checked((ushort)lengthCount));
            writer.UInt16(FitScale.PoolLength(poolLengthMeters));
            writer.Enum(poolLengthMeters is null ? null
                : poolLengthInYards ? FitProfile.DisplayMeasureStatute
                : FitProfile.DisplayMeasureMetric);
        }
    }

    public void Activity(SpanTotals session, TimeSpan utcOffset)
    {
        writer.Define(LocalActivity, FitProfile.Activity,
        [
            FitField.UInt32(253), FitField.UInt32(0), FitField.UInt16(1), FitField.Enum(2), FitField.Enum(3),
            FitField.Enum(4), FitField.UInt32(5),
        ]);
        var timestamp = FitTime.Seconds(session.End);
        writer.Begin(LocalActivity);
        writer.UInt32(timestamp);
        writer.UInt32(FitTime.Milliseconds(session.Timer));
        writer.UInt16(1);
        writer.Enum(FitProfile.ActivityTypeManual);
        writer.Enum(FitProfile.EventActivity);
        writer.Enum(FitProfile.EventTypeStop);
        writer.UInt32(checked((uint)(timestamp + (long)utcOffset.TotalSeconds)));
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
}
