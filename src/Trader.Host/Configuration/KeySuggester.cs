namespace Trader.Host.Configuration;

/// <summary>"Did you mean …": the closest valid key by Levenshtein distance, when it is close enough to be a typo.</summary>
internal static class KeySuggester
{
    public static string? Closest(string unknown, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(unknown.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= Math.Max(3, unknown.Length / 2) ? best : null;
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The suffix of an "unknown key" message: a suggestion, or the list of valid keys when none is close.</summary>
    public static string Hint(string unknown, IReadOnlyCollection<string> validKeys)
    {
        if (validKeys.Count == 0)
            return "this section takes no keys";
        var closest = Closest(unknown, validKeys);
        return closest is not null
            ? $"did you mean '{closest}'?"
            : "valid keys: " + string.Join(", ", validKeys.Order(StringComparer.Ordinal));
    }
}
