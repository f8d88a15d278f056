using System.Collections.Frozen;
using System.Text;
using HealthSync.Workouts;

namespace HealthSync.HealthAutoExport;

/// <summary>What a phone's activity name means: the HKWorkoutActivityType, the place it implies, and the language it was in.</summary>
/// <param name="ActivityType">Full constant name, e.g. "HKWorkoutActivityTypeWalking".</param>
/// <param name="Place">Indoor, outdoor, pool or open water when the name says so.</param>
/// <param name="Language">"en", "fr", "de", or "user" for a user mapping.</param>
public sealed record ActivityNameMatch(string ActivityType, WorkoutPlace Place, string Language);

/// <summary>Maps a localized activity name to its type, with accents, case, underscores and spacing folded; never guesses.</summary>
public sealed class ActivityNameMatcher
{
    /// <summary>The built-in tables only.</summary>
    public static ActivityNameMatcher Default { get; } = new(FrozenDictionary<string, string>.Empty);

    private static readonly FrozenDictionary<string, ActivityNameMatch> BuiltIn = BuildBuiltIn();

    private static readonly (string Folded, WorkoutPlace Place)[] Places =
        [.. ActivityNames.PlaceWords.Select(p => (Fold(p.Word), p.Place)).OrderByDescending(p => p.Item1.Length)];

    private static readonly FrozenDictionary<string, string> WordLanguage = BuildWordLanguages();

    private readonly FrozenDictionary<string, ActivityNameMatch> _user;

    /// <summary>Built-in tables plus the user's own names (name → activity type, "Running" or "HKWorkoutActivityTypeRunning"), which win.</summary>
    /// <exception cref="ArgumentException">A mapping names a type the sport table does not know.</exception>
    public ActivityNameMatcher(IReadOnlyDictionary<string, string> userNames)
    {
        ArgumentNullException.ThrowIfNull(userNames);
        var user = new Dictionary<string, ActivityNameMatch>(StringComparer.Ordinal);
        foreach (var (name, type) in userNames)
        {
            var shortName = SportCategories.ShortName(type.Trim());
            if (!SportTable.Rows.Any(r => r.Name == shortName))
            {
                throw new ArgumentException($"the activity name \"{name}\" is mapped to \"{type}\", which is not an HKWorkoutActivityType", nameof(userNames));
            }

            user[Fold(name)] = new ActivityNameMatch(SportCategories.ActivityTypePrefix + shortName, WorkoutPlace.Unspecified, "user");
        }

        _user = user.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The type a name means, or null when no table (nor the user) knows it.</summary>
    public ActivityNameMatch? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var folded = Fold(name);
        if (Lookup(folded) is { } match)
        {
            return match;
        }

        // "Extérieur Course", "Outdoor_Ausführen", "Course intérieur": a place word and a known activity.
        foreach (var (word, place) in Places)
        {
            string? rest = folded.StartsWith(word + " ", StringComparison.Ordinal) ? folded[(word.Length + 1)..]
                : folded.EndsWith(" " + word, StringComparison.Ordinal) ? folded[..^(word.Length + 1)]
                : null;
            if (rest is not null && Lookup(rest) is { } inner)
            {
                return inner with { Place = inner.Place == WorkoutPlace.Unspecified ? place : inner.Place };
            }
        }

        return null;
    }

    /// <summary>The place a `location` field names ("Outdoor", "Intérieur", "Im Becken"), or Unspecified.</summary>
    public static WorkoutPlace PlaceOf(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return WorkoutPlace.Unspecified;
        }

        var folded = Fold(location);
        foreach (var (word, place) in Places)
        {
            if (folded == word)
            {
                return place;
            }
        }

        return WorkoutPlace.Unspecified;
    }

    /// <summary>The language an unknown name is probably in, from words only one table uses; null when nothing tells.</summary>
    public static string? GuessLanguage(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var votes = Fold(name).Split(' ').Select(w => WordLanguage.GetValueOrDefault(w)).OfType<string>()
            .GroupBy(l => l).OrderByDescending(g => g.Count()).ToList();
        return votes.Count > 0 && (votes.Count == 1 || votes[0].Count() > votes[1].Count()) ? votes[0].Key : null;
    }

    /// <summary>Lower case, accents removed (é → e, ß → ss, œ → oe), '_' and '-' as spaces, spaces collapsed.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            // Combining marks (a name written decomposed, "e" + U+0301) are dropped like precomposed accents.
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '_' or '-' or '\u202F' or '\u00A0')
            {
                space = folded.Length > 0;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(FoldChar(char.ToLowerInvariant(c)));
        }

        return folded.ToString();
    }

    private ActivityNameMatch? Lookup(string folded) =>
        _user.TryGetValue(folded, out var user) ? user : BuiltIn.GetValueOrDefault(folded);

    // InvariantGlobalization is on, so string.Normalize cannot be relied on: the letters of French and German by hand.
    private static string FoldChar(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' => "a",
        'ç' => "c",
        'è' or 'é' or 'ê' or 'ë' => "e",
        'ì' or 'í' or 'î' or 'ï' => "i",
        'ñ' => "n",
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' => "o",
        'ù' or 'ú' or 'û' or 'ü' => "u",
        'ý' or 'ÿ' => "y",
        'ß' => "ss",
        'œ' => "oe",
        'æ' => "ae",
        '’' => "'",
        _ => c.ToString(),
    };

    private static FrozenDictionary<string, ActivityNameMatch> BuildBuiltIn()
    {
        var all = new Dictionary<string, ActivityNameMatch>(StringComparer.Ordinal);
        foreach (var (language, names) in ActivityNames.Tables)
        {
            foreach (var entry in names)
            {
                // First table wins for a name two languages share ("Yoga", "Pilates"): same type either way.
                all.TryAdd(Fold(entry.Name), new ActivityNameMatch(SportCategories.ActivityTypePrefix + entry.ActivityType, entry.Place, language));
            }
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> BuildWordLanguages()
    {
        var words = ActivityNames.Tables
            .SelectMany(t => t.Names.Select(n => (t.Language, n.Name)))
            .Concat(ActivityNames.PlaceWords.Select(p => (p.Language, Name: p.Word)))
            .SelectMany(p => Fold(p.Name).Split(' ').Where(w => w.Length > 2).Select(w => (Word: w, p.Language)))
            .GroupBy(p => p.Word)
            .Where(g => g.Select(p => p.Language).Distinct().Count() == 1);
        return words.ToFrozenDictionary(g => g.Key, g => g.First().Language, StringComparer.Ordinal);
    }
}
