#!/usr/bin/env python3
"""Writes samples/export.zip: a small, synthetic Apple Health export (our own data, not a real person's).

Deterministic: the same bytes every run. Shaped like an iOS 17 export: v12 DTD, Records before Workouts,
WorkoutStatistics totals, duplicated metadata, GPX routes under workout-routes/, and a __MACOSX entry.
Run: python3 samples/make_sample.py
"""
import math, os, random, zipfile
from datetime import datetime, timedelta, timezone

random.seed(7)
EXPORT_OFFSET = timezone(timedelta(hours=1))  # the exporting phone's offset, as the export writes every date
DEVICE = "&lt;&lt;HKDevice: 0x3009a1c20&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch7,4, software:11.0&gt;"

def d(t):
    return t.astimezone(EXPORT_OFFSET).strftime("%Y-%m-%d %H:%M:%S %z")

records, workouts, routes = [], [], {}

def hr_series(start, end, base):
    t = start
    while t <= end:
        records.append(f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" sourceVersion="11.0" device="{DEVICE}" unit="count/min" creationDate="{d(t)}" startDate="{d(t)}" endDate="{d(t)}" value="{base + random.randint(-8, 12)}">\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="2"/>\n </Record>')
        t += timedelta(seconds=5)

def distance_series(start, end, kind, meters_per_min):
    t = start
    while t < end:
        records.append(f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="Apple Watch" sourceVersion="11.0" device="{DEVICE}" unit="km" creationDate="{d(t)}" startDate="{d(t)}" endDate="{d(t + timedelta(minutes=1))}" value="{meters_per_min / 1000:.4f}"/>')
        t += timedelta(minutes=1)

def route(name, start, end, lat, lon, speed):
    pts, t, heading = [], start, 0.0
    while t <= end:
        heading += random.uniform(-0.15, 0.15)
        lat += math.cos(heading) * speed / 111_000
        lon += math.sin(heading) * speed / (111_000 * math.cos(math.radians(lat)))
        pts.append(f'   <trkpt lon="{lon:.6f}" lat="{lat:.6f}"><ele>{420 + 15 * math.sin(len(pts) / 300):.3f}</ele><time>{t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}</time><extensions><speed>{speed:.3f}</speed><course>{math.degrees(heading) % 360:.1f}</course><hAcc>3.2</hAcc><vAcc>2.4</vAcc></extensions></trkpt>')
        t += timedelta(seconds=1)
    routes[name] = ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">\n <trk>\n  <name>Route</name>\n  <trkseg>\n'
                    + "\n".join(pts) + '\n  </trkseg>\n </trk>\n</gpx>\n')

def stat(type_, start, end, body):
    return f'  <WorkoutStatistics type="HKQuantityTypeIdentifier{type_}" startDate="{d(start)}" endDate="{d(end)}" {body}/>'

def workout(kind, start, minutes, zone, indoor, stats, children=(), route_name=None, extra_meta=()):
    end = start + timedelta(minutes=minutes)
    meta = [f'  <MetadataEntry key="HKIndoorWorkout" value="{1 if indoor else 0}"/>', f'  <MetadataEntry key="HKTimeZone" value="{zone}"/>', *extra_meta]
    body = [*meta, *children, *[stat(t, start, end, b) for t, b in stats]]
    if route_name:
        body.append(f'  <WorkoutRoute sourceName="Apple Watch" sourceVersion="11.0" creationDate="{d(end)}" startDate="{d(start)}" endDate="{d(end)}">\n   <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>\n   <FileReference path="/workout-routes/{route_name}"/>\n  </WorkoutRoute>')
    body += meta  # exports write the metadata block twice
    workouts.append(f' <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes}" durationUnit="min" sourceName="Apple Watch" sourceVersion="11.0" device="{DEVICE}" creationDate="{d(end)}" startDate="{d(start)}" endDate="{d(end)}">\n' + "\n".join(body) + '\n </Workout>')
    return end

zurich = timezone(timedelta(hours=2))
day = datetime(2026, 10, 3, 7, 30, tzinfo=zurich)

# 1. Morning walk with a route (walks & hikes: synced by default).
s = day; e = s + timedelta(minutes=42)
hr_series(s, e, 98); distance_series(s, e, "DistanceWalkingRunning", 85)
route("route_2026-10-03_8.12am.gpx", s, e, 47.3769, 8.5417, 1.4)
workout("Walking", s, 42, "Europe/Zurich", False, [("ActiveEnergyBurned", 'sum="187.4" unit="kcal"'), ("DistanceWalkingRunning", 'sum="3.57" unit="km"'), ("HeartRate", 'average="101.2" minimum="84" maximum="118" unit="count/min"')],
        [f'  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{d(s)}" duration="{1000 / 85:.4f}" durationUnit="min"/>'], "route_2026-10-03_8.12am.gpx", ['  <MetadataEntry key="HKElevationAscended" value="3800 cm"/>'])

# 2. Pool swim, 25 m pool, lengths with strokes.
s = day + timedelta(days=1, hours=10); t = s; lengths = []
for i in range(24):
    stroke = 2 if i < 16 else (4 if i < 22 else 3)
    dur = 0.55 + random.uniform(0, 0.15)
    lengths.append(f'  <WorkoutEvent type="HKWorkoutEventTypeLap" date="{d(t)}" duration="{dur:.4f}" durationUnit="min">\n   <MetadataEntry key="HKSwimmingStrokeStyle" value="{stroke}"/>\n  </WorkoutEvent>')
    t += timedelta(minutes=dur + (0.5 if i % 8 == 7 else 0.05))
minutes = (t - s).total_seconds() / 60 + 1
hr_series(s, s + timedelta(minutes=minutes), 122)
workout("Swimming", s, round(minutes, 3), "Europe/Zurich", True, [("ActiveEnergyBurned", 'sum="241.8" unit="kcal"'), ("DistanceSwimming", 'sum="600" unit="m"'), ("HeartRate", 'average="124.0" minimum="96" maximum="149" unit="count/min"')],
        lengths, None, ['  <MetadataEntry key="HKLapLength" value="25 m"/>', '  <MetadataEntry key="HKSwimmingLocationType" value="1"/>'])

# 3. Strength session with a pause.
s = day + timedelta(days=2, hours=11); e = s + timedelta(minutes=50)
hr_series(s, e, 112)
workout("TraditionalStrengthTraining", s, 45, "Europe/Zurich", True, [("ActiveEnergyBurned", 'sum="263.0" unit="kcal"'), ("HeartRate", 'average="113.5" minimum="88" maximum="151" unit="count/min"')],
        [f'  <WorkoutEvent type="HKWorkoutEventTypePause" date="{d(s + timedelta(minutes=20))}"/>', f'  <WorkoutEvent type="HKWorkoutEventTypeResume" date="{d(s + timedelta(minutes=25))}"/>'])

# 4. Yoga in the evening, in New York.
s = datetime(2026, 10, 7, 18, 30, tzinfo=timezone(timedelta(hours=-4)))
hr_series(s, s + timedelta(minutes=35), 84)
workout("Yoga", s, 35, "America/New_York", True, [("ActiveEnergyBurned", 'sum="96.5" unit="kcal"'), ("HeartRate", 'average="86.1" minimum="70" maximum="104" unit="count/min"')])

# 5. A run (Running is off by default: Garmin and Strava usually deliver those).
s = day + timedelta(days=6, hours=-1); e = s + timedelta(minutes=36)
hr_series(s, e, 150); distance_series(s, e, "DistanceWalkingRunning", 185)
route("route_2026-10-09_6.30am.gpx", s, e, 47.3600, 8.5300, 3.1)
workout("Running", s, 36, "Europe/Zurich", False, [("ActiveEnergyBurned", 'sum="402.2" unit="kcal"'), ("DistanceWalkingRunning", 'sum="6.66" unit="km"'), ("HeartRate", 'average="151.7" minimum="118" maximum="171" unit="count/min"')],
        (), "route_2026-10-09_6.30am.gpx")

# 6. A casual ride (Cycling is off by default).
s = day + timedelta(days=7, hours=8); e = s + timedelta(minutes=55)
hr_series(s, e, 128); distance_series(s, e, "DistanceCycling", 380)
route("route_2026-10-10_4.30pm.gpx", s, e, 47.3900, 8.5100, 6.3)
workout("Cycling", s, 55, "Europe/Zurich", False, [("ActiveEnergyBurned", 'sum="455.0" unit="kcal"'), ("DistanceCycling", 'sum="20.9" unit="km"'), ("HeartRate", 'average="129.3" minimum="101" maximum="162" unit="count/min"')],
        (), "route_2026-10-10_4.30pm.gpx")

# 7. HIIT (Other).
s = day + timedelta(days=9, hours=10); e = s + timedelta(minutes=24)
hr_series(s, e, 145)
workout("HighIntensityIntervalTraining", s, 24, "Europe/Zurich", True, [("ActiveEnergyBurned", 'sum="288.7" unit="kcal"'), ("HeartRate", 'average="146.9" minimum="102" maximum="178" unit="count/min"')])

prologue = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
  <!-- HealthKit Export Version: 12 -->
  <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|VisionPrescription)*)>
  <!ATTLIST HealthData
    locale CDATA #REQUIRED
  >
  <!ATTLIST VisionPrescription
    type CDATA #REQUIRED
  <!ELEMENT RightEye EMPTY>
]>
<HealthData locale="en_CH">
 <ExportDate value="2026-10-20 09:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
'''
xml = prologue + "\n".join(records) + "\n" + "\n".join(workouts) + "\n</HealthData>\n"
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "export.zip")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    def add(name, data):
        info = zipfile.ZipInfo(name, date_time=(2026, 10, 20, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
    add("apple_health_export/export.xml", xml)
    for name, gpx in routes.items():
        add("apple_health_export/workout-routes/" + name, gpx)
    add("__MACOSX/apple_health_export/._export.xml", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
print(f"wrote {out}: {len(workouts)} workouts, {len(records)} records, {len(routes)} routes, {os.path.getsize(out)} bytes")
