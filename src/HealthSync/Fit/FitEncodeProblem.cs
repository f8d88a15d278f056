using System.Globalization;
using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>Why a workout cannot become a FIT file: a stable code for programs and a sentence for people.</summary>
/// <param name="Code">Stable across versions: <see cref="EmptyWorkout"/> or <see cref="BeforeFitEpoch"/>.</param>
/// <param name="Message">One sentence naming the workout and what is wrong with it.</param>
public sealed record FitEncodeProblem(string Code, string Message)
{
    /// <summary>The workout lasts no time: it ends at or before its start, or its timer ran under a second.</summary>
    public const string EmptyWorkout = "empty-workout";

    /// <summary>The workout starts before FIT's epoch (1989-12-31), which FIT timestamps cannot express.</summary>
    public const string BeforeFitEpoch = "before-fit-epoch";

    // Records fall on whole seconds: under one second of timer time the file has at most one second of activity,
    // and Intervals.icu refuses a 0 s file (on every run, since the workout never changes).
    private static readonly TimeSpan MinimumTimer = TimeSpan.FromSeconds(1);

    internal static FitEncodeProblem? Of(Workout workout)
    {
        if (workout.End <= workout.Start)
        {
            return new FitEncodeProblem(EmptyWorkout, Format(
                $"Workout {workout.Id} lasts no time (starts {workout.Start:O}, ends {workout.End:O}): there is nothing to upload."));
        }

        var timer = SpanTotals.TimerTime(workout, workout.Start, workout.End);
        if (timer < MinimumTimer)
        {
            return new FitEncodeProblem(EmptyWorkout, Format(
                $"Workout {workout.Id} has {timer.TotalSeconds:0.###} s of active time in {workout.Elapsed.TotalSeconds:0.###} s (paused throughout): there is nothing to upload."));
        }

        return workout.Start < FitTime.Epoch
            ? new FitEncodeProblem(BeforeFitEpoch, $"Workout {workout.Id} starts before FIT's 1989-12-31 epoch.")
            : null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
