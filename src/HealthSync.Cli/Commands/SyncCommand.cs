using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HealthSync.AppleHealth;
using HealthSync.Cli.Output;
using HealthSync.Intervals;
using HealthSync.State;
using HealthSync.Sync;
using HealthSync.Workouts;
using Spectre.Console;

namespace HealthSync.Cli.Commands;

/// <summary>`healthsync sync EXPORT` and `healthsync backfill EXPORT [--since DATE]`: one engine, two sides of the sync boundary.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context, SyncMode mode)
    {
        var common = new CommonOptions(context.Environment);
        var path = new Argument<string>("EXPORT") { Description = "export.zip, export.xml, or the extracted apple_health_export folder" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Change nothing: show each workout, what would happen and why" };
        var json = new Option<bool>("--json") { Description = "Print {\"uploaded\",\"skipped\",\"failed\",\"notSelected\",\"workouts\":[...]} to stdout" };
        var since = new Option<DateOnly?>("--since") { Description = "Only workouts that started on or after this local date (YYYY-MM-DD)", CustomParser = OptionValues.Date };
        var batchSize = new Option<int?>("--batch-size") { Hidden = true, CustomParser = OptionValues.WholeNumber(1, 10_000) }; // for tests: workouts per listing (default 50)
        var command = mode == SyncMode.New
            ? new Command("sync", "Upload new workouts (ended after sync was turned on) in the chosen sports that are not yet in Intervals.icu.")
            : new Command("backfill", "Upload older workouts (before sync was turned on) in batches within the rate limits.");
        command.Arguments.Add(path);
        command.Options.Add(dryRun);
        command.Options.Add(json);
        command.Options.Add(batchSize);
        if (mode == SyncMode.Backfill)
        {
            command.Options.Add(since);
        }

        common.AddStateTo(command);
        common.AddAccountTo(command);
        command.SetAction((parse, ct) => RunAsync(context, parse, common, mode, parse.GetRequiredValue(path), parse.GetValue(dryRun), parse.GetValue(json), mode == SyncMode.Backfill ? parse.GetValue(since) : null, parse.GetValue(batchSize), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, CommonOptions common, SyncMode mode, string path, bool dryRun, bool json, DateOnly? since, int? batchSize, CancellationToken cancellationToken)
    {
        var stateDir = common.ResolveStateDir(parse);
        var console = context.Console;
        var say = json ? (Action<string>)(m => context.Error.WriteLine(Markup.Remove(m))) : console.MarkupLine;
        var localZone = context.Time.LocalTimeZone;
        if (batchSize is < 1)
        {
            await context.Error.WriteLineAsync("error: --batch-size must be at least 1").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // The account first: a run that cannot go ahead leaves no state behind.
        IntervalsOptions? account;
        try
        {
            account = Account.Resolve(parse, common, stateDir);
            account?.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (account is null && !dryRun)
        {
            await context.Error.WriteLineAsync("error: no Intervals.icu account is connected. Run `healthsync login`, set INTERVALS_API_KEY, or pass --api-key (or try --dry-run).").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // A dry run changes nothing: with no state yet it works on an empty state in memory, and its requests are
        // counted against the budgets (read from the request log) but not recorded.
        using var state = dryRun && !File.Exists(Path.Combine(stateDir, SyncState.FileName)) ? SyncState.InMemory(context.Time) : SyncState.Open(stateDir, context.Time);
        if (account is not null)
        {
            account.RequestLedger = dryRun ? new ReadOnlyRequestLedger(state) : state;
        }

        var settings = SyncSettings.Load(state, localZone.Id);
        // Workouts this run will not send keep their summary only: the samples and routes of years of history
        // would otherwise all sit in memory at once. The boundary is the one the run will use (now, on a first sync).
        var selection = new SyncRequest
        {
            Mode = mode,
            Settings = settings,
            Boundary = (mode == SyncMode.New && settings.SyncOn is null ? null : settings.SyncSince) ?? context.Time.GetUtcNow(),
            Since = since,
        };
        var loaded = await ExportLoader.LoadAsync(
            context,
            path,
            showProgress: !json,
            workout => WorkoutSelection.WhyNot(workout, selection) is null ? workout : Summary(workout),
            cancellationToken,
            new ExportReaderOptions { ReadRoutes = true }).ConfigureAwait(false);
        if (loaded.Export is null)
        {
            return ExitCodes.BadInput;
        }

        using var export = loaded.Export;
        if (loaded.Fatal is { } fatal)
        {
            await context.Error.WriteLineAsync($"error: {fatal.Message} ({loaded.Workouts.Count} workout(s) were read before the break; nothing was synced)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var now = context.Time.GetUtcNow();
        var boundary = settings.SyncSince;
        if (mode == SyncMode.New && settings.SyncOn is null)
        {
            boundary = now;
            if (!dryRun)
            {
                SyncSettings.SetSync(state, on: true, now);
                settings = SyncSettings.Load(state, localZone.Id);
            }

            var older = loaded.Workouts.Count(w => w.End <= now && settings.Sports.Contains(w.Category));
            say(dryRun
                ? $"Sync is not on yet: a real run would turn it on now. {older} older workout(s) in the chosen sports could be brought in with [bold]healthsync backfill[/]."
                : $"Sync is now [green]on[/] (from {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}). {older} older workout(s) in the chosen sports can be brought in with [bold]healthsync backfill[/].");
        }

        if (account is null)
        {
            say("[yellow]No Intervals.icu account is connected:[/] duplicates in Intervals.icu were not checked; the plan comes from local state only.");
        }

        using var client = account is null ? null : new IntervalsClient(account, context.Time, common.Logger(parse, context));
        var request = new SyncRequest { Mode = mode, Settings = settings, Boundary = boundary ?? now, Since = since, DryRun = dryRun, BatchSize = batchSize ?? 50 };
        var report = await RunEngineAsync(context, state, client, loaded.Workouts, request, showProgress: !json && mode == SyncMode.Backfill, cancellationToken).ConfigureAwait(false);

        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(SyncDocument.From(report), CliJsonContext.Readable.SyncDocument)).ConfigureAwait(false);
        }
        else
        {
            WriteTable(console, report, dryRun);
        }

        switch (report.Stop)
        {
            case { Kind: SyncStopKind.CredentialsRefused } stop:
                await context.Error.WriteLineAsync($"stopped: {stop.Message} Run `healthsync login` with a valid key. No workout was marked failed.").ConfigureAwait(false);
                return ExitCodes.StoppedEarly;
            case { Kind: SyncStopKind.BudgetSpent } stop:
                var resume = stop.ResumeAt is { } at ? TimeZoneInfo.ConvertTime(at, localZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "later";
                await context.Error.WriteLineAsync($"stopped: the Intervals.icu request budget is spent. Resume at {resume} by running the same command again; it picks up where this run stopped.").ConfigureAwait(false);
                return ExitCodes.StoppedEarly;
        }

        return report.Count(SyncStatus.Failed) > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>A workout without its samples and route: what a run needs of one it will not send.</summary>
    private static Workout Summary(Workout workout) => workout with
    {
        HeartRate = workout.HeartRate is { } hr ? hr with { Samples = [] } : null,
        DistanceSamples = [],
        PowerSamples = [],
        CadenceSamples = [],
        SpeedSamples = [],
        Route = [],
    };

    private static async Task<SyncReport> RunEngineAsync(CliContext context, SyncState state, IntervalsClient? client, IReadOnlyList<Workout> workouts, SyncRequest request, bool showProgress, CancellationToken cancellationToken)
    {
        if (!showProgress)
        {
            return await new SyncEngine(state, client, context.Time).RunAsync(workouts, request, cancellationToken).ConfigureAwait(false);
        }

        if (!context.Console.Profile.Capabilities.Interactive)
        {
            // Through a pipe or into a log file: no bar, but one plain line per batch so a long backfill shows it is alive.
            var lines = new BatchProgressLines(context.Console, context.Time, request.BatchSize);
            var plain = new SyncEngine(state, client, context.Time) { Planned = lines.Planned, Progress = lines.Progress };
            return await plain.RunAsync(workouts, request, cancellationToken).ConfigureAwait(false);
        }

        return await context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(request.DryRun ? "Planning backfill" : "Backfilling", maxValue: 1);
                var engine = new SyncEngine(state, client, context.Time)
                {
                    Planned = total => task.MaxValue = Math.Max(1, total),
                    Progress = (done, _) => task.Value = done,
                };
                var report = await engine.RunAsync(workouts, request, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return report;
            }).ConfigureAwait(false);
    }

    /// <summary>"batch 3: 150 of 1,000 workouts done, about 12 min left": a line each time a batch's worth of workouts is done, and at the end.</summary>
    private sealed class BatchProgressLines(IAnsiConsole console, TimeProvider time, int batchSize)
    {
        private long started;
        private int batch;

        public void Planned(int total) => started = time.GetTimestamp();

        public void Progress(int done, int total)
        {
            if (done % batchSize != 0 && done != total)
            {
                return;
            }

            batch++;
            var text = string.Create(CultureInfo.InvariantCulture, $"batch {batch}: {done:N0} of {total:N0} workouts done");
            if (done < total)
            {
                var elapsed = time.GetElapsedTime(started);
                var left = TimeSpan.FromTicks((long)(elapsed.Ticks * ((double)(total - done) / done)));
                text += ", " + Left(left);
            }

            console.WriteLine(text);
        }

        private static string Left(TimeSpan left) => left switch
        {
            _ when left < TimeSpan.FromMinutes(1) => "less than a minute left",
            _ when left < TimeSpan.FromMinutes(90) => string.Create(CultureInfo.InvariantCulture, $"about {Math.Round(left.TotalMinutes):0} min left"),
            _ => string.Create(CultureInfo.InvariantCulture, $"about {(int)left.TotalHours} h {left.Minutes} min left"),
        };
    }

    private static void WriteTable(IAnsiConsole console, SyncReport report, bool dryRun)
    {
        var shown = report.Items.Where(i => dryRun || i.Status != SyncStatus.NotSelected).OrderBy(i => i.Workout.Start).ToList();
        if (shown.Count > 0)
        {
            var table = new Table().Border(TableBorder.None);
            // Workout ids are in --json and in history; the table keeps to what a person decides on.
            foreach (var header in new[] { "Start (UTC)", "Activity", "Outcome", "Why / Intervals.icu activity" })
            {
                table.AddColumn(new TableColumn(header).PadLeft(0).PadRight(1));
            }

            foreach (var item in shown)
            {
                var colour = item.Status switch { SyncStatus.Uploaded or SyncStatus.WouldUpload => "green", SyncStatus.Failed => "red", SyncStatus.Skipped => "yellow", _ => "grey" };
                table.AddRow(
                    item.Workout.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(SportCategories.ShortName(item.Workout.ActivityType)),
                    $"[{colour}]{SyncDocument.StatusText(item.Status)}[/]",
                    Markup.Escape(item.Reason ?? item.IntervalsActivityId ?? string.Empty));
            }

            console.Write(table);
        }

        var uploaded = dryRun ? $"{report.Count(SyncStatus.WouldUpload)} would upload" : $"{report.Count(SyncStatus.Uploaded)} uploaded";
        console.MarkupLine($"[bold]{uploaded}[/], {report.Count(SyncStatus.Skipped)} skipped, {report.Count(SyncStatus.Failed)} failed, {report.Count(SyncStatus.NotSelected)} not selected{(dryRun ? " (dry run: nothing was changed)" : string.Empty)}.");
    }
}
