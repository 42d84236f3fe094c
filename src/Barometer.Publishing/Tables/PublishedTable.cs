using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Results;
using Barometer.Publishing.Selection;

namespace Barometer.Publishing.Tables;

/// <summary>
/// One PxWeb table of the public view (docs/api.md): an indicator (<c>{indicator}</c>) or an indicator by one
/// breakdown (<c>{indicator}.{breakdown}</c>), with the dimensions breakdown × <c>Grupp</c> × <c>ContentsCode</c> ×
/// <c>Tid</c>. Holds the released results of the public view only, indexed by cell so that a query costs O(cells).
/// </summary>
public sealed class PublishedTable
{
    private readonly PublishedResult?[] _levels;
    private readonly PublishedResult?[] _changes;
    private readonly double[] _groupFactors;
    private readonly int _groups;
    private readonly int _waves;
    private readonly Func<string, PublishedCodelist?> _codelists;
    private readonly Dictionary<string, PublishedTable> _aggregationSources = new(StringComparer.Ordinal);
    private readonly LocalizedText? _breakdownLabel;
    private readonly Func<string, string, LocalizedText> _label;
    private readonly Func<int, int, int, int, (double? Value, string? Status)>? _cells;
    private readonly IReadOnlyList<string> _defaultContents;
    private readonly IReadOnlyList<DateTimeOffset> _waveUpdated;
    private readonly Lazy<Cube> _metadata;
    private readonly ValueDomain[] _domains;

    internal PublishedTable(
        Catalogue.Indicators.Indicator indicator,
        LocalizedText subGoalName,
        CubeDimension? breakdown,
        string? breakdownClassification,
        CubeDimension group,
        double[] groupFactors,
        CubeDimension contents,
        CubeDimension time,
        IReadOnlyList<DateTimeOffset> waveUpdated,
        LocalizedText source,
        LocalizedText contact,
        IReadOnlyList<LocalizedText> notes,
        Func<string, PublishedCodelist?> codelists)
    {
        _label = (first, last) => TableText.TableLabel(indicator, _breakdownLabel, first, last);
        _defaultContents = [TableCodes.Estimate, TableCodes.Margin];
        Indicator = indicator.Id;
        Breakdown = breakdown?.Code;
        BreakdownClassification = breakdownClassification;
        SubGoal = indicator.SubGoal;
        SubGoalName = subGoalName;
        Id = TableCodes.TableId(indicator.Id, breakdown?.Code);
        _breakdownLabel = breakdown?.Label;
        Dimensions = breakdown is null ? [group, contents, time] : [breakdown, group, contents, time];
        _groups = group.Values.Count;
        _waves = time.Values.Count;
        _groupFactors = groupFactors;
        _waveUpdated = waveUpdated;
        var size = (breakdown?.Values.Count ?? 1) * _groups * _waves;
        _levels = new PublishedResult?[size];
        _changes = new PublishedResult?[size];
        Source = source;
        Contact = contact;
        Notes = notes;
        _codelists = codelists;
        FirstPeriod = time.Values[0].Code;
        LastPeriod = time.Values[^1].Code;
        Label = TableText.TableLabel(indicator, _breakdownLabel, FirstPeriod, LastPeriod);
        Description = indicator.Definition;
        Contents = indicator.Name;
        Updated = waveUpdated.Max();
        DefaultSelection = BuildDefaultSelection();
        _metadata = new Lazy<Cube>(BuildMetadataCube, LazyThreadSafetyMode.ExecutionAndPublication);
        _domains = [.. Dimensions.Select(d => new ValueDomain(Codes(d)))];
    }

