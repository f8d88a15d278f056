using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Encodes one workout as a FIT activity file; the same workout and options always give the same bytes.</summary>
/// <remarks>
/// Message order follows Garmin's "summary last" cookbook: file_id, device_info, timer start, records
/// interleaved with the pause events, lengths (pool swims), timer stop_all, laps, session, activity; a multisport
/// workout has a lap and a session per leg (see <see cref="MultisportLegs"/>) before the one activity.
/// Nothing here reads the clock, the machine's time zone or a random source.
/// </remarks>
public static class FitActivityEncoder
{
    /// <summary>
    /// Why the workout cannot become a file (code <c>empty-workout</c>: it lasts no time or was paused throughout;
    /// <c>before-fit-epoch</c>), or null when it can. A caller checks first and records the problem once, instead of
    /// failing on every run with a file the service refuses.
    /// </summary>
    public static FitEncodeProblem? Check(Workout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return FitEncodeProblem.Of(workout);
    }

    /// <summary>The file as a byte array.</summary>
    /// <exception cref="FitEncodeException">The workout has a problem <see cref="Check"/> reports.</exception>
    public static byte[] Encode(Workout workout, FitEncodeOptions? options = null)
    {
        if (Check(workout) is { } problem)
        {
            throw new FitEncodeException(problem);
        }

        options ??= FitEncodeOptions.Default;
        var sport = SportMappings.For(workout);
        var records = RecordSeries.Build(workout, options.IncludeRoute);
        var laps = LapTiling.Tile(workout);
        var session = ActivityTotals.Session(workout, records);
        var lengths = sport.FitSubSport == SportMappings.PoolSwimSubSport
            ? workout.SwimLengths.Where(l => l.End >= l.Start).OrderBy(l => l.Start).ToList()
            : [];
        var pool = sport.FitSubSport == SportMappings.PoolSwimSubSport ? PoolLength.Of(workout) : null;
        var lengthsPerLap = lengths.Count > 0 ? LapTiling.AssignLengths(laps, lengths) : [];
        var lapTotals = ActivityTotals.Laps(workout, laps, session, records, lengthsPerLap, pool?.Meters);

        var messages = new ActivityMessages(new FitWriter(64 + (records.Points.Count * 30)));
        messages.FileId(workout);
        messages.DeviceInfo(workout);
        messages.Event(workout.Start, FitProfile.EventTypeStart);
        messages.RecordsAndPauses(workout, records);
        if (MultisportLegs.Of(workout) is { } legs)
        {
            messages.Event(workout.End, FitProfile.EventTypeStopAll);
            WriteLegs(messages, workout, legs, session);
            messages.Activity(session, LocalOffset(workout, options), legs.Count);
            return messages.Finish();
        }

        messages.Lengths(lengths, pool?.Meters);
        messages.Event(workout.End, FitProfile.EventTypeStopAll);
        messages.Laps(lapTotals, lengthsPerLap, sport);
        messages.Session(session, sport, laps.Count, lengths.Count, pool);
        messages.Activity(session, LocalOffset(workout, options));
        return messages.Finish();
    }

    /// <summary>
    /// A multisport activity: per leg one lap and one session in the leg's sport (transitions between), which
    /// Intervals.icu splits into one activity per sport. Pool lengths are not written per leg (a triathlon swims open water).
    /// </summary>
    private static void WriteLegs(ActivityMessages messages, Workout workout, IReadOnlyList<MultisportLeg> legs, SpanTotals session)
    {
        var totals = ActivityTotals.Legs(workout, legs, session);
        for (var i = 0; i < legs.Count; i++)
        {
            messages.Lap(i, totals[i], last: true, legs[i].Sport, null);
            messages.Session(new ActivityMessages.SessionIndex(i, i, 1, Last: i == legs.Count - 1), totals[i], legs[i].Sport, 0, null);
        }
    }

    /// <summary>Writes the file to a stream.</summary>
    public static void Encode(Workout workout, Stream destination, FitEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Encode(workout, options));
    }

    /// <summary>The workout zone's UTC offset at its start; the fallback zone when the id is missing or unknown here.</summary>
    internal static TimeSpan LocalOffset(Workout workout, FitEncodeOptions options) =>
        WorkoutZone.Of(workout, options.FallbackTimeZone).GetUtcOffset(workout.Start);
}
