namespace Barometer.Publishing.Results;

/// <summary>
/// Which response counts of a wave's strata and groups the public may not see. The total number of respondents is
/// published, and the strata, the codes of each group variable, and the strata sharing the first part of their code
/// (the stratum's group under the design, <c>plan</c>'s "group") each add up to a published total, so hiding only the
/// cells under the minimum would let anyone recover one by subtraction. Primary suppression hides every cell with
/// fewer respondents than the minimum (or no one sampled); complementary suppression then hides, in every such set
/// where exactly one cell is hidden or the hidden cells hold fewer respondents together than the minimum, the shown
/// cell with the fewest respondents, until no set is left like that. The gross sample sizes stay public: they are the
/// design, not answers.
/// </summary>
public static class ResponseSuppression
{
    /// <summary>
    /// For each cell (variable null for a stratum), <see cref="PublishedResponse.PrimarySuppression"/>,
    /// <see cref="PublishedResponse.ComplementarySuppression"/>, or null when its response may be shown.
    /// </summary>
    public static string?[] Hide(IReadOnlyList<(string? Variable, string Code, long Sampled, long Responded)> cells, int minRespondents)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var hidden = cells.Select(c => c.Responded < minRespondents || c.Sampled == 0 ? PublishedResponse.PrimarySuppression : null).ToArray();
        var sets = cells.Select((c, i) => (c, i))
            .GroupBy(x => x.c.Variable ?? "")
            .SelectMany(g => g.Key.Length == 0
                ? new[] { g.Select(x => x.i).ToArray() }.Concat(g.GroupBy(x => x.c.Code.Split('-')[0], StringComparer.Ordinal).Where(s => s.Count() < g.Count()).Select(s => s.Select(x => x.i).ToArray()))
                : [g.Select(x => x.i).ToArray()])
            .Where(set => set.Length >= 2)
            .ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var set in sets)
            {
                var hiddenCells = set.Where(i => hidden[i] is not null).ToList();
                if (hiddenCells.Count == 0 || (hiddenCells.Count >= 2 && hiddenCells.Sum(i => cells[i].Responded) >= minRespondents))
                {
                    continue;
                }

                var next = set.Where(i => hidden[i] is null).OrderBy(i => cells[i].Responded).ThenBy(i => cells[i].Code, StringComparer.Ordinal).Cast<int?>().FirstOrDefault();
                if (next is { } j)
                {
                    hidden[j] = PublishedResponse.ComplementarySuppression;
                    changed = true;
                }
            }
        }
        while (changed);
        return hidden;
    }
}
