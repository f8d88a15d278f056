using System.Globalization;
using System.Text.Json.Nodes;

namespace IntervalsStandIn;

/// <summary>The athlete's activities as JSON objects (so Strava stubs keep only their few fields), and upload hashes.</summary>
public sealed class ActivityStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> byId = [];
    private readonly Dictionary<string, string> idByHash = [];
    private int nextId = 1000;

    public IReadOnlyList<JsonObject> All
    {
        get
        {
            lock (gate)
            {
                return [.. byId.Values.Select(a => (JsonObject)a.DeepClone())];
            }
        }
    }

    /// <summary>Adds activities as given (seeding); an activity without an id gets one.</summary>
    public void Seed(JsonArray activities, string athleteId)
    {
        lock (gate)
        {
            foreach (var node in activities.OfType<JsonObject>())
            {
                var activity = (JsonObject)node.DeepClone();
                activity["id"] ??= NewId();
                activity["icu_athlete_id"] ??= athleteId;
                byId[activity["id"]!.ToString()] = activity;
            }
        }
    }

    /// <summary>The activity already made from these bytes, or a new one from <paramref name="create"/>.</summary>
    public (string Id, bool Created) Upload(string sha256, Func<string, JsonObject> create)
    {
        lock (gate)
        {
            if (idByHash.TryGetValue(sha256, out var existing) && byId.ContainsKey(existing))
            {
                return (existing, false);
            }

            var id = NewId();
            byId[id] = create(id);
            idByHash[sha256] = id;
            return (id, true);
        }
    }

    public JsonObject? Get(string id)
    {
        lock (gate)
        {
            return byId.TryGetValue(id, out var a) ? (JsonObject)a.DeepClone() : null;
        }
    }

    /// <summary>Applies the given fields (all but id) and returns the activity; null when there is none.</summary>
    public JsonObject? Update(string id, JsonObject changes)
    {
        lock (gate)
        {
            if (!byId.TryGetValue(id, out var activity))
            {
                return null;
            }

            foreach (var (key, value) in changes)
            {
                if (key is not ("id" or "icu_athlete_id" or "source"))
                {
                    activity[key] = value?.DeepClone();
                }
            }

            return (JsonObject)activity.DeepClone();
        }
    }

    public bool Delete(string id)
    {
        lock (gate)
        {
            return byId.Remove(id);
        }
    }

    /// <summary>Activities whose start_date_local lies in [oldest, newest], newest first.</summary>
    public IReadOnlyList<JsonObject> List(DateTime oldest, DateTime newest)
    {
        lock (gate)
        {
            return [.. byId.Values
                .Select(a => (Activity: a, Start: StartLocal(a)))
                .Where(x => x.Start is { } s && s >= oldest && s <= newest)
                .OrderByDescending(x => x.Start)
                .Select(x => (JsonObject)x.Activity.DeepClone())];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            byId.Clear();
            idByHash.Clear();
        }
    }

    private static DateTime? StartLocal(JsonObject activity) =>
        DateTime.TryParse(activity["start_date_local"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : null;

    private string NewId() => "i" + (++nextId).ToString(CultureInfo.InvariantCulture);
}
