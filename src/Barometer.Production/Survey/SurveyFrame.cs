using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation.Data;
using Barometer.Production.Calibration;
using Barometer.Production.Variables;
using Barometer.Storage.Results;

namespace Barometer.Production.Survey;

/// <summary>
/// The analysis file of one wave: every catalogue variable the run needs, evaluated once per respondent, as the
/// columns of a <see cref="SurveyData"/> for the estimation engine.
/// <list type="bullet">
/// <item><c>stratum</c>, <c>fpc</c> (stratum population), <c>w</c> (design weight): the design.</item>
/// <item><c>cal|m</c>: the respondent's cell of calibration margin m.</item>
/// <item><c>y|id</c> (and <c>x|id</c> for ratios): the indicator's value, NaN outside its base.</item>
/// <item><c>g|id|set</c>: <c>all</c>, or <c>focal</c>/<c>reference</c> of a comparison, null outside the base, so
/// every domain the engine sees has respondents with a value.</item>
/// <item><c>b|var</c>: a breakdown's code; <c>std</c>: the sex × age cell of the standardisation.</item>
/// </list>
/// </summary>
public sealed class SurveyFrame
{
    public const string AllSet = ComparisonGroups.All;
    public static readonly IReadOnlyList<string> StandardisationVariables = ["sex", "age_calibration"];

    private readonly Dictionary<string, SurveyColumn> _columns = new(StringComparer.Ordinal);

    private SurveyFrame(int rows) => RowCount = rows;

