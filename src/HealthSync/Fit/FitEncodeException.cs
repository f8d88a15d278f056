namespace HealthSync.Fit;

/// <summary>Thrown by <see cref="FitActivityEncoder.Encode(HealthSync.Workouts.Workout, FitEncodeOptions?)"/> for a workout <see cref="FitActivityEncoder.Check"/> refuses.</summary>
/// <remarks>An <see cref="ArgumentException"/> (the workout is the bad argument), so callers that caught those still do.</remarks>
public sealed class FitEncodeException : ArgumentException
{
    /// <summary>An exception carrying the problem <see cref="FitActivityEncoder.Check"/> found.</summary>
    public FitEncodeException(FitEncodeProblem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).Message, "workout")
    {
        Problem = problem;
    }

    /// <summary>The code and sentence, as <see cref="FitActivityEncoder.Check"/> returns them.</summary>
    public FitEncodeProblem Problem { get; }
}
