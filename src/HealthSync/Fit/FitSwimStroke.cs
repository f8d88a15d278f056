using HealthSync.Workouts;

namespace HealthSync.Fit;

/// <summary>HKSwimmingStrokeStyle to FIT's swim_stroke enum (freestyle 0, backstroke 1, breaststroke 2, butterfly 3, drill 4, mixed 5).</summary>
internal static class FitSwimStroke
{
    public static byte? Of(SwimStroke stroke) => stroke switch
    {
        SwimStroke.Freestyle => 0,
        SwimStroke.Backstroke => 1,
        SwimStroke.Breaststroke => 2,
        SwimStroke.Butterfly => 3,
        SwimStroke.Kickboard => 4, // kick sets are drills in FIT's vocabulary
        SwimStroke.Mixed => 5,
        _ => null,
    };
}