    /// <summary>
    /// A table that is not an indicator's (the response rates, <see cref="ResponseRateTable"/>): the dimensions
    /// <paramref name="group"/> × <paramref name="contents"/> × <paramref name="time"/>, every value of the
    /// <paramref name="group"/> × contents × wave cells from <paramref name="cells"/>.
    /// </summary>
    internal PublishedTable(
        string id,
        string subGoal,
        LocalizedText subGoalName,
        Func<string, string, LocalizedText> label,
        LocalizedText description,
        LocalizedText contentsName,
        CubeDimension group,
        CubeDimension contents,
        CubeDimension time,
        IReadOnlyList<DateTimeOffset> waveUpdated,
        LocalizedText source,
        LocalizedText contact,
        IReadOnlyList<LocalizedText> notes,
        Func<int, int, int, int, (double? Value, string? Status)> cells)
    {
        Id = id;
        Indicator = id;
        SubGoal = subGoal;
        SubGoalName = subGoalName;
        Dimensions = [group, contents, time];
        _groups = group.Values.Count;
        _waves = time.Values.Count;
        _groupFactors = [.. group.Values.Select(_ => 1.0)];
        _waveUpdated = waveUpdated;
        _levels = [];
        _changes = [];
        _cells = cells;
        _label = label;
        _defaultContents = [.. contents.Values.Select(v => v.Code)];
        _codelists = _ => null;
        Source = source;
        Contact = contact;
        Notes = notes;
        FirstPeriod = time.Values[0].Code;
        LastPeriod = time.Values[^1].Code;
        Label = label(FirstPeriod, LastPeriod);
        Description = description;
        Contents = contentsName;
        Updated = waveUpdated.Max();
        DefaultSelection = BuildDefaultSelection();
        _metadata = new Lazy<Cube>(BuildMetadataCube, LazyThreadSafetyMode.ExecutionAndPublication);
        _domains = [.. Dimensions.Select(d => new ValueDomain(Codes(d)))];
    }

    /// <summary><c>{indicator}</c> or <c>{indicator}.{breakdown}</c>.</summary>
    public string Id { get; }

    public string Indicator { get; }

    /// <summary>The breakdown variable, or null for the indicator's total table.</summary>
    public string? Breakdown { get; }

    /// <summary>The classification of the breakdown variable's codes, or null.</summary>
    public string? BreakdownClassification { get; }

    public string SubGoal { get; }

    public LocalizedText SubGoalName { get; }

    public LocalizedText Label { get; }

    /// <summary>The indicator's definition.</summary>
    public LocalizedText Description { get; }

    /// <summary>What the table contains (PX CONTENTS): the indicator's name.</summary>
    public LocalizedText Contents { get; }

    /// <summary>The release time of the newest public wave in the table.</summary>
    public DateTimeOffset Updated { get; }

    public string FirstPeriod { get; }

    public string LastPeriod { get; }

    /// <summary>The register(s) or the survey the results come from.</summary>
    public LocalizedText Source { get; }

    public LocalizedText Contact { get; }

    /// <summary>Always false: the barometer is not official statistics.</summary>
    public bool OfficialStatistics { get; }

    /// <summary>Every dimension with every value, in publication order.</summary>
    public IReadOnlyList<CubeDimension> Dimensions { get; }

    public IReadOnlyList<CubeSymbol> Symbols { get; } = StatusSymbols.All;

    public IReadOnlyList<LocalizedText> Notes { get; }

    /// <summary>The selection used when none is given: explicit value codes and placement (docs/api.md).</summary>
    public TableSelection DefaultSelection { get; }

