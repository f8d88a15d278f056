namespace HealthSync.Tests.Intervals;

internal static class Eventually
{
    /// <summary>Waits (on the real clock, at most 5 s) until another thread makes <paramref name="condition"/> true.</summary>
    public static async Task TrueAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, bound.Token);
        }
    }
}
