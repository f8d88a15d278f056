using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HealthSync.Workouts;

namespace HealthSync.Tests.Server;

/// <summary>
/// A stand-in for the Health Auto Export reader, which another branch writes at the same time: it reads only
/// <c>data.workouts[].{type, start, end}</c> (type as the HKWorkoutActivityType suffix, instants in ISO 8601). The
/// server takes its parser as a dependency, so these tests exercise the receiver, the storage and the worker; once
/// the real reader is merged, they switch to real HAE documents.
/// </summary>
internal sealed class TestPushSource(Stream stream, string name) : IWorkoutSource
{
    private readonly List<SourceProblem> _problems = [];

    public string Kind => "health-auto-export";

    public string Name => name;

    public long TotalBytes => stream.Length;

    public long BytesRead => stream.Position;

    public IReadOnlyList<SourceProblem> Problems => _problems;

    public static IWorkoutSource Parse(Stream stream, string name) => new TestPushSource(stream, name);

    /// <summary>A document of these workouts, in the shape the test reader reads.</summary>
    public static string Document(params (string Type, DateTimeOffset Start, int Minutes)[] workouts) =>
        JsonSerializer.Serialize(new
        {
            data = new
            {
                workouts = workouts.Select(w => new
                {
                    type = w.Type,
                    start = w.Start.ToString("O", CultureInfo.InvariantCulture),
                    end = w.Start.AddMinutes(w.Minutes).ToString("O", CultureInfo.InvariantCulture),
                }),
            },
        });

    public async IAsyncEnumerable<Workout> ReadWorkoutsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var index = 0;
        foreach (var item in document.RootElement.GetProperty("data").GetProperty("workouts").EnumerateArray())
        {
            index++;
            if (!item.TryGetProperty("type", out var type) || !item.TryGetProperty("start", out var startText) || !item.TryGetProperty("end", out var endText))
            {
                _problems.Add(new SourceProblem($"{name}, workout {index}", "no type, start or end"));
                continue;
            }

            var activity = "HKWorkoutActivityType" + type.GetString();
            var start = DateTimeOffset.Parse(startText.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime();
            var end = DateTimeOffset.Parse(endText.GetString()!, CultureInfo.InvariantCulture).ToUniversalTime();
            yield return new Workout
            {
                Id = WorkoutId.Create(activity, start, end),
                ActivityType = activity,
                Start = start,
                End = end,
                Duration = end - start,
                TimeZoneId = "Europe/Paris",
                Source = "Health Auto Export test",
            };
        }
    }
}
