using System.Text;
using HealthSync.Server.Work;
using HealthSync.Sync;
using HealthSync.Workouts;
using static HealthSync.Server.Web.Html;

namespace HealthSync.Server.Web;

/// <summary>Settings: sync on/off, the seven sports with their defaults, Include GPS routes, the time zone.</summary>
internal static class SettingsPage
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/settings", (HttpContext context, ServerStateHandle handle, ServerOptions options) =>
            Render(context, SyncSettings.Load(handle.State, options.MachineZone.Id), context.Request.Query.ContainsKey("saved") ? "Saved." : null, null));
        pages.MapPost("/settings", SaveAsync).Guarded();
    }

    private static async Task<IResult> SaveAsync(HttpContext context, ServerStateHandle handle, ServerOptions options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var state = handle.State;
        var zone = form["time-zone"].ToString().Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return Render(context, SyncSettings.Load(state, options.MachineZone.Id), null, $"\"{zone}\" is not a time zone this machine knows; use a name such as Europe/Paris.");
        }

        // A box shown unticked because sync was never set (no account yet) and left so is no choice: connecting the
        // account turns sync on. Unticking a box shown ticked turns it off.
        if (form["sync"] == "on" || form["sync-shown"] != "unset")
        {
            SyncSettings.SetSync(state, form["sync"] == "on", options.Time.GetUtcNow());
        }

        foreach (var category in SportCategories.All)
        {
            SyncSettings.SetSport(state, category, form["sport-" + category.ToId()] == "on");
        }

        state.SetSetting(SyncSettings.GpsRoutesKey, form["gps-routes"] == "on" ? "on" : "off");
        if (zone != SyncSettings.Load(state, options.MachineZone.Id).TimeZoneId)
        {
            SyncSettings.SetTimeZone(state, zone); // with its origin, so `healthsync settings` says the user chose it
        }

        return Results.Redirect("/settings?saved=1");
    }

    private static IResult Render(HttpContext context, SyncSettings settings, string? notice, string? error)
    {
        var sports = new StringBuilder();
        foreach (var category in SportCategories.All)
        {
            var id = "sport-" + category.ToId();
            var isDefault = SportCategories.IsOnByDefault(category) ? "on by default" : SportCategories.DefaultOffReason(category);
            sports.Append($"<label><input type=\"checkbox\" name=\"{E(id)}\" value=\"on\"{Checked(settings.Sports.Contains(category))}> {E(category.DisplayName())} <span class=\"note\">({E(isDefault)})</span></label>");
        }

        return Page(context, "Settings", $"""
            {Notice(notice)}{Notice(error, error: true)}
            {Form(context, "/settings", $"""
                <fieldset><legend>Sync</legend>
                <input type="hidden" name="sync-shown" value="{settings.SyncOn switch { true => "on", false => "off", _ => "unset" }}">
                <label><input type="checkbox" name="sync" value="on"{Checked(settings.SyncOn == true)}> Sync workouts to Intervals.icu</label>
                <p class="note">{(settings.SyncOn is null ? "Sync turns on when you connect your Intervals.icu account. " : string.Empty)}Turning sync on counts from that moment: older workouts come in with a backfill.</p></fieldset>
                <fieldset><legend>Sports to sync</legend>{sports}</fieldset>
                <fieldset><legend>Routes</legend>
                <label><input type="checkbox" name="gps-routes" value="on"{Checked(settings.GpsRoutes)}> Include GPS routes <span class="note">(outdoor workouts only)</span></label></fieldset>
                <label>Time zone for workouts that carry none<input type="text" name="time-zone" value="{E(settings.TimeZoneId)}" required></label>
                <button>Save</button>
                """)}
            """);
    }

    private static string Checked(bool on) => on ? " checked" : string.Empty;
}
