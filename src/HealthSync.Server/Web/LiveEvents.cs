using System.Text.Json;
using HealthSync.Server.Work;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>The pages' server-sent events: the worker's job line at each change, until the client leaves or the page's own end.</summary>
internal static class LiveEvents
{
    /// <summary>
    /// Streams the job line (and <paramref name="summary"/>) at every change of the worker; when <paramref name="ended"/>
    /// says so, sends <c>event: ready</c> and stops (the page then reloads). The line is sent again at least every
    /// 30 s, which keeps proxies from closing an idle stream. The stream ends when the server starts to stop: Kestrel's
    /// stop waits for open requests, and a page left open would otherwise hold it for the whole shutdown grace (which
    /// is the job in flight's, not a page's). The browser's EventSource reconnects by itself to the next server.
    /// </summary>
    public static async Task StreamAsync(HttpContext context, SyncJobs jobs, ServerOptions options, Func<string?> summary, Func<bool>? ended = null)
    {
        context.Response.ContentType = "text/event-stream";
        var abort = context.RequestAborted;
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var open = CancellationTokenSource.CreateLinkedTokenSource(abort, stopping);
        while (!open.IsCancellationRequested)
        {
            var changed = jobs.Changed;
            if (ended?.Invoke() == true)
            {
                await context.Response.WriteAsync("event: ready\ndata: {}\n\n", abort).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(abort).ConfigureAwait(false);
                return;
            }

            var job = jobs.Current;
            var message = JsonSerializer.Serialize(new LiveStatus(JobLine(job), job?.Done ?? 0, job?.Total ?? 0, summary()), StatusJson.Default.LiveStatus);
            await context.Response.WriteAsync($"data: {message}\n\n", abort).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(abort).ConfigureAwait(false);
            // The tick's timer is cancelled at each change: a run reports often, and the timers would pile up.
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(open.Token);
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(30), options.Time, tick.Token)).ConfigureAwait(false);
            await tick.CancelAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>One live update of a page: the job line, its progress, and the last run's summary.</summary>
internal sealed record LiveStatus(
    [property: System.Text.Json.Serialization.JsonPropertyName("line")] string Line,
    [property: System.Text.Json.Serialization.JsonPropertyName("done")] long Done,
    [property: System.Text.Json.Serialization.JsonPropertyName("total")] long Total,
    [property: System.Text.Json.Serialization.JsonPropertyName("last")] string? Last);

[System.Text.Json.Serialization.JsonSerializable(typeof(LiveStatus))]
internal sealed partial class StatusJson : System.Text.Json.Serialization.JsonSerializerContext;