    /// <summary>The dimension with <paramref name="code"/> (case-insensitive), or null.</summary>
    public CubeDimension? FindDimension(string code) =>
        Dimensions.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The codelists that apply to a dimension: for the breakdown, its valueset and aggregations.</summary>
    public IReadOnlyList<PublishedCodelist> Codelists(string dimensionCode)
    {
        if (Breakdown is null || BreakdownClassification is null || !string.Equals(dimensionCode, Breakdown, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var result = new List<PublishedCodelist>();
        if (_codelists(TableCodes.Valueset(BreakdownClassification)) is { } valueset)
        {
            result.Add(valueset);
        }

        result.AddRange(_aggregationSources.Keys.Order(StringComparer.Ordinal)
            .Select(target => _codelists(TableCodes.Aggregation(BreakdownClassification, target)))
            .OfType<PublishedCodelist>());
        return result;
    }

    /// <summary>Every dimension with every value and no values: what the metadata endpoint writes.</summary>
    public Cube MetadataCube() => _metadata.Value;

    /// <summary>
    /// The metadata with codelists applied: each variable of <paramref name="codelists"/> that names a codelist shows
    /// that codelist's values (an aggregation: the values it aggregates to); the other dimensions are unchanged.
    /// An unknown variable or a codelist that does not apply is a <see cref="SelectionException"/>.
    /// </summary>
    public Cube MetadataCube(IReadOnlyList<VariableSelection> codelists)
    {
        ArgumentNullException.ThrowIfNull(codelists);
        if (!codelists.Any(v => v.Codelist is not null))
        {
            return MetadataCube();
        }

        var dimensions = Dimensions.ToArray();
        foreach (var variable in codelists)
        {
            if (variable.Codelist is not { } codelistId)
            {
                continue;
            }

            var d = DimensionIndex(variable.Code);
            var (picks, _, shown) = ApplyCodelist(Dimensions[d], variable with { ValueExpressions = ["*"] }, codelistId);
            dimensions[d] = shown with { Values = [.. picks.Select(i => shown.Values[i])] };
        }

        return BuildMetadataCube(dimensions);
    }

    private Cube BuildMetadataCube() => BuildMetadataCube(Dimensions);

    private Cube BuildMetadataCube(IReadOnlyList<CubeDimension> dimensions)
    {
        var cells = dimensions.Aggregate(1, (n, d) => n * d.Values.Count);
        var (stub, heading) = DefaultPlacement(dimensions, dimensions.Select(d => d.Values.Count).ToArray());
        var ordered = stub.Concat(heading).Select(i => dimensions[i]).ToList();
        return NewCube(ordered, new double?[cells], new string?[cells], Label, Updated);
    }

    /// <summary>
    /// The cube for <paramref name="selection"/> (docs/api.md, "Selections"). The cell count is checked against
    /// <paramref name="maxCells"/> before anything is computed (<see cref="TooManyCellsException"/>); a selection
    /// the table cannot answer throws <see cref="SelectionException"/>.
    /// </summary>
    public Cube Query(TableSelection selection, int maxCells)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Variables.Count == 0)
        {
            selection = DefaultSelection with
            {
                Heading = selection.Heading ?? (selection.Stub is null ? DefaultSelection.Heading : null),
                Stub = selection.Stub ?? (selection.Heading is null ? DefaultSelection.Stub : null),
            };
        }

        var n = Dimensions.Count;
        var chosen = new VariableSelection?[n];
        foreach (var variable in selection.Variables)
        {
            var d = DimensionIndex(variable.Code);
            if (chosen[d] is not null)
            {
                throw new SelectionException(Dimensions[d].Code, null, $"variable '{Dimensions[d].Code}' is selected twice.");
            }

            chosen[d] = variable;
        }

        var source = this;
        var picks = new IReadOnlyList<int>[n];
        var kept = new bool[n];
        var shown = Dimensions.ToArray();
        for (var d = 0; d < n; d++)
        {
            var dimension = Dimensions[d];
            if (chosen[d] is { } variable && !IsEliminatedByEmptySelection(dimension, variable))
            {
                kept[d] = true;
                if (variable.Codelist is { } codelistId)
                {
                    (picks[d], source, shown[d]) = ApplyCodelist(dimension, variable, codelistId);
                }
                else
                {
                    picks[d] = ValueExpressions.Resolve(dimension.Code, _domains[d], dimension.Role == DimensionRole.Time, variable.ValueExpressions);
                }
            }
            else if (dimension.Elimination && EliminationValue(dimension) is { } elimination)
            {
                picks[d] = [elimination];
            }
            else
            {
                kept[d] = true;
                picks[d] = [dimension.Role == DimensionRole.Time ? dimension.Values.Count - 1 : 0];
            }
        }

        var cells = 1L;
        for (var d = 0; d < n; d++)
        {
            if (kept[d])
            {
                cells = Math.Min(cells * picks[d].Count, long.MaxValue / 1024);
            }
        }

        if (cells > maxCells)
        {
            throw new TooManyCellsException(cells, maxCells);
        }

        var order = Placement(selection, kept, picks, out var stubCount);
        return Materialise(source, order, stubCount, picks, shown, (int)cells);
    }

    /// <summary>The result behind one cell of the full table (level, gap or standardised gap), or null.</summary>
    internal PublishedResult? Level(int breakdown, int group, int wave) => _levels[Slot(breakdown, group, wave)];

