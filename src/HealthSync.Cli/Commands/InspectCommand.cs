using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HealthSync.Cli.Output;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync inspect PATH [--json]`: shows the workouts of an export.</summary>
internal static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "export.zip, export.xml, the extracted apple_health_export folder, or a Health Auto Export .json" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object to stdout: {\"workouts\":[...],\"problems\":[...]}" };
        // For the server, which reads a multi-GB export through this (native, short-lived) program: not for people.
        var lines = new Option<bool>("--lines") { Description = "Print every workout, whole, as a line of JSON (the server reads exports through this)", Hidden = true };
        var command = new Command("inspect", "Show the workouts in an Apple Health export.") { path, json, lines };
        command.SetAction((parse, ct) => parse.GetValue(lines)
            ? LinesAsync(context, parse.GetRequiredValue(path), ct)
            : RunAsync(context, parse.GetRequiredValue(path), parse.GetValue(json), ct));
        return command;
    }

    /// <summary>`inspect --lines`: the workouts as workout lines on stdout (<see cref="WorkoutLines.WorkoutLineWriter"/>), routes and samples included.</summary>
    private static async Task<int> LinesAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        IWorkoutSource source;
        try
        {
            source = SourceOpener.Open(path, new AppleHealth.ExportReaderOptions { ReadRoutes = true });
        }
        catch (SourceReadException ex)
        {
            await WorkoutLines.WorkoutLineWriter.WriteUnreadableAsync(ex, context.Out, cancellationToken).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        using (source as IDisposable)
        {
            return await WorkoutLines.WorkoutLineWriter.WriteAsync(source, context.Out, cancellationToken).ConfigureAwait(false) switch
            {
                WorkoutLines.WorkoutLinesEnd.Whole => ExitCodes.Ok,
                WorkoutLines.WorkoutLinesEnd.Unreadable => ExitCodes.BadInput,
                _ => ExitCodes.SomeFailed,
            };
        }
    }

    private static async Task<int> RunAsync(CliContext context, string path, bool json, CancellationToken cancellationToken)
    {
        // Only the summary of each workout is kept: samples and routes of thousands of workouts need not stay in memory.
        var result = await ExportLoader.LoadAsync(context, path, showProgress: !json, Row.From, cancellationToken).ConfigureAwait(false);
        if (result.Export is null)
        {
            return ExitCodes.BadInput;
        }

        var export = result.Export;
        using var opened = export as IDisposable;
        var workouts = result.Workouts.OrderBy(w => w.Start).ToList();
        var problems = export.Problems.Select(p => new ProblemJson(p.Where, p.Reason)).ToList();

        // A damaged export (cut short, a workout or a route lost) exits 1 like a run with failures, after listing
        // what was read: only an input that cannot be opened at all is exit 2.
        var damaged = result.Fatal is not null || export.Problems.Any(p => p.IsDamage);
        if (result.Fatal is { } fatal)
        {
            problems.Add(new ProblemJson(fatal.Place is null ? fatal.File : $"{fatal.File}, {fatal.Place}", $"{fatal.Problem}; {workouts.Count} workout(s) were read before the break"));
        }

        if (json)
        {
            var document = new InspectDocument(workouts.Select(w => w.Json).ToList(), problems);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(document, CliJsonContext.Readable.InspectDocument)).ConfigureAwait(false);
        }
        else
        {
            WriteTable(context.Console, export.Name, workouts, problems);
        }

        if (result.Fatal is not null)
        {
            await context.Error.WriteLineAsync($"error: {result.Fatal.Message} ({workouts.Count} workout(s) were read before the break)").ConfigureAwait(false);
        }

        if (result.Fatal is not null && workouts.Count == 0)
        {
            return ExitCodes.BadInput; // nothing at all could be read: unreadable input, not a damaged export
        }

        return damaged ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    private static void WriteTable(IAnsiConsole console, string document, IReadOnlyList<Row> workouts, IReadOnlyList<ProblemJson> problems)
    {
        var table = new Table().Caption(Markup.Escape(document)).Border(TableBorder.None);
        foreach (var header in new[] { "Start (local)", "Activity", "Duration", "km", "kcal", "HR", "Route", "Laps" })
        {
            table.AddColumn(new TableColumn(header).NoWrap().PadLeft(0).PadRight(1));
        }

        foreach (var (w, _, localStart, name) in workouts)
        {
            table.AddRow(
                Markup.Escape(localStart),
                Markup.Escape(name),
                TimeSpan.FromSeconds(w.DurationSeconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
                w.DistanceMeters is { } d ? (d / 1000).ToString("0.00", CultureInfo.InvariantCulture) : "-",
                w.EnergyKilocalories is { } e ? e.ToString("0", CultureInfo.InvariantCulture) : "-",
                w.HeartRate?.Average is { } hr ? hr.ToString("0", CultureInfo.InvariantCulture) : "-",
                w.RoutePoints > 0 ? w.RoutePoints.ToString(CultureInfo.InvariantCulture) : "-",
                w.Laps > 0 ? w.Laps.ToString(CultureInfo.InvariantCulture) : "-");
        }

        console.Write(table);
        console.MarkupLine($"[bold]{workouts.Count}[/] workout(s), [bold]{problems.Count}[/] problem(s).");
        foreach (var problem in problems)
        {
            console.MarkupLine($"[yellow]problem[/] {Markup.Escape(problem.Where)}: {Markup.Escape(problem.Reason)}");
        }
    }

    /// <summary>What inspect keeps of a workout: its JSON summary, its start, the start in its own zone, and its name as a person reads it.</summary>
    private sealed record Row(WorkoutJson Json, DateTimeOffset Start, string LocalStart, string Name)
    {
        public static Row From(Workout w) => new(WorkoutJson.From(w), w.Start, LocalStartOf(w), SportTable.DisplayName(w));

        /// <summary>The start in the workout's own zone when it has one, else UTC.</summary>
        private static string LocalStartOf(Workout w) => WorkoutZone.HasOwn(w)
            ? WorkoutZone.Local(w.Start, w, TimeZoneInfo.Utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : w.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
