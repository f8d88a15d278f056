using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>One lap as written: its span and, when it is an interval part, that part's own totals.</summary>
internal sealed record LapSpan(DateTimeOffset Start, DateTimeOffset End, WorkoutPart? Part);
