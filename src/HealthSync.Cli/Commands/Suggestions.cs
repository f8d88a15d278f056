namespace HealthSync.Cli.Commands;

/// <summary>"did you mean 'sync'?": the nearest of a few known words to what was typed.</summary>
internal static class Suggestions
{
    /// <summary>The nearest candidate, or null when none is close enough to be a typo of it.</summary>
    /// <remarks>
    /// A candidate's parts and its start count too, so "yogga" finds "yoga-mobility" and "swim" finds "swimming".
    /// Close enough: at most one edit in four letters (at least one, at most three).
    /// </remarks>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        var word = typed.Trim().ToLowerInvariant();
        if (word.Length == 0)
        {
            return null;
        }

        var allowed = Math.Clamp(word.Length / 4, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    private static int Distance(string word, string candidate)
    {
        var forms = candidate.ToLowerInvariant().Split('-').Prepend(candidate.ToLowerInvariant());
        var whole = forms.Min(form => Levenshtein(word, form));
        // "swimm" against "swimming": its start, cut to the typed length, one longer for a typed extra letter.
        var start = candidate.Length > word.Length ? Levenshtein(word, candidate[..word.Length].ToLowerInvariant()) : int.MaxValue;
        return Math.Min(whole, word.Length >= 3 ? start : int.MaxValue);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
