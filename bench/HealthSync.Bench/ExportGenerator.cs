using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace HealthSync.Bench;

/// <summary>
/// Writes a realistic export.zip of about the requested XML size: the v12 DTD, Records of many types all day long
/// (heart rate every few seconds during workouts), then Workouts of many kinds with statistics, events and GPX routes.
/// Deterministic for a given seed.
/// </summary>
internal sealed class ExportGenerator
{
    private const string Device = "&lt;&lt;HKDevice: 0x28215c9b0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1&gt;";
    private const string PhoneDevice = "&lt;&lt;HKDevice: 0x2821a4e60&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,3, software:17.1&gt;";

    private static readonly string[] Kinds = ["Walking", "Running", "Cycling", "TraditionalStrengthTraining", "Swimming", "Yoga", "Hiking", "HighIntensityIntervalTraining", "FunctionalStrengthTraining", "Elliptical"];
    private static readonly TimeSpan Offset = TimeSpan.FromHours(1);

    private readonly Random _random;
    private readonly long _targetBytes;
    private readonly List<PlannedWorkout> _workouts = [];

    public ExportGenerator(long targetBytes, int seed)
    {
        _targetBytes = targetBytes;
        _random = new Random(seed);
    }

    private sealed record PlannedWorkout(string Kind, DateTimeOffset Start, DateTimeOffset End, bool HasRoute, int Index);

    /// <summary>Writes the zip; returns (XML bytes, workouts, records).</summary>
    public (long XmlBytes, int Workouts, long Records) Write(string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        long records;
        long xmlBytes;
        var entry = zip.CreateEntry("apple_health_export/export.xml", CompressionLevel.Fastest);
        using (var counting = new CountingStream(entry.Open()))
        {
            using (var writer = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16))
            {
                writer.Write(Prologue);
                records = WriteRecords(writer, counting);
                foreach (var workout in _workouts)
                {
                    WriteWorkout(writer, workout);
                }

                writer.Write("</HealthData>\n");
            }

            xmlBytes = counting.Written;
        }

        foreach (var workout in _workouts.Where(w => w.HasRoute))
        {
            var route = zip.CreateEntry($"apple_health_export/workout-routes/route_{workout.Index}.gpx", CompressionLevel.Fastest);
            using var writer = new StreamWriter(route.Open(), new UTF8Encoding(false), 1 << 16);
            WriteGpx(writer, workout);
        }

