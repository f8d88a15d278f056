using HealthSync.Intervals;
using HealthSync.Server.Work;
using HealthSync.Hosting;
using HealthSync.Sync;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>Account: the Intervals.icu API key (checked with one request when saved, never shown again in full), the athlete.</summary>
internal static class AccountPage
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/account", (HttpContext context, ServerAccount account) =>
            Render(context, account.Stored(), context.Request.Query.ContainsKey("saved") ? "Saved: the key works." : null, null, null));
        pages.MapPost("/account", SaveAsync).Guarded();
    }

    private static async Task<IResult> SaveAsync(HttpContext context, ServerAccount account, ServerOptions options, ServerStateHandle handle, SyncJobs jobs)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var key = form["api-key"].ToString().Trim();
        var athlete = form["athlete"].ToString().Trim() is { Length: > 0 } a ? a : "0";
        var baseUrl = form["base-url"].ToString().Trim() is { Length: > 0 } u ? u : ServiceAddress.Default;
        var stored = account.Stored();
        var typed = new Typed(athlete, baseUrl); // what the form shows again when something is wrong
        if (key.Length == 0)
        {
            return Render(context, stored, null, "Paste your API key (Intervals.icu → Settings → Developer Settings).", typed);
        }

        // The command line's rule, from the core: the key is not even tried against an address it must not go to.
        if (!ServiceAddress.TryParse(baseUrl, out _, out var why))
        {
            return Render(context, stored, null, $"The service URL {why}. Nothing was saved.", typed, StatusCodes.Status400BadRequest);
        }

        var candidate = new StoredCredentials(key, null, athlete, baseUrl == ServiceAddress.Default ? null : baseUrl);
        var intervals = account.From(candidate)!;
        if (await CheckAsync(intervals, options.Time, context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            return Render(context, stored, null, refused + " Nothing was saved.", typed);
        }

        CredentialsFile.Write(options.StateDirectory, candidate);
        SyncSettings.TurnOnAtConnection(handle.State, options.Time.GetUtcNow());
        jobs.ProcessDocuments(); // pushed documents may have waited for an account
        return Results.Redirect("/account?saved=1");
    }

    /// <summary>One cheap request with the new key: null when it works, else why not in words.</summary>
    private static async Task<string?> CheckAsync(IntervalsOptions intervals, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            intervals.MaxRetries = 1;
            using var client = new IntervalsClient(intervals, time);
            var day = time.GetUtcNow().UtcDateTime.Date;
            await client.ListActivitiesAsync(day, day.AddSeconds(1), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (IntervalsAuthenticationException)
        {
            return "Intervals.icu refused this key (or it is not the athlete's).";
        }
        catch (IntervalsException ex)
        {
            return "Intervals.icu could not be asked: " + ex.Message;
        }
    }

    private static IResult Render(HttpContext context, StoredCredentials? stored, string? notice, string? error, Typed? typed, int status = StatusCodes.Status200OK)
    {
        var current = stored switch
        {
            { BaseUrl: { } refused } when !ServiceAddress.TryParse(refused, out _, out var why) =>
                $"The saved account is not used: its service URL {why}. Save the account again.",
            { ApiKey: { Length: > 4 } key } => $"An API key ending in …{key[^4..]} is saved, for athlete {stored.AthleteId ?? "0"}" + (stored.BaseUrl is { } u ? $" at {u}" : string.Empty) + ".",
            { ApiKey: { Length: > 0 } } or { AccessToken: { Length: > 0 } } => "A key is saved.",
            _ => "No Intervals.icu account is connected yet: pushed workouts wait until one is.",
        };
        return Page(context, "Account", $"""
            {Notice(notice)}{Notice(error, error: true)}
            <p>{E(current)}</p>
            {Form(context, "/account", $"""
                <label>Intervals.icu API key <span class="note">(Settings → Developer Settings; checked with one request, then never shown again)</span>
                <input type="password" name="api-key" autocomplete="off" required></label>
                <label>Athlete id <span class="note">(0: the key's own athlete)</span><input type="text" name="athlete" value="{E(typed?.Athlete ?? stored?.AthleteId ?? "0")}"></label>
                <label>Service URL <span class="note">(https; plain http only to this machine)</span><input type="url" name="base-url" value="{E(typed?.BaseUrl ?? stored?.BaseUrl ?? ServiceAddress.Default)}"></label>
                <button>Check and save</button>
                """)}
            <p><a href="/password">Web password and sessions</a>: change the password, sign out everywhere.</p>
            """, status: status);
    }

    /// <summary>The athlete and service URL as the user typed them, shown again with the error so nothing is typed twice (never the key).</summary>
    private sealed record Typed(string Athlete, string BaseUrl);
}
