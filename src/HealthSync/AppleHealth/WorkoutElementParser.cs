using System.Xml;
using HealthSync.Workouts;

namespace HealthSync.AppleHealth;

/// <summary>Reads one Workout element (cut out by <see cref="HealthDataScanner"/>) into a <see cref="WorkoutDraft"/>.</summary>
/// <remarks>
/// WorkoutActivity children are interval or multisport parts: their statistics and events are per-part copies of
/// the workout's own, so they become <see cref="WorkoutPart"/>s and are never added to the workout's totals.
/// </remarks>
internal static class WorkoutElementParser
{
    /// <summary>Longer than any workout (multi-day events included); bounds nonsense like "1e300".</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private static readonly XmlReaderSettings Settings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Ignore,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        XmlResolver = null,
    };

    /// <summary>Parses the element; throws <see cref="FormatException"/> naming the attribute when a required value is unreadable.</summary>
    public static WorkoutDraft Parse(byte[] xml)
    {
        using var stream = new MemoryStream(xml, writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Workout")
        {
            throw new FormatException("expected a Workout element");
        }

        var activityType = reader.GetAttribute("workoutActivityType");
        if (string.IsNullOrWhiteSpace(activityType))
        {
            throw new FormatException("workoutActivityType is missing");
        }

        var start = RequiredDate(reader, "startDate");
        var end = RequiredDate(reader, "endDate");
        if (end < start)
        {
            throw new FormatException($"endDate {reader.GetAttribute("endDate")} is before startDate {reader.GetAttribute("startDate")}");
        }

        var draft = new WorkoutDraft
        {
            ActivityType = activityType.Trim(),
            Start = start,
            End = end,
            Duration = Duration(reader, "duration", "durationUnit") ?? (end - start),
            Source = reader.GetAttribute("sourceName")?.Trim() ?? string.Empty,
            SourceVersion = reader.GetAttribute("sourceVersion"),
            DeviceDescription = reader.GetAttribute("device"),
        };
        draft.TotalDistanceMeters = OptionalQuantity(reader, draft, "totalDistance", "totalDistanceUnit", static unit => Units.MetersPer(unit));
        draft.TotalEnergyKilocalories = OptionalQuantity(reader, draft, "totalEnergyBurned", "totalEnergyBurnedUnit", static unit => Units.KilocaloriesPer(unit));

        if (reader.IsEmptyElement)
        {
            return draft;
        }

        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "MetadataEntry":
                    AddMetadata(draft.Metadata, reader);
                    break;
                case "WorkoutEvent":
                    draft.Events.Add(ReadEvent(reader, draft));
                    break;
                case "WorkoutStatistics":
                    if (ReadStatistic(reader, draft) is { } statistic)
                    {
                        draft.Statistics.Add(statistic);
                    }

                    break;
                case "WorkoutActivity":
                    draft.Parts.Add(ReadPart(reader, draft));
                    break;
                case "WorkoutRoute":
                    ReadRoute(reader, draft);
                    break;
            }
        }

        return draft;
    }

    /// <summary>
    /// What can still be read of a Workout element that <see cref="Parse"/> rejected: its identifying attributes,
    /// each on its own, straight from the start tag's bytes (the element may not even be well-formed XML).
    /// </summary>
    public static UnreadableWorkout ReadLeniently(byte[] xml)
    {
        var tag = StartTagOf(xml);
        var type = Text(tag, "workoutActivityType="u8)?.Trim();
        return new UnreadableWorkout(
            string.IsNullOrEmpty(type) ? null : type,
            HealthDate.TryParse(Text(tag, "startDate="u8), out var start) ? start : null,
            HealthDate.TryParse(Text(tag, "endDate="u8), out var end) ? end : null,
            Text(tag, "sourceName="u8)?.Trim());

        static string? Text(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> nameEquals)
        {
            var cursor = 0;
            var value = StartTag.Attribute(tag, nameEquals, ref cursor);
            if (value.IsEmpty)
            {
                return null;
            }

            var text = System.Text.Encoding.UTF8.GetString(value);
            return text.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;
        }
    }

    /// <summary>The start tag: up to the first '&gt;' outside quotes, so that a child's attributes are never taken for the workout's.</summary>
    private static ReadOnlySpan<byte> StartTagOf(ReadOnlySpan<byte> xml)
    {
        byte quote = 0;
        for (var i = 0; i < xml.Length; i++)
        {
            var b = xml[i];
            if (quote != 0)
            {
                quote = b == quote ? (byte)0 : quote;
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == '>')
            {
                return xml[..i];
            }
        }

        return xml;
    }

    private static void AddMetadata(Dictionary<string, string> metadata, XmlReader reader)
    {
        var key = reader.GetAttribute("key");
        if (key is not null)
        {
            metadata.TryAdd(key, reader.GetAttribute("value") ?? string.Empty);
        }
    }

    private static WorkoutEventEntry ReadEvent(XmlReader reader, WorkoutDraft draft)
    {
        var type = reader.GetAttribute("type") ?? string.Empty;
        var date = RequiredDate(reader, "date");
        var duration = Duration(reader, "duration", "durationUnit") ?? TimeSpan.Zero;
        SwimStroke? stroke = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "MetadataEntry" && reader.GetAttribute("key") == "HKSwimmingStrokeStyle")
                {
                    var value = reader.GetAttribute("value");
                    if (int.TryParse(value, out var style) && Enum.IsDefined((SwimStroke)style))
                    {
                        stroke = (SwimStroke)style;
                    }
                    else
                    {
                        draft.Warnings.Add($"stroke style \"{value}\" of the event at {reader.GetAttribute("date")} is not a known stroke; recorded as unknown");
                        stroke = SwimStroke.Unknown;
                    }
                }
            }
        }

        return new WorkoutEventEntry(type, date, duration, stroke);
    }

    private static WorkoutStatistic? ReadStatistic(XmlReader reader, WorkoutDraft draft)
    {
        var type = reader.GetAttribute("type") ?? string.Empty;
        var unit = reader.GetAttribute("unit") ?? string.Empty;
        double? factor = type switch
        {
            _ when type.StartsWith("HKQuantityTypeIdentifierDistance", StringComparison.Ordinal) => Units.MetersPer(unit),
            "HKQuantityTypeIdentifierActiveEnergyBurned" or "HKQuantityTypeIdentifierBasalEnergyBurned" => Units.KilocaloriesPer(unit),
            "HKQuantityTypeIdentifierHeartRate" => unit is "count/min" ? 1 : null,
            _ => 1, // kept as written; only the types above feed totals
        };
        if (factor is null)
        {
            draft.Warnings.Add($"statistic {type} has unit \"{unit}\", which is not understood; ignored");
            return null;
        }

        var sum = Number(reader, draft, "sum", type);
        var average = Number(reader, draft, "average", type);
        var maximum = Number(reader, draft, "maximum", type);
        return new WorkoutStatistic(type, sum * factor, average * factor, maximum * factor);
    }

    private static WorkoutPart ReadPart(XmlReader reader, WorkoutDraft draft)
    {
        var start = RequiredDate(reader, "startDate");
        var end = RequiredDate(reader, "endDate");
        var duration = Duration(reader, "duration", "durationUnit") ?? (end - start);
        var declaredType = reader.GetAttribute("workoutActivityType");
        var statistics = new List<WorkoutStatistic>();
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "WorkoutStatistics" && ReadStatistic(reader, draft) is { } statistic)
                {
                    statistics.Add(statistic);
                }
            }
        }

        var heartRate = statistics.Find(s => s.Type == "HKQuantityTypeIdentifierHeartRate");
        var distance = statistics.Find(s => s.Type.StartsWith("HKQuantityTypeIdentifierDistance", StringComparison.Ordinal));
        return new WorkoutPart(
            start,
            end,
            duration,
            distance?.Sum,
            statistics.Find(s => s.Type == "HKQuantityTypeIdentifierActiveEnergyBurned")?.Sum,
            heartRate?.Average,
            heartRate?.Maximum,
            declaredType is { Length: > 0 } ? declaredType : PartType(distance?.Type));
    }

    /// <summary>
    /// Exports write no type on a WorkoutActivity (see apple-health-export.md), but a multisport part's distance
    /// statistic names its sport: swimming, cycling, or walking/running (taken as running, a triathlon's leg).
    /// </summary>
    private static string? PartType(string? distanceType) => distanceType switch
    {
        "HKQuantityTypeIdentifierDistanceSwimming" => "HKWorkoutActivityTypeSwimming",
        "HKQuantityTypeIdentifierDistanceCycling" => "HKWorkoutActivityTypeCycling",
        "HKQuantityTypeIdentifierDistanceWalkingRunning" => "HKWorkoutActivityTypeRunning",
        _ => null,
    };

    private static void ReadRoute(XmlReader reader, WorkoutDraft draft)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "FileReference" && reader.GetAttribute("path") is { Length: > 0 } path)
            {
                draft.RouteFiles.Add(path);
            }
            else if (reader.LocalName == "Location")
            {
                // Exports before iOS 13 hold the route inline.
                var date = reader.GetAttribute("date");
                if (HealthDate.TryParse(date, out var time)
                    && Units.TryParseNumber(reader.GetAttribute("latitude"), out var latitude)
                    && Units.TryParseNumber(reader.GetAttribute("longitude"), out var longitude))
                {
                    draft.InlineRoute.Add(new RoutePoint(
                        time, latitude, longitude, OptionalNumber(reader, "altitude"), NonNegative(OptionalNumber(reader, "speed")),
                        NonNegative(OptionalNumber(reader, "course")), OptionalNumber(reader, "horizontalAccuracy")));
                }
                else
                {
                    draft.Warnings.Add($"a route Location at \"{date}\" has no readable date or position; skipped");
                }
            }
        }
    }

    private static DateTimeOffset RequiredDate(XmlReader reader, string attribute)
    {
        var text = reader.GetAttribute(attribute);
        return HealthDate.TryParse(text, out var instant)
            ? instant
            : throw new FormatException(text is null ? $"{attribute} is missing" : $"{attribute} \"{text}\" is not a date (expected yyyy-MM-dd HH:mm:ss +hhmm)");
    }

    private static TimeSpan? Duration(XmlReader reader, string attribute, string unitAttribute)
    {
        var text = reader.GetAttribute(attribute);
        if (text is null)
        {
            return null;
        }

        var unit = reader.GetAttribute(unitAttribute) ?? "min";
        return Units.TryParseNumber(text, out var number) && Units.SecondsPer(unit) is { } factor && number >= 0 && number * factor <= MaxDuration.TotalSeconds
            ? TimeSpan.FromSeconds(number * factor)
            : throw new FormatException($"{attribute} \"{text}\" {unit} is not a duration (0 to {MaxDuration.TotalDays:0} days)");
    }

    private static double? OptionalQuantity(XmlReader reader, WorkoutDraft draft, string attribute, string unitAttribute, Func<string, double?> factorOf)
    {
        var text = reader.GetAttribute(attribute);
        if (text is null)
        {
            return null;
        }

        var unit = reader.GetAttribute(unitAttribute) ?? string.Empty;
        if (Units.TryParseNumber(text, out var number) && factorOf(unit) is { } factor)
        {
            return number * factor;
        }

        draft.Warnings.Add($"{attribute} \"{text}\" {unit} is not a number in a known unit; ignored");
        return null;
    }

    private static double? Number(XmlReader reader, WorkoutDraft draft, string attribute, string type)
    {
        var text = reader.GetAttribute(attribute);
        if (text is null)
        {
            return null;
        }

        if (Units.TryParseNumber(text, out var number))
        {
            return number;
        }

        draft.Warnings.Add($"statistic {type} {attribute} \"{text}\" is not a number; ignored");
        return null;
    }

    private static double? OptionalNumber(XmlReader reader, string attribute) =>
        Units.TryParseNumber(reader.GetAttribute(attribute), out var number) ? number : null;

    // Core Location writes -1 for an unknown speed or course.
    private static double? NonNegative(double? value) => value is >= 0 ? value : null;
}
