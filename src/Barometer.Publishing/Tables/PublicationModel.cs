using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Results;
using Barometer.Publishing.Texts;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Tables;

/// <summary>
/// Every PxWeb table and codelist of one public view (docs/api.md): a table <c>{indicator}</c> for each indicator with
/// released results and a table <c>{indicator}.{breakdown}</c> for each of its catalogue breakdowns, and the survey's
/// response rates (<see cref="ResponseRateTable"/>, <c>responsrate</c>). Built only from
/// a <see cref="PublicView"/>, so nothing embargoed or unreleased can reach it. Immutable once built.
/// </summary>
public sealed class PublicationModel
{
    private static readonly HashSet<string> GeoClassifications = new(StringComparer.Ordinal) { "kommun", "lan", "riksomrade" };

    private readonly Dictionary<string, PublishedTable> _tables;
    private readonly Dictionary<string, PublishedCodelist> _codelists;

    private PublicationModel(DateTimeOffset now, IReadOnlyList<PublishedTable> tables, IReadOnlyList<PublishedCodelist> codelists)
    {
        Now = now;
        Tables = tables;
        Codelists = codelists;
        _tables = tables.ToDictionary(t => t.Id, StringComparer.OrdinalIgnoreCase);
        _codelists = codelists.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The moment of the public view the model was built from.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>When the newest public release was published (the view's Last-Modified), or null when nothing is public.</summary>
    public DateTimeOffset? Updated { get; private init; }

    /// <summary>
    /// The rules the tables' texts state (interval level, symbols): the catalogue's, which every run applies; a table
    /// spans several waves, so it does not take one release's rules.
    /// </summary>
    public PublicationRules Rules { get; private init; } = null!;

    /// <summary>Every table: sub-goal by sub-goal, indicators in catalogue order, each total table before its breakdowns.</summary>
    public IReadOnlyList<PublishedTable> Tables { get; }

    public IReadOnlyList<PublishedCodelist> Codelists { get; }

    /// <summary>The table with <paramref name="id"/>, matched case-insensitively, or null.</summary>
    public PublishedTable? FindTable(string id) => _tables.GetValueOrDefault(id ?? string.Empty);

    /// <summary>The codelist with <paramref name="id"/>, matched case-insensitively, or null.</summary>
    public PublishedCodelist? FindCodelist(string id) => _codelists.GetValueOrDefault(id ?? string.Empty);

    /// <summary>Builds the tables of <paramref name="view"/> (the public view: <c>snapshot.AsOf(now)</c>).</summary>
    public static PublicationModel Build(IndicatorCatalogue catalogue, PublicView view)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(view);

        var rules = PublicationRules.FromCatalogue(catalogue.Quality);
        var released = view.Releases.ToDictionary(r => r.Wave);
        var byIndicator = view.Results.Where(r => released.ContainsKey(r.Wave)).ToLookup(r => r.Row.Indicator, StringComparer.Ordinal);
        var codelistIndex = new Dictionary<string, PublishedCodelist>(StringComparer.OrdinalIgnoreCase);
        var codelists = new List<PublishedCodelist>();
        var tables = new List<PublishedTable>();
        var subGoalOrder = catalogue.SubGoals.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        PublishedCodelist? FindCodelist(string id) => codelistIndex.GetValueOrDefault(id);

        foreach (var indicator in catalogue.Indicators.OrderBy(i => subGoalOrder.GetValueOrDefault(i.SubGoal, int.MaxValue)))
        {
            var results = byIndicator[indicator.Id].ToList();
            if (results.Count == 0)
            {
                continue;
            }

            var frame = new IndicatorFrame(catalogue, indicator, rules, results, released);
            var total = frame.NewTable(null, null, FindCodelist);
            var own = new List<(PublishedTable Table, string? Classification)> { (total, null) };
            foreach (var breakdown in indicator.Breakdowns)
            {
                var classification = ClassificationOf(catalogue, breakdown);
                own.Add((frame.NewTable(breakdown, classification, FindCodelist), classification?.Id));
                if (classification is not null)
                {
                    AddCodelists(catalogue, classification, codelistIndex, codelists);
                }
            }

            // Model-based (small-area) estimates by an area the indicator has no direct breakdown by: a table of their own
            // ({indicator}.{area}) with the group's national level in its total and the model-based estimate by area.
            foreach (var area in results.Where(r => r.Row.Measure == Measure.ModelEstimate).Select(r => r.Row.Breakdown).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (indicator.Breakdowns.Contains(area, StringComparer.Ordinal))
                {
                    continue;
                }

                var classification = ClassificationOf(catalogue, area);
                var group = results.First(r => r.Row.Measure == Measure.ModelEstimate && r.Row.Breakdown == area).Row.ComparisonGroup;
                own.Add((frame.NewModelTable(area, classification, group, FindCodelist), classification?.Id));
                if (classification is not null)
                {
                    AddCodelists(catalogue, classification, codelistIndex, codelists);
                }
            }

            var tableOf = own.Skip(1).ToDictionary(t => t.Table.Breakdown!, t => t.Table, StringComparer.Ordinal);
            foreach (var result in results)
            {
                if (result.Row.Breakdown == TableCodes.Total)
                {
                    // The total is also the 'total' value of every breakdown table.
                    foreach (var (table, _) in own)
                    {
                        frame.Put(table, result, table.Breakdown is null ? string.Empty : TableCodes.Total);
                    }
                }
                else if (tableOf.GetValueOrDefault(result.Row.Breakdown) is { } table)
                {
                    frame.Put(table, result, result.Row.Cell);
                }
            }

            // An aggregation codelist on a breakdown reads the indicator's results by the target classification.
            foreach (var (table, classification) in own.Skip(1))
            {
                if (classification is null)
                {
                    continue;
                }

                foreach (var target in catalogue.Classification(classification).MapsTo)
                {
                    var sibling = own.Skip(1).FirstOrDefault(o => string.Equals(o.Classification, target, StringComparison.Ordinal)).Table;
                    if (sibling is not null)
                    {
                        table.AddAggregationSource(target, sibling);
                    }
                }
            }

            tables.AddRange(own.Select(o => o.Table));
        }

        // The survey's response by group and stratum, from the public releases' quality sections.
        if (ResponseRateTable.Build(catalogue, view.Releases) is { } response)
        {
            tables.Add(response);
        }

        return new PublicationModel(view.Now, tables, codelists) { Updated = view.LastModified, Rules = rules };
    }

    /// <summary>
    /// The <c>Grupp</c> code of a stored result (docs/architecture.md, "Results and releases") and whether it is a change
    /// (contents <c>change</c>, <c>change_margin</c>) rather than a value (<c>estimate</c>, …); null for a measure no table shows.
    /// The API's tables and the report find a result's cell by this one mapping.
    /// </summary>
    public static (string? Group, bool Change) GroupCode(PublishedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (TableCodes.GroupOf(result.Row.Measure, result.Row.ComparisonGroup), result.Row.Measure == Measure.Change);
    }

    private static Classification? ClassificationOf(IndicatorCatalogue catalogue, string breakdown) =>
        catalogue.FindVariable(breakdown)?.Classification is { } id && catalogue.FindClassification(id) is { } classification
            ? classification
            : catalogue.FindClassification(breakdown);

    private static void AddCodelists(IndicatorCatalogue catalogue, Classification classification, Dictionary<string, PublishedCodelist> index, List<PublishedCodelist> list)
    {
        var valueset = TableCodes.Valueset(classification.Id);
        if (!index.ContainsKey(valueset))
        {
            var values = new List<CodelistValue> { new(TableCodes.Total, TableText.Total, [TableCodes.Total]) };
            values.AddRange(classification.Codes.Select(c => new CodelistValue(c.Code, c.Label, [c.Code])));
            var codelist = new PublishedCodelist(valueset, classification.Name, CodelistType.Valueset, classification.Id, classification.Id, values);
            index[valueset] = codelist;
            list.Add(codelist);
        }

        foreach (var targetId in classification.MapsTo)
        {
            var id = TableCodes.Aggregation(classification.Id, targetId);
            if (index.ContainsKey(id) || catalogue.FindClassification(targetId) is not { } target)
            {
                continue;
            }

            var members = classification.Codes
                .Where(c => c.Mappings.ContainsKey(targetId))
                .ToLookup(c => c.Mappings[targetId], c => c.Code, StringComparer.Ordinal);
            var values = new List<CodelistValue> { new(TableCodes.Total, TableText.Total, [TableCodes.Total]) };
            values.AddRange(target.Codes.Where(t => members.Contains(t.Code)).Select(t => new CodelistValue(t.Code, t.Label, [.. members[t.Code]])));
            var label = new LocalizedText($"{classification.Name.Sv} grupperad efter {TableText.Lower(target.Name.Sv)}", $"{classification.Name.En} grouped by {TableText.Lower(target.Name.En)}");
            var codelist = new PublishedCodelist(id, label, CodelistType.Aggregation, classification.Id, targetId, values);
            index[id] = codelist;
            list.Add(codelist);
        }
    }

    /// <summary>What the tables of one indicator share: waves, groups, contents, texts, and the mapping of results into cells.</summary>
    private sealed class IndicatorFrame
    {
        private readonly IndicatorCatalogue _catalogue;
        private readonly Indicator _indicator;
        private readonly List<PublishedResult> _results;
        private readonly Dictionary<int, int> _waveIndex;
        private readonly CubeDimension _time;
        private readonly CubeDimension _contents;
        private readonly CubeDimension _totalGroups;
        private readonly CubeDimension _breakdownGroups;
        private readonly CubeDimension _areaGroups;
        private readonly double[] _totalFactors;
        private readonly double[] _breakdownFactors;
        private readonly double[] _areaFactors;
        private readonly IReadOnlyList<DateTimeOffset> _waveUpdated;
        private readonly LocalizedText _source;
        private readonly IReadOnlyList<LocalizedText> _totalNotes;
        private readonly IReadOnlyList<LocalizedText> _breakdownNotes;
        private readonly IReadOnlyList<LocalizedText> _areaNotes;
        private readonly LocalizedText _subGoalName;
        private readonly PublicationRules _rules;
        private readonly Dictionary<PublishedTable, Dictionary<string, int>> _cellIndex = [];
        private readonly Dictionary<PublishedTable, Dictionary<string, int>> _groupIndex = [];

        public IndicatorFrame(IndicatorCatalogue catalogue, Indicator indicator, PublicationRules rules, List<PublishedResult> results, Dictionary<int, PublishedRelease> released)
        {
            _catalogue = catalogue;
            _indicator = indicator;
            _rules = rules;
            _results = results;
            var waves = results.Select(r => r.Wave).Distinct().Order().ToList();
            _waveIndex = waves.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
            _waveUpdated = waves.Select(w => released[w].ReleaseTime).ToList();
            _time = new CubeDimension(TableCodes.Time, TableText.TimeDimension, DimensionRole.Time,
                waves.Select(w => w.ToString(CultureInfo.InvariantCulture)).Select(c => new CubeValue(c, new LocalizedText(c, c))).ToList());

            var levelUnit = TableText.LevelUnit(catalogue, indicator);
            var differenceUnit = TableText.DifferenceUnit(catalogue, indicator);
            _contents = new CubeDimension(TableCodes.Contents, TableText.ContentsDimension, DimensionRole.Contents,
                TableCodes.ContentsCodes.Select(code => new CubeValue(code, TableText.ContentsLabel(code, indicator, rules))
                {
                    Unit = code switch
                    {
                        TableCodes.Estimate or TableCodes.CiLower or TableCodes.CiUpper => levelUnit,
                        TableCodes.Count => TableText.Count,
                        _ => differenceUnit,
                    },
                    Decimals = code == TableCodes.Count ? 0 : indicator.Decimals,
                }).ToList());

            var levelFactor = TableText.IsPercent(indicator) ? 100.0 : 1.0;
            var gapFactor = indicator.Gap == GapKind.Ratio ? 100.0 : levelFactor;
            (_totalGroups, _totalFactors) = Groups(catalogue, indicator, levelFactor, gapFactor, standardised: indicator.StandardisedGap);
            (_breakdownGroups, _breakdownFactors) = Groups(catalogue, indicator, levelFactor, gapFactor, standardised: false);
            (_areaGroups, _areaFactors) = indicator.ExpectedAreas.Count == 0
                ? (_breakdownGroups, _breakdownFactors)
                : Groups(catalogue, indicator, levelFactor, gapFactor, standardised: false, expected: true);
            _source = TableText.Source(catalogue, indicator);
            _totalNotes = TableText.Notes(catalogue, indicator, rules, indicator.StandardisedGap);
            _breakdownNotes = TableText.Notes(catalogue, indicator, rules, hasStandardisedGap: false);
            _areaNotes = indicator.ExpectedAreas.Count == 0 ? _breakdownNotes : [.. _breakdownNotes, TableText.ExpectedVersusActualNote(catalogue, indicator, rules)];
            _subGoalName = catalogue.SubGoals.FirstOrDefault(s => s.Id == indicator.SubGoal)?.Name ?? new LocalizedText(indicator.SubGoal, indicator.SubGoal);
        }

        /// <summary>
        /// The table of the model-based estimates by <paramref name="area"/> of one group (<paramref name="group"/>: a
        /// comparison, whose focal group it is, or <c>all</c>): two <c>Grupp</c> values, the group's direct level
        /// (published only in the total) and its model-based estimate (only by area).
        /// </summary>
        public PublishedTable NewModelTable(string area, Classification? classification, string group, Func<string, PublishedCodelist?> codelists)
        {
            var comparison = group == TableCodes.All ? null : _catalogue.Comparison(group);
            var levelFactor = TableText.IsPercent(_indicator) ? 100.0 : 1.0;
            var groups = new CubeDimension(TableCodes.Group, TableText.GroupDimension, DimensionRole.Regular,
            [
                comparison is null ? new CubeValue(TableCodes.All, TableText.All) : new CubeValue(TableCodes.Focal(comparison.Id), comparison.Focal.Label),
                new CubeValue(TableCodes.ModelEstimate(group), TableText.ModelEstimateLabel(_catalogue, _indicator, comparison)),
            ]);
            return NewTable(area, classification, codelists, (groups, [levelFactor, levelFactor]), [.. _breakdownNotes, TableText.ModelEstimateNote(_rules)]);
        }

        public PublishedTable NewTable(string? breakdown, Classification? classification, Func<string, PublishedCodelist?> codelists) =>
            NewTable(breakdown, classification, codelists, null, null);

        private PublishedTable NewTable(string? breakdown, Classification? classification, Func<string, PublishedCodelist?> codelists,
            (CubeDimension Dimension, double[] Factors)? ownGroups, IReadOnlyList<LocalizedText>? ownNotes)
        {
            CubeDimension? dimension = null;
            if (breakdown is not null)
            {
                var values = new List<CubeValue> { new(TableCodes.Total, TableText.Total) };
                var known = new HashSet<string>(StringComparer.Ordinal) { TableCodes.Total };
                foreach (var code in classification?.Codes ?? [])
                {
                    if (known.Add(code.Code))
                    {
                        values.Add(new CubeValue(code.Code, code.Label));
                    }
                }

                // Codes in the results that the classification lacks still get a place (labelled by their code).
                foreach (var code in _results.Where(r => r.Row.Breakdown == breakdown).Select(r => r.Row.Cell).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    if (known.Add(code))
                    {
                        values.Add(new CubeValue(code, new LocalizedText(code, code)));
                    }
                }

                var label = _catalogue.FindVariable(breakdown)?.Description ?? classification?.Name ?? new LocalizedText(breakdown, breakdown);
                var role = classification is not null && GeoClassifications.Contains(classification.Id) ? DimensionRole.Geo : DimensionRole.Regular;
                dimension = new CubeDimension(breakdown, label, role, values) { Elimination = true };
            }

            var area = breakdown is not null && _indicator.ExpectedAreas.Contains(breakdown, StringComparer.Ordinal);
            var groups = ownGroups?.Dimension ?? (breakdown is null ? _totalGroups : area ? _areaGroups : _breakdownGroups);
            var table = new PublishedTable(
                _indicator,
                _subGoalName,
                dimension,
                classification?.Id,
                groups,
                ownGroups?.Factors ?? (breakdown is null ? _totalFactors : area ? _areaFactors : _breakdownFactors),
                _contents,
                _time,
                _waveUpdated,
                _source,
                _catalogue.Title,
                ownNotes ?? (breakdown is null ? _totalNotes : area ? _areaNotes : _breakdownNotes),
                codelists);
            _cellIndex[table] = dimension is null
                ? new Dictionary<string, int>(StringComparer.Ordinal) { [string.Empty] = 0 }
                : dimension.Values.Select((v, i) => (v.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
            _groupIndex[table] = groups.Values.Select((v, i) => (v.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
            return table;
        }

        /// <summary>Places one result in the table's cell <paramref name="cellCode"/> (results that fit no cell of the table are left out).</summary>
        public void Put(PublishedTable table, PublishedResult result, string cellCode)
        {
            var (group, change) = PublicationModel.GroupCode(result);
            if (group is null
                || !_cellIndex[table].TryGetValue(cellCode, out var cell)
                || !_groupIndex[table].TryGetValue(group, out var g)
                || !_waveIndex.TryGetValue(result.Wave, out var w))
            {
                return;
            }

            table.Put(cell, g, w, result, change);
        }

        private static (CubeDimension Dimension, double[] Factors) Groups(IndicatorCatalogue catalogue, Indicator indicator, double levelFactor, double gapFactor, bool standardised, bool expected = false)
        {
            var values = new List<CubeValue> { new(TableCodes.All, TableText.All) };
            var factors = new List<double> { levelFactor };
            foreach (var comparison in indicator.Comparisons.Select(catalogue.Comparison))
            {
                values.Add(new CubeValue(TableCodes.Focal(comparison.Id), comparison.Focal.Label));
                values.Add(new CubeValue(TableCodes.Reference(comparison.Id), comparison.Reference.Label));
                values.Add(new CubeValue(TableCodes.Gap(comparison.Id), TableText.GapLabel(catalogue, indicator, comparison)));
                factors.AddRange([levelFactor, levelFactor, gapFactor]);
                if (standardised)
                {
                    values.Add(new CubeValue(TableCodes.StandardisedGap(comparison.Id), TableText.StandardisedGapLabel(catalogue, indicator, comparison)));
                    factors.Add(levelFactor);
                }

                // Expected versus actual is of the first comparison's focal group (ExpectedVersusActualModel).
                if (expected && comparison.Id == indicator.Comparisons[0])
                {
                    values.Add(new CubeValue(TableCodes.Expected(comparison.Id), TableText.ExpectedLabel(catalogue, indicator, comparison)));
                    values.Add(new CubeValue(TableCodes.ExpectedDifference(comparison.Id), TableText.ExpectedDifferenceLabel(catalogue, indicator, comparison)));
                    factors.AddRange([levelFactor, levelFactor]);
                }
            }

            return (new CubeDimension(TableCodes.Group, TableText.GroupDimension, DimensionRole.Regular, values) { Elimination = true }, [.. factors]);
        }
    }
}