    internal PublishedResult? ChangeOf(int breakdown, int group, int wave) => _changes[Slot(breakdown, group, wave)];

    internal void Put(int breakdown, int group, int wave, PublishedResult result, bool change)
    {
        var slot = Slot(breakdown, group, wave);
        (change ? _changes : _levels)[slot] = result;
    }

    internal void AddAggregationSource(string targetClassification, PublishedTable table) =>
        _aggregationSources[targetClassification] = table;

    private int Slot(int breakdown, int group, int wave) => (((breakdown * _groups) + group) * _waves) + wave;

    private static List<string> Codes(CubeDimension dimension) => dimension.Values.Select(v => v.Code).ToList();

    /// <summary>
    /// An explicit empty list of value codes on a variable that may be eliminated eliminates it, as when the variable
    /// is left out (PxWebApi's SelectionHandler accepts it; PxWeb2 sends it after a codelist switch). On a mandatory
    /// variable it remains an error that names the variable.
    /// </summary>
    private static bool IsEliminatedByEmptySelection(CubeDimension dimension, VariableSelection variable) =>
        variable.ValueExpressions.Count == 0 && dimension.Elimination && EliminationValue(dimension) is not null;

    private static int? EliminationValue(CubeDimension dimension)
    {
        var code = dimension.Code == TableCodes.Group ? TableCodes.All : TableCodes.Total;
        var index = dimension.IndexOf(code);
        return index < 0 ? null : index;
    }