        return (xmlBytes, _workouts.Count, records);
    }

    private long WriteRecords(StreamWriter writer, CountingStream counting)
    {
        long count = 0;
        var day = new DateTimeOffset(2021, 1, 1, 0, 0, 0, Offset);
        while (counting.Written + writer.Encoding.GetMaxByteCount(0) < _targetBytes * 97 / 100)
        {
            // About one workout a day, at a random hour.
            var kind = Kinds[_random.Next(Kinds.Length)];
            var start = day.AddHours(6 + _random.Next(12)).AddMinutes(_random.Next(60));
            var end = start.AddMinutes(25 + _random.Next(70));
            // About one workout in five has a route, as in the real export the reference describes (584 of 2,917).
            var outdoor = kind is "Walking" or "Running" or "Cycling" or "Hiking" && _random.Next(2) == 0;
            var workout = new PlannedWorkout(kind, start, end, outdoor, _workouts.Count);
            _workouts.Add(workout);

            // All-day series: heart rate every ~5 min, steps and distance every ~10 min, energy every minute.
            for (var t = day; t < day.AddDays(1); t = t.AddMinutes(1))
            {
                var minute = (int)(t - day).TotalMinutes;
                if (t >= start && t < end)
                {
                    for (var s = 0; s < 60; s += 5)
                    {
                        WriteRecord(writer, "HeartRate", "Apple Watch", Device, "count/min", t.AddSeconds(s), t.AddSeconds(s), 110 + _random.Next(50), motion: true);
                        count++;
                    }
                }
                else if (minute % 5 == 0)
                {
                    WriteRecord(writer, "HeartRate", "Apple Watch", Device, "count/min", t, t, 55 + _random.Next(30), motion: true);
                    count++;
                }

                WriteRecord(writer, "ActiveEnergyBurned", "Apple Watch", Device, "kcal", t, t.AddMinutes(1), _random.NextDouble() * 3, motion: false);
                count++;
                if (minute % 2 == 0)
                {
                    WriteRecord(writer, "BasalEnergyBurned", "Apple Watch", Device, "kcal", t, t.AddMinutes(2), 2 + _random.NextDouble(), motion: false);
                    count++;
                }

                if (minute % 10 == 0)
                {
                    WriteRecord(writer, "StepCount", "Simon’s iPhone", PhoneDevice, "count", t, t.AddMinutes(10), _random.Next(1500), motion: false);
                    WriteRecord(writer, "DistanceWalkingRunning", "Apple Watch", Device, "km", t, t.AddMinutes(10), _random.NextDouble(), motion: false);
                    WriteRecord(writer, "DistanceWalkingRunning", "Simon’s iPhone", PhoneDevice, "km", t, t.AddMinutes(10), _random.NextDouble(), motion: false);
                    count += 3;
                }
            }

            writer.Write(FormattableString.Invariant($" <ActivitySummary dateComponents=\"{day:yyyy-MM-dd}\" activeEnergyBurned=\"{_random.Next(300, 900)}\" activeEnergyBurnedGoal=\"600\" activeEnergyBurnedUnit=\"kcal\" appleExerciseTime=\"{_random.Next(10, 90)}\" appleExerciseTimeGoal=\"30\" appleStandHours=\"{_random.Next(6, 14)}\" appleStandHoursGoal=\"12\"/>\n"));
            day = day.AddDays(1);
        }

        return count;
    }

    private static void WriteRecord(StreamWriter w, string type, string source, string device, string unit, DateTimeOffset start, DateTimeOffset end, double value, bool motion)
    {
        w.Write(" <Record type=\"HKQuantityTypeIdentifier");
        w.Write(type);
        w.Write("\" sourceName=\"");
        w.Write(source);
        w.Write("\" sourceVersion=\"10.1\" device=\"");
        w.Write(device);
        w.Write("\" unit=\"");
        w.Write(unit);
        w.Write("\" creationDate=\"");
        Date(w, end.AddSeconds(30));
        w.Write("\" startDate=\"");
        Date(w, start);
        w.Write("\" endDate=\"");
        Date(w, end);
        w.Write("\" value=\"");
        w.Write(value.ToString("0.###", CultureInfo.InvariantCulture));
        if (motion)
        {
            w.Write("\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"0\"/>\n </Record>\n");
        }
        else
        {
            w.Write("\"/>\n");
        }
    }

    private static void Date(StreamWriter w, DateTimeOffset t) => w.Write(t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(23, 1));

    private void WriteWorkout(StreamWriter w, PlannedWorkout p)
    {
        var minutes = (p.End - p.Start).TotalMinutes;
        w.Write(FormattableString.Invariant($" <Workout workoutActivityType=\"HKWorkoutActivityType{p.Kind}\" duration=\"{minutes}\" durationUnit=\"min\" sourceName=\"Apple Watch\" sourceVersion=\"10.1\" device=\"{Device}\" creationDate=\""));
        Date(w, p.End);
        w.Write("\" startDate=\"");
        Date(w, p.Start);
        w.Write("\" endDate=\"");
        Date(w, p.End);
        w.Write("\">\n");
        for (var copy = 0; copy < 2; copy++)
        {
            w.Write("  <MetadataEntry key=\"HKIndoorWorkout\" value=\"" + (p.HasRoute ? "0" : "1") + "\"/>\n  <MetadataEntry key=\"HKTimeZone\" value=\"Europe/Paris\"/>\n  <MetadataEntry key=\"HKElevationAscended\" value=\"4200 cm\"/>\n");
            if (copy == 0)
            {
                for (var lap = p.Start; lap < p.End; lap = lap.AddMinutes(10))
                {
                    w.Write("  <WorkoutEvent type=\"HKWorkoutEventTypeSegment\" date=\"");
                    Date(w, lap);
                    w.Write("\" duration=\"10\" durationUnit=\"min\"/>\n");
                }

                WriteStatistic(w, p, "ActiveEnergyBurned", $"sum=\"{minutes * 8:0.##}\" unit=\"kcal\"");
                WriteStatistic(w, p, "HeartRate", $"average=\"{130 + _random.Next(20)}\" minimum=\"95\" maximum=\"{165 + _random.Next(20)}\" unit=\"count/min\"");
                if (p.HasRoute)
                {
                    WriteStatistic(w, p, "DistanceWalkingRunning", $"sum=\"{minutes * 0.15:0.###}\" unit=\"km\"");
                    w.Write(FormattableString.Invariant($"  <WorkoutRoute sourceName=\"Apple Watch\" sourceVersion=\"10.1\">\n   <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"2\"/>\n   <FileReference path=\"/workout-routes/route_{p.Index}.gpx\"/>\n  </WorkoutRoute>\n"));
                }
            }
        }

        w.Write(" </Workout>\n");
    }

    private static void WriteStatistic(StreamWriter w, PlannedWorkout p, string type, FormattableString values)
    {
        w.Write("  <WorkoutStatistics type=\"HKQuantityTypeIdentifier" + type + "\" startDate=\"");
        Date(w, p.Start);
        w.Write("\" endDate=\"");
        Date(w, p.End);
        w.Write("\" " + FormattableString.Invariant(values) + "/>\n");
    }

    private void WriteGpx(StreamWriter w, PlannedWorkout p)
    {
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Apple Health Export\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n <trk>\n  <trkseg>\n");
        double lat = 48.85 + (_random.NextDouble() / 10), lon = 2.35 + (_random.NextDouble() / 10);
        for (var t = p.Start; t < p.End; t = t.AddSeconds(1))
        {
            lat += (_random.NextDouble() - 0.5) * 1e-4;
            lon += (_random.NextDouble() - 0.5) * 1e-4;
            w.Write(FormattableString.Invariant($"   <trkpt lon=\"{lon:0.000000}\" lat=\"{lat:0.000000}\"><ele>{35 + _random.NextDouble():0.000}</ele><time>{t.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</time><extensions><speed>2.8</speed><course>90</course><hAcc>3.5</hAcc><vAcc>2.1</vAcc></extensions></trkpt>\n"));
        }

        w.Write("  </trkseg>\n </trk>\n</gpx>\n");
    }

    private const string Prologue = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE HealthData [
          <!-- HealthKit Export Version: 12 -->
          <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|VisionPrescription)*)>
          <!ATTLIST HealthData
            locale CDATA #REQUIRED
          >
          <!ELEMENT ExportDate EMPTY>
          <!ATTLIST ExportDate
            value CDATA #REQUIRED
          >
          <!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
          <!ATTLIST Record
            type          CDATA #REQUIRED
            unit          CDATA #IMPLIED
            value         CDATA #IMPLIED
            sourceName    CDATA #REQUIRED
            sourceVersion CDATA #IMPLIED
            device        CDATA #IMPLIED
            creationDate  CDATA #IMPLIED
            startDate     CDATA #REQUIRED
            endDate       CDATA #REQUIRED
          >
          <!ATTLIST VisionPrescription
            type CDATA #REQUIRED
            dateIssued CDATA #REQUIRED
          <!ELEMENT RightEye EMPTY>
        ]>
        <HealthData locale="en_US">
         <ExportDate value="2024-01-01 09:00:00 +0100"/>
         <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-05-05" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>

        """;

    /// <summary>Counts the bytes written through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
