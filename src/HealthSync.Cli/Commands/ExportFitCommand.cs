using System.CommandLine;
using HealthSync.AppleHealth;
using HealthSync.Fit;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync export-fit PATH --out DIR [--no-routes] [--time-zone ZONE]`: writes one FIT activity file per workout.</summary>
/// <remarks>
/// Each file is written to a temporary name in DIR and moved over `&lt;workout id&gt;.fit`, so an interrupted
/// run never leaves a half-written file under a final name. Workouts without a time zone (HKTimeZone) get
/// `--time-zone`, by default the machine's, as the sync's time-zone setting does: with the same zone the files are
/// byte for byte what the sync uploads.
/// </remarks>
internal static class ExportFitCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "export.zip, export.xml, or the extracted apple_health_export folder" };
        var output = new Option<string>("--out") { Description = "Folder to write <workout id>.fit files to (created if missing)", Required = true };
        var noRoutes = new Option<bool>("--no-routes") { Description = "Leave GPS positions out of the files" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA zone for workouts without HKTimeZone, e.g. Europe/Paris (default: the machine's, as the sync's time-zone setting)" };
        var command = new Command("export-fit", "Write a FIT activity file for every workout in an Apple Health export.") { path, output, noRoutes, timeZone };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetRequiredValue(path), parse.GetRequiredValue(output), parse.GetValue(noRoutes), parse.GetValue(timeZone), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, string outDirectory, bool noRoutes, string? timeZoneId, CancellationToken cancellationToken)
    {
        var zone = context.Time.LocalTimeZone;
        if (timeZoneId is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out zone))
        {
            await context.Error.WriteLineAsync($"error: --time-zone {timeZoneId}: not a time zone this machine knows (use an IANA id such as Europe/Paris)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var readerOptions = new ExportReaderOptions { ReadRoutes = !noRoutes };
        var options = FitEncodeOptions.Default with { IncludeRoute = !noRoutes, FallbackTimeZone = zone };
        try
        {
            // Checked before reading a multi-GB export, not after.
            Directory.CreateDirectory(outDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await context.Error.WriteLineAsync($"error: --out {outDirectory}: cannot create the folder ({ex.Message})").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // Each workout is written as soon as it is read, so its samples and route need not stay in memory.
        var result = await ExportLoader.LoadAsync(context, path, showProgress: true, workout => Write(workout, outDirectory, options), cancellationToken, readerOptions).ConfigureAwait(false);
        if (result.Export is null)
        {
            return ExitCodes.BadInput;
        }

        var export = result.Export;
        using var opened = export as IDisposable;
        var written = result.Workouts.Where(o => o.File is not null).Select(o => o.File!).ToList();
        var failed = result.Workouts.Where(o => o.Failure is not null).Select(o => (o.Id, o.Failure!)).ToList();
        Report(context.Console, outDirectory, written, failed, export.Problems);
        if (result.Fatal is { } fatal)
        {
            await context.Error.WriteLineAsync($"error: {fatal.Message} ({result.Workouts.Count} workout(s) were read before the break)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return failed.Count > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>What became of one workout: the file written, or why not.</summary>
    private sealed record Outcome(string Id, string? File, string? Failure);

    private static Outcome Write(Workout workout, string directory, FitEncodeOptions options)
    {
        try
        {
            return new Outcome(workout.Id, WriteAtomically(workout, directory, options), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or OverflowException)
        {
            return new Outcome(workout.Id, null, ex.Message);
        }
    }

    /// <summary>Encodes first, then writes a temporary file beside the target and moves it into place.</summary>
    internal static string WriteAtomically(Workout workout, string directory, FitEncodeOptions options)
    {
        var bytes = FitActivityEncoder.Encode(workout, options);
        var target = Path.Combine(directory, workout.Id + ".fit");
        var temporary = Path.Combine(directory, $".{workout.Id}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return target;
    }

    private static void Report(IAnsiConsole console, string directory, List<string> written, List<(string Id, string Reason)> failed, IReadOnlyList<SourceProblem> problems)
    {
        foreach (var file in written)
        {
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(file)}");
        }

        foreach (var (id, reason) in failed)
        {
            console.MarkupLine($"[red]could not write[/] {Markup.Escape(id)}.fit: {Markup.Escape(reason)}");
        }

        foreach (var problem in problems)
        {
            console.MarkupLine($"[yellow]problem[/] {Markup.Escape(problem.Where)}: {Markup.Escape(problem.Reason)}");
        }

        console.MarkupLine($"[bold]{written.Count}[/] file(s) written to {Markup.Escape(directory)}, [bold]{failed.Count}[/] failed, [bold]{problems.Count}[/] read problem(s).");
    }
}