    private int DimensionIndex(string code)
    {
        for (var d = 0; d < Dimensions.Count; d++)
        {
            if (string.Equals(Dimensions[d].Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return d;
            }
        }

        throw new SelectionException(code, null,
            $"table '{Id}' has no variable '{code}'; variables are {string.Join(", ", Dimensions.Select(d => d.Code))}.");
    }

    private (IReadOnlyList<int> Picks, PublishedTable Source, CubeDimension Shown) ApplyCodelist(CubeDimension dimension, VariableSelection variable, string codelistId)
    {
        var codelist = _codelists(codelistId);
        if (codelist is null || Breakdown is null || !string.Equals(dimension.Code, Breakdown, StringComparison.Ordinal)
            || !string.Equals(codelist.Classification, BreakdownClassification, StringComparison.Ordinal))
        {
            var available = Codelists(dimension.Code).Select(c => c.Id).ToList();
            throw new SelectionException(dimension.Code, codelistId,
                $"codelist '{codelistId}' does not apply to variable '{dimension.Code}'; "
                + (available.Count == 0 ? "the variable has no codelists." : $"its codelists are {string.Join(", ", available)}."));
        }

        var codes = codelist.Values.Select(v => v.Code).ToList();
        var selected = ValueExpressions.Resolve(dimension.Code, codes, isTime: false, variable.ValueExpressions);
        var source = this;
        var target = dimension;
        if (codelist.Type == CodelistType.Aggregation)
        {
            if (!_aggregationSources.TryGetValue(codelist.Target, out var sibling))
            {
                throw new SelectionException(dimension.Code, codelistId,
                    $"codelist '{codelistId}' cannot be applied to variable '{dimension.Code}' of table '{Id}': the indicator is not published by '{codelist.Target}'.");
            }

            source = sibling;
            target = sibling.Dimensions[0];
        }

        var picks = new List<int>(selected.Count);
        foreach (var i in selected)
        {
            var index = target.IndexOf(codes[i]);
            if (index >= 0)
            {
                picks.Add(index);
            }
        }

        picks.Sort();
        if (picks.Count == 0)
        {
            throw new SelectionException(dimension.Code, string.Join(",", variable.ValueExpressions),
                $"the selection of variable '{dimension.Code}' with codelist '{codelistId}' selects no value.");
        }

        var shown = dimension with { Values = target.Values };
        return (picks, source, shown);
    }

    /// <summary>Dimension indexes in cube order: stub first, then heading.</summary>
    private int[] Placement(TableSelection selection, bool[] kept, IReadOnlyList<int>[] picks, out int stubCount)
    {
        List<int> stub;
        List<int> heading;
        if (selection.Heading is null && selection.Stub is null)
        {
            var counts = picks.Select(p => p.Count).ToArray();
            var (defaultStub, defaultHeading) = DefaultPlacement(Dimensions, counts, kept);
            stub = defaultStub;
            heading = defaultHeading;
        }
        else
        {
            var placed = new HashSet<int>();
            heading = Named(selection.Heading, kept, placed);
            stub = Named(selection.Stub, kept, placed);
            var rest = Enumerable.Range(0, Dimensions.Count).Where(d => kept[d] && !placed.Contains(d)).ToList();
            if (selection.Heading is not null && selection.Stub is null)
            {
                stub.AddRange(rest);
            }
            else if (selection.Stub is not null && selection.Heading is null)
            {
                heading.AddRange(rest);
            }
            else
            {
                stub.AddRange(rest);
            }
        }

        stubCount = stub.Count;
        return [.. stub, .. heading];
    }

    private List<int> Named(IReadOnlyList<string>? codes, bool[] kept, HashSet<int> placed)
    {
        var result = new List<int>();
        foreach (var code in codes ?? [])
        {
            var d = DimensionIndex(code);
            if (!placed.Add(d))
            {
                throw new SelectionException(Dimensions[d].Code, null, $"variable '{Dimensions[d].Code}' is placed twice in heading and stub.");
            }

            // An eliminated variable has no place in the result.
            if (kept[d])
            {
                result.Add(d);
            }
        }

        return result;
    }

    /// <summary>Heading: <c>ContentsCode</c> when more than one value, then <c>Tid</c>; stub: the rest in table order.</summary>
    private static (List<int> Stub, List<int> Heading) DefaultPlacement(IReadOnlyList<CubeDimension> dimensions, int[] counts, bool[]? kept = null)
    {
        var stub = new List<int>();
        var heading = new List<int>();
        for (var d = 0; d < dimensions.Count; d++)
        {
            if (kept is not null && !kept[d])
            {
                continue;
            }

            var role = dimensions[d].Role;
            if (role == DimensionRole.Time || (role == DimensionRole.Contents && counts[d] > 1))
            {
                heading.Add(d);
            }
            else
            {
                stub.Add(d);
            }
        }

        if (stub.Count == 0 && heading.Count > 1)
        {
            stub.Add(heading[0]);
            heading.RemoveAt(0);
        }

        return (stub, heading);
    }

    private Cube Materialise(PublishedTable source, int[] order, int stubCount, IReadOnlyList<int>[] picks, CubeDimension[] shown, int cells)
    {
        var n = Dimensions.Count;
        var breakdownDim = Breakdown is null ? -1 : 0;
        var groupDim = n - 3;
        var contentsDim = n - 2;
        var timeDim = n - 1;

        var values = new double?[cells];
        var status = new string?[cells];
        var full = new int[n];
        for (var d = 0; d < n; d++)
        {
            full[d] = picks[d][0];
        }

        var position = new int[order.Length];
        for (var cell = 0; cell < cells; cell++)
        {
            var b = breakdownDim < 0 ? 0 : full[breakdownDim];
            (values[cell], status[cell]) = source.Value(b, full[groupDim], full[contentsDim], full[timeDim]);

            // Odometer over the cube's dimensions, the last fastest.
            for (var k = order.Length - 1; k >= 0; k--)
            {
                var d = order[k];
                if (++position[k] < picks[d].Count)
                {
                    full[d] = picks[d][position[k]];
                    break;
                }

                position[k] = 0;
                full[d] = picks[d][0];
            }
        }

        var dimensions = order.Select(d => shown[d] with { Values = picks[d].Select(i => shown[d].Values[i]).ToList() }).ToList();
        var waves = picks[timeDim];
        var label = _label(Dimensions[timeDim].Values[waves[0]].Code, Dimensions[timeDim].Values[waves[^1]].Code);
        var updated = waves.Select(w => _waveUpdated[w]).Max();
        return NewCube(dimensions, values, status, label, updated, stubCount);
    }

    private Cube NewCube(List<CubeDimension> dimensions, double?[] values, string?[] status, LocalizedText title, DateTimeOffset updated, int? stubCount = null)
    {
        var stub = stubCount ?? Math.Max(0, dimensions.Count - dimensions.Count(d => d.Role == DimensionRole.Time || (d.Role == DimensionRole.Contents && d.Values.Count > 1)));
        return new Cube(Id, dimensions, values, status)
        {
            Title = title,
            Contents = Contents,
            Source = Source,
            Updated = updated,
            SubjectCode = SubGoal,
            SubjectArea = SubGoalName,
            Contact = Contact,
            OfficialStatistics = false,
            Stub = dimensions.Take(stub).Select(d => d.Code).ToList(),
            Heading = dimensions.Skip(stub).Select(d => d.Code).ToList(),
            Symbols = Symbols,
            Notes = Notes,
        };
    }

    /// <summary>The published value and status of one cell of this table.</summary>
    internal (double? Value, string? Status) Value(int breakdown, int group, int contents, int wave)
    {
        if (_cells is not null)
        {
            return _cells(breakdown, group, contents, wave);
        }

        var code = TableCodes.ContentsCodes[contents];
        var slot = Slot(breakdown, group, wave);
        if (code is TableCodes.Change or TableCodes.ChangeMargin)
        {
            var change = _changes[slot];
            if (change is null)
            {
                return (null, StatusSymbols.NotApplicable);
            }

            if (change.Row.SuppressionRule is { } changeRule)
            {
                return (null, StatusSymbols.ForRule(changeRule));
            }

            var delta = code == TableCodes.Change ? change.Row.Estimate : change.Margin;
            return delta is { } d ? (d * _groupFactors[group], null) : (null, StatusSymbols.NotApplicable);
        }

        var row = _levels[slot];
        if (row is null)
        {
            return (null, StatusSymbols.NotApplicable);
        }

        if (row.Row.SuppressionRule is { } rule)
        {
            return (null, StatusSymbols.ForRule(rule));
        }

        double? value = code switch
        {
            TableCodes.Estimate => row.Row.Estimate,
            TableCodes.Margin => row.Margin,
            TableCodes.CiLower => row.Row.CiLower,
            TableCodes.CiUpper => row.Row.CiUpper,
            _ => row.Row.Respondents,
        };
        if (value is not { } v)
        {
            return (null, StatusSymbols.NotApplicable);
        }

        if (code == TableCodes.Count)
        {
            return (v, null);
        }

        var flagged = code == TableCodes.Estimate && string.Equals(row.Row.QualityFlag, StatusSymbols.RelativeMarginFlag, StringComparison.Ordinal);
        var modelBased = code == TableCodes.Estimate && string.Equals(row.Row.QualityFlag, StatusSymbols.ModelBasedFlag, StringComparison.Ordinal);
        return (v * _groupFactors[group], flagged ? StatusSymbols.Uncertain : modelBased ? StatusSymbols.ModelBased : null);
    }

    private TableSelection BuildDefaultSelection()
    {
        const int Limit = 600;
        var group = Dimensions[^3];
        var contents = Dimensions[^2];
        var time = Dimensions[^1];
        var breakdownCount = Breakdown is null ? 1 : Dimensions[0].Values.Count;
        List<string> groups = [.. group.Values.Select(v => v.Code)];
        List<string> contentsCodes = [.. _defaultContents];
        if (breakdownCount * groups.Count * contentsCodes.Count > Limit)
        {
            groups = [TableCodes.All];
        }

        if (breakdownCount * groups.Count * contentsCodes.Count > Limit)
        {
            contentsCodes = [_defaultContents[0]];
        }

        var variables = new List<VariableSelection>();
        if (Breakdown is not null)
        {
            variables.Add(new VariableSelection(Breakdown, [.. Dimensions[0].Values.Select(v => v.Code)]));
        }

        variables.Add(new VariableSelection(group.Code, groups));
        variables.Add(new VariableSelection(contents.Code, contentsCodes));
        variables.Add(new VariableSelection(time.Code, [time.Values[^1].Code]));
        var stub = Breakdown is null ? new List<string> { group.Code } : [Breakdown, group.Code];
        return new TableSelection(variables, Heading: [contents.Code, time.Code], Stub: stub);
    }
}