    public int RowCount { get; }

    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];

    public SurveyData Data => new(_columns.Values);

    public static string Y(Indicator indicator) => "y|" + indicator.Id;

    public static string X(Indicator indicator) => "x|" + indicator.Id;

    public static string One(Indicator indicator) => "one|" + indicator.Id;

    public static string Group(Indicator indicator, string set) => "g|" + indicator.Id + "|" + set;

    public static string Breakdown(string variable) => "b|" + variable;

    public static string Calibration(int margin) => "cal|" + margin.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const string Standardisation = "std";

    /// <summary>A person's cell of the standardisation: the codes of <see cref="StandardisationVariables"/> joined by '/', or null when one is missing.</summary>
    public static string? StandardisationCell(Func<string, Value> get) =>
        CalibrationMargins.CodesOf(StandardisationVariables, get) is { } codes ? string.Join('/', codes) : null;

    public static string Composite(Indicator indicator, string set, string breakdown) => "d|" + indicator.Id + "|" + set + "|" + breakdown;

    public double[] Numbers(string column) => ((NumericColumn)_columns[column]).Values;

    public string?[] Texts(string column) => ((TextColumn)_columns[column]).Values;

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The sets an indicator is estimated for: all, then each of its comparisons.</summary>
    public static IReadOnlyList<string> SetsOf(Indicator indicator) => [AllSet, .. indicator.Comparisons];

    /// <summary>The level of a composite column (<see cref="AddComposite"/>) for a group and a breakdown code.</summary>
    public static string CompositeLevel(string group, string code) => group + "|" + code;

    /// <summary>Adds a column crossing the group and a breakdown (<c>focal|code</c>) for a difference within a cell.</summary>
    public string AddComposite(Indicator indicator, string set, string breakdown)
    {
        var name = Composite(indicator, set, breakdown);
        if (_columns.ContainsKey(name))
        {
            return name;
        }

        var groups = Texts(Group(indicator, set));
        var codes = Texts(Breakdown(breakdown));
        var values = new string?[RowCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = groups[i] is null || codes[i] is null ? null : CompositeLevel(groups[i]!, codes[i]!);
        }

        _columns[name] = new TextColumn(name, values);
        return name;
    }

    public void AddNumeric(string name, double[] values) => _columns[name] = new NumericColumn(name, values);

    public static SurveyFrame Build(IndicatorCatalogue catalogue, SurveyWave wave, IReadOnlyList<CalibrationMargins.Margin> margins, IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(margins);
        ArgumentNullException.ThrowIfNull(indicators);
        var n = wave.Rows.Count;
        var frame = new SurveyFrame(n) { Indicators = indicators };
        var surveyAge = catalogue.Questionnaire.Population;
        // The small-area model's areas (docs/methodology/small-area.md) are a breakdown of the frame too, estimated for
        // the model's input only and never published directly.
        IEnumerable<string> areas = catalogue.Quality.SmallArea is { } smallArea ? [smallArea.Area] : [];
        var breakdowns = indicators.SelectMany(i => i.Breakdowns).Concat(areas).Distinct(StringComparer.Ordinal).ToList();
        var comparisons = indicators.SelectMany(i => i.Comparisons).Distinct(StringComparer.Ordinal).Select(catalogue.Comparison).ToList();

        var stratum = new string?[n];
        var fpc = new double[n];
        var weight = new double[n];
        var cal = margins.Select(_ => new string?[n]).ToArray();
        var std = new string?[n];
        var y = indicators.Select(_ => new double[n]).ToArray();
        var x = indicators.Select(_ => new double[n]).ToArray();
        var one = indicators.Select(_ => new double[n]).ToArray();
        var groups = indicators.Select(i => SetsOf(i).Select(_ => new string?[n]).ToArray()).ToArray();
        var codes = breakdowns.Select(_ => new string?[n]).ToArray();
        var membership = new string?[comparisons.Count];

        for (var r = 0; r < n; r++)
        {
            var row = r;
            var get = catalogue.Evaluator.For(name => wave.Get(row, name));
            stratum[r] = IndicatorMeasurement.Code(get("stratum"));
            fpc[r] = NumberOrNaN(get("stratum_population"));
            weight[r] = NumberOrNaN(get("design_weight"));
            for (var m = 0; m < margins.Count; m++)
            {
                cal[m][r] = CalibrationMargins.CellOf(margins[m].Variables, get);
            }

            std[r] = StandardisationCell(get);
            for (var b = 0; b < breakdowns.Count; b++)
            {
                codes[b][r] = IndicatorMeasurement.Code(get(breakdowns[b]));
            }

            for (var c = 0; c < comparisons.Count; c++)
            {
                membership[c] = IndicatorMeasurement.GroupOf(comparisons[c], get);
            }

            for (var k = 0; k < indicators.Count; k++)
            {
                var indicator = indicators[k];
                var measured = IndicatorMeasurement.Measure(indicator, surveyAge, get);
                y[k][r] = measured.InBase ? measured.Y : double.NaN;
                x[k][r] = measured.InBase ? measured.X : double.NaN;
                one[k][r] = measured.InBase ? 1 : double.NaN;
                var sets = SetsOf(indicator);
                for (var s = 0; s < sets.Count; s++)
                {
                    groups[k][s][r] = !measured.InBase ? null
                        : s == 0 ? AllSet
                        : membership[comparisons.FindIndex(c => c.Id == sets[s])];
                }
            }
        }

        frame._columns["stratum"] = new TextColumn("stratum", stratum);
        frame._columns["fpc"] = new NumericColumn("fpc", fpc);
        frame._columns["w"] = new NumericColumn("w", weight);
        for (var m = 0; m < margins.Count; m++)
        {
            frame._columns[Calibration(m)] = new TextColumn(Calibration(m), cal[m]);
        }

        frame._columns[Standardisation] = new TextColumn(Standardisation, std);
        for (var b = 0; b < breakdowns.Count; b++)
        {
            frame._columns[Breakdown(breakdowns[b])] = new TextColumn(Breakdown(breakdowns[b]), codes[b]);
        }

        for (var k = 0; k < indicators.Count; k++)
        {
            var indicator = indicators[k];
            frame._columns[Y(indicator)] = new NumericColumn(Y(indicator), y[k]);
            frame._columns[X(indicator)] = new NumericColumn(X(indicator), x[k]);
            frame._columns[One(indicator)] = new NumericColumn(One(indicator), one[k]);
            var sets = SetsOf(indicator);
            for (var s = 0; s < sets.Count; s++)
            {
                frame._columns[Group(indicator, sets[s])] = new TextColumn(Group(indicator, sets[s]), groups[k][s]);
            }
        }

        return frame;
    }

    private static double NumberOrNaN(Value value) => value.Kind == ValueKind.Number ? value.Number : double.NaN;
}
