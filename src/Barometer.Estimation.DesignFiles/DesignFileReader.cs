using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Estimation.Requests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// Reads the design file of <c>barometer estimate</c> strictly: every key must be one the contract knows, every
/// value of the expected kind. A problem is one message naming the file, the line, the key path and what was
/// expected (with the allowed keys or values, and the nearest one for a typo).
/// </summary>
public static class DesignFileReader
{
    private static readonly string[] RootKeys = ["design", "calibration", "replicates", "estimates", "level"];
    private static readonly string[] DesignKeys = ["ids", "strata", "fpc", "weights", "lonely_psu"];
    private static readonly string[] CalibrationKeys = ["method", "bounds", "margins", "max_iterations"];
    private static readonly string[] MarginKeys = ["variable", "totals", "total"];
    private static readonly string[] ReplicateKeys = ["type", "columns", "rho"];
    private static readonly string[] EstimateKeys = ["id", "type", "variable", "by", "denominator", "contrast", "ci"];

    private static readonly Dictionary<string, LonelyPsuRule> LonelyRules = new(StringComparer.Ordinal)
    {
        ["fail"] = LonelyPsuRule.Fail,
        ["remove"] = LonelyPsuRule.Remove,
        ["adjust"] = LonelyPsuRule.Adjust,
        ["average"] = LonelyPsuRule.Average,
        ["certainty"] = LonelyPsuRule.Certainty,
    };

    private static readonly Dictionary<string, CalibrationMethod> Methods = new(StringComparer.Ordinal)
    {
        ["linear"] = CalibrationMethod.Linear,
        ["raking"] = CalibrationMethod.Raking,
        ["logit"] = CalibrationMethod.Logit,
    };

    /// <summary>The design file's name of a lonely-PSU rule (for files written by <c>barometer design</c>).</summary>
    public static string NameOf(LonelyPsuRule rule) => LonelyRules.Single(p => p.Value == rule).Key;

    /// <summary>The design file's name of a calibration method.</summary>
    public static string NameOf(CalibrationMethod method) => Methods.Single(p => p.Value == method).Key;

    private static readonly Dictionary<string, ReplicateType> ReplicateTypes = new(StringComparer.Ordinal)
    {
        ["jk1"] = ReplicateType.Jk1,
        ["jkn"] = ReplicateType.Jkn,
        ["bootstrap"] = ReplicateType.Bootstrap,
        ["brr"] = ReplicateType.Brr,
        ["fay"] = ReplicateType.Fay,
    };

    private static readonly Dictionary<string, EstimateType> EstimateTypes = new(StringComparer.Ordinal)
    {
        ["total"] = EstimateType.Total,
        ["mean"] = EstimateType.Mean,
        ["proportion"] = EstimateType.Proportion,
        ["ratio"] = EstimateType.Ratio,
        ["difference"] = EstimateType.Difference,
    };

    private static readonly Dictionary<string, IntervalMethod> Intervals = new(StringComparer.Ordinal)
    {
        ["wald"] = IntervalMethod.Wald,
        ["logit"] = IntervalMethod.Logit,
        ["beta"] = IntervalMethod.Beta,
    };

    public static DesignFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new DesignFileException($"design file '{path}' does not exist. Expected --design to name a YAML file with the sections design, estimates and optionally calibration, replicates and level.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new DesignFileException($"design file '{path}' does not exist (its folder is missing). Expected --design to name a YAML design file.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DesignFileException($"design file '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new DesignFileException($"design file '{path}' cannot be read: {ex.Message}", ex);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = (ex.InnerException as YamlException)?.Message ?? ex.Message;
            throw new DesignFileException(
                $"design file '{path}', line {ex.Start.Line}, column {ex.Start.Column}: this is not valid YAML ({reason.TrimEnd('.')}). " +
                "Expected 'key: value' lines, indented consistently, with each key at most once per section.", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            throw new DesignFileException(
                $"design file '{path}': this is not valid YAML (the parser stopped: {ex.Message.TrimEnd('.')}). " +
                "Expected 'key: value' lines with every [ ] and { } closed and every quote ended.", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new DesignFileException($"design file '{path}' is empty. Expected the sections design and estimates (and optionally calibration, replicates, level).");
        }

        if (stream.Documents.Count > 1)
        {
            throw new DesignFileException($"design file '{path}', line {stream.Documents[1].RootNode.Start.Line}: the file holds more than one YAML document. Expected a single design.");
        }

        return new Parser(path).Parse(stream.Documents[0].RootNode);
    }

    private sealed class Parser(string path)
    {
        private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
        private readonly List<ColumnReference> _references = [];

        public DesignFile Parse(YamlNode root)
        {
            var entries = Entries(root, string.Empty, RootKeys, "the design file");
            if (!entries.TryGetValue("design", out var designNode))
            {
                throw Error(string.Empty, root, "the section 'design' is missing. Expected design: with ids, strata, fpc, weights and lonely_psu as needed (design: {} for equal-probability element sampling).");
            }

            if (!entries.TryGetValue("estimates", out var estimatesNode))
            {
                throw Error(string.Empty, root, "the section 'estimates' is missing. Expected a list such as estimates: [{id: m1, type: mean, variable: y}].");
            }

            var design = ParseDesign(designNode);
            var calibration = entries.TryGetValue("calibration", out var c) ? ParseCalibration(c) : null;
            var replicates = entries.TryGetValue("replicates", out var r) ? ParseReplicates(r) : null;
            var estimates = ParseEstimates(estimatesNode);
            var level = 0.95;
            if (entries.TryGetValue("level", out var l))
            {
                level = Number(l, "level", "the confidence level, a number between 0 and 1 such as 0.95");
                if (!(level > 0 && level < 1))
                {
                    throw Error("level", l, $"the confidence level must be between 0 and 1 (exclusive), such as 0.95; found {Show(level)}.");
                }
            }

            return new DesignFile(path, design, calibration, replicates, estimates, level, _references, _lines);
        }

        private DesignSpec ParseDesign(YamlNode node)
        {
            var entries = Entries(node, "design", DesignKeys, "the design section");
            var ids = entries.TryGetValue("ids", out var i) ? Columns(i, "design.ids", ColumnUse.Any, "the cluster id column of each stage") : [];
            string? strata = entries.TryGetValue("strata", out var s) ? Column(s, "design.strata", ColumnUse.Any, "the stratum column") : null;
            var fpc = entries.TryGetValue("fpc", out var f) ? Columns(f, "design.fpc", ColumnUse.Number, "the fpc column of each stage (population count, or sampling fraction ≤ 1)") : [];
            string? weights = entries.TryGetValue("weights", out var w) ? Column(w, "design.weights", ColumnUse.Number, "the sampling-weight column") : null;
            var lonely = entries.TryGetValue("lonely_psu", out var lp) ? Choice(lp, "design.lonely_psu", LonelyRules) : LonelyPsuRule.Fail;
            return new DesignSpec(ids, strata, fpc, weights, lonely);
        }

        private CalibrationSpec ParseCalibration(YamlNode node)
        {
            var entries = Entries(node, "calibration", CalibrationKeys, "the calibration section");
            if (!entries.TryGetValue("method", out var methodNode))
            {
                throw Error("calibration", node, "the calibration method is missing. Expected method: linear, raking or logit.");
            }

            var method = Choice(methodNode, "calibration.method", Methods);
            GWeightBounds? bounds = null;
            if (entries.TryGetValue("bounds", out var b))
            {
                var items = Sequence(b, "calibration.bounds", "two numbers [lower, upper] bounding the g-weights, such as [0.7, 1.7]");
                if (items.Count != 2)
                {
                    throw Error("calibration.bounds", b, $"expected two numbers [lower, upper] bounding the g-weights, such as [0.7, 1.7]; found {items.Count} value(s).");
                }

                bounds = new GWeightBounds(
                    Number(items[0], "calibration.bounds[0]", "the lower g-weight bound"),
                    Number(items[1], "calibration.bounds[1]", "the upper g-weight bound"));
            }

            if (!entries.TryGetValue("margins", out var marginsNode))
            {
                throw Error("calibration", node, "the calibration margins are missing. Expected margins: a list of {variable: v, totals: {level: count, ...}} or {variable: v, total: number}.");
            }

            var marginItems = Sequence(marginsNode, "calibration.margins", "a list of margins, each {variable: v, totals: {level: count}} or {variable: v, total: number}");
            if (marginItems.Count == 0)
            {
                throw Error("calibration.margins", marginsNode, "expected at least one margin, each {variable: v, totals: {level: count}} or {variable: v, total: number}.");
            }

            var margins = new List<CalibrationMargin>();
            for (var m = 0; m < marginItems.Count; m++)
            {
                margins.Add(ParseMargin(marginItems[m], $"calibration.margins[{m}]"));
            }

            var maxIterations = 50;
            if (entries.TryGetValue("max_iterations", out var iterationsNode))
            {
                var value = Number(iterationsNode, "calibration.max_iterations", "the most calibration iterations, a whole number such as 50");
                if (!(value >= 1 && value <= 10_000 && value == Math.Floor(value)))
                {
                    throw Error("calibration.max_iterations", iterationsNode, $"expected a whole number of iterations from 1 to 10000, such as 50; found {Show(value)}.");
                }

                maxIterations = (int)value;
            }

            return new CalibrationSpec(method, bounds, margins, maxIterations);
        }

        private CalibrationMargin ParseMargin(YamlNode node, string key)
        {
            var entries = Entries(node, key, MarginKeys, "a calibration margin");
            if (!entries.TryGetValue("variable", out var v))
            {
                throw Error(key, node, "the margin names no variable. Expected {variable: v, totals: {level: count}} or {variable: v, total: number}.");
            }

            var hasTotals = entries.TryGetValue("totals", out var totalsNode);
            var hasTotal = entries.TryGetValue("total", out var totalNode);
            if (hasTotals == hasTotal)
            {
                throw Error(key, node, hasTotals
                    ? "the margin has both 'totals' and 'total'. Expected totals: {level: count, ...} for a categorical variable, or total: number for a numeric one."
                    : "the margin has neither 'totals' nor 'total'. Expected totals: {level: count, ...} for a categorical variable, or total: number for a numeric one.");
            }

            if (hasTotals)
            {
                var variable = Column(v, $"{key}.variable", ColumnUse.Any, "the categorical variable of the margin");
                if (totalsNode is not YamlMappingNode map || map.Children.Count == 0)
                {
                    throw Error($"{key}.totals", totalsNode!, $"expected a population count for every level, such as totals: {{\"1\": 5324785, \"2\": 5262925}}; found {Describe(totalsNode!)}.");
                }

                var totals = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (levelNode, valueNode) in map.Children)
                {
                    var level = levelNode is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value! : throw Error($"{key}.totals", levelNode, $"expected a level of '{variable}' as the key; found {Describe(levelNode)}.");
                    var levelKey = $"{key}.totals.{level}";
                    _lines[levelKey] = Line(levelNode);
                    if (!totals.TryAdd(level, Number(valueNode, levelKey, $"the population count of level '{level}'")))
                    {
                        throw Error(levelKey, levelNode, $"level '{level}' has more than one total. Expected each level once.");
                    }
                }

                return new CategoricalMargin(variable, totals);
            }

            var numeric = Column(v, $"{key}.variable", ColumnUse.Number, "the numeric variable of the margin");
            return new NumericMargin(numeric, Number(totalNode!, $"{key}.total", $"the population total of '{numeric}'"));
        }

        private ReplicatesEntry ParseReplicates(YamlNode node)
        {
            var entries = Entries(node, "replicates", ReplicateKeys, "the replicates section");
            if (!entries.TryGetValue("type", out var typeNode))
            {
                throw Error("replicates", node, "the replicate type is missing. Expected type: jk1, jkn, bootstrap, brr or fay.");
            }

            var type = Choice(typeNode, "replicates.type", ReplicateTypes);
            IReadOnlyList<string>? patterns = null;
            if (entries.TryGetValue("columns", out var columnsNode))
            {
                patterns = TextList(columnsNode, "replicates.columns", "the replicate-weight columns, as a name pattern such as \"rw_*\" or a list of names");
            }
            else if (type is not (ReplicateType.Jk1 or ReplicateType.Jkn))
            {
                throw Error("replicates", node, $"type {Name(ReplicateTypes, type)} needs the replicate-weight columns (columns: \"rw_*\"); only jk1 and jkn replicates can be generated from the design.");
            }

            double? rho = null;
            if (entries.TryGetValue("rho", out var rhoNode))
            {
                if (type != ReplicateType.Fay)
                {
                    throw Error("replicates.rho", rhoNode, $"rho applies to type fay only; this is type {Name(ReplicateTypes, type)}. Remove rho or use type: fay.");
                }

                rho = Number(rhoNode, "replicates.rho", "Fay's rho, a number in [0, 1)");
                if (!(rho >= 0 && rho < 1))
                {
                    throw Error("replicates.rho", rhoNode, $"Fay's rho must be in [0, 1), such as 0.5; found {Show(rho.Value)}.");
                }
            }
            else if (type == ReplicateType.Fay)
            {
                throw Error("replicates", node, "type fay needs Fay's rho (rho: 0.5, say), the factor applied to the weights of the half-sample left out.");
            }

            return new ReplicatesEntry(type, patterns, rho);
        }

        private List<EstimateSpec> ParseEstimates(YamlNode node)
        {
            var items = Sequence(node, "estimates", "a list of estimates, each {id: ..., type: ..., variable: ...}");
            if (items.Count == 0)
            {
                throw Error("estimates", node, "expected at least one estimate, such as {id: m1, type: mean, variable: y}.");
            }

            var estimates = new List<EstimateSpec>();
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var e = 0; e < items.Count; e++)
            {
                var key = $"estimates[{e}]";
                var estimate = ParseEstimate(items[e], key);
                if (!ids.TryAdd(estimate.Id, e))
                {
                    throw Error($"{key}.id", items[e], $"the id '{estimate.Id}' is already used by estimates[{ids[estimate.Id]}]. Expected a unique id for every estimate.");
                }

                estimates.Add(estimate);
            }

            return estimates;
        }

        private EstimateSpec ParseEstimate(YamlNode node, string key)
        {
            var entries = Entries(node, key, EstimateKeys, "an estimate");
            var id = entries.TryGetValue("id", out var idNode)
                ? Text(idNode, $"{key}.id", "an id for the estimate")
                : throw Error(key, node, "the estimate has no id. Expected {id: ..., type: ..., variable: ...}.");
            var type = entries.TryGetValue("type", out var typeNode)
                ? Choice(typeNode, $"{key}.type", EstimateTypes)
                : throw Error(key, node, $"estimate '{id}' has no type. Expected type: total, mean, proportion, ratio or difference.");
            if (!entries.TryGetValue("variable", out var variableNode))
            {
                throw Error(key, node, $"estimate '{id}' has no variable. Expected variable: the column to estimate.");
            }

            var variable = Column(variableNode, $"{key}.variable", type == EstimateType.Proportion ? ColumnUse.Any : ColumnUse.Number,
                type == EstimateType.Proportion ? "the categorical variable" : "the numeric analysis variable");
            var by = entries.TryGetValue("by", out var byNode) ? Columns(byNode, $"{key}.by", ColumnUse.Any, "the domain variables") : [];

            string? denominator = null;
            if (entries.TryGetValue("denominator", out var denominatorNode))
            {
                if (type != EstimateType.Ratio)
                {
                    throw Error($"{key}.denominator", denominatorNode, $"a denominator belongs to a ratio; estimate '{id}' is a {Name(EstimateTypes, type)}. Remove it or use type: ratio.");
                }

                denominator = Column(denominatorNode, $"{key}.denominator", ColumnUse.Number, "the denominator variable");
            }
            else if (type == EstimateType.Ratio)
            {
                throw Error(key, node, $"ratio '{id}' has no denominator. Expected denominator: the column of the denominator variable.");
            }

            List<string>? contrast = null;
            if (entries.TryGetValue("contrast", out var contrastNode))
            {
                if (type != EstimateType.Difference)
                {
                    throw Error($"{key}.contrast", contrastNode, $"a contrast belongs to a difference; estimate '{id}' is a {Name(EstimateTypes, type)}. Remove it or use type: difference.");
                }

                contrast = TextList(contrastNode, $"{key}.contrast", "the two levels to compare, first minus second, such as [foreign, native]");
                if (contrast.Count != 2 || string.Equals(contrast[0], contrast[1], StringComparison.Ordinal))
                {
                    throw Error($"{key}.contrast", contrastNode, "expected two different levels of the by variable, first minus second, such as [foreign, native].");
                }
            }
            else if (type == EstimateType.Difference)
            {
                throw Error(key, node, $"difference '{id}' has no contrast. Expected contrast: [level a, level b] of its by variable (a minus b).");
            }

            if (type == EstimateType.Difference && by.Count != 1)
            {
                throw Error(byNode is null ? key : $"{key}.by", byNode ?? node, $"difference '{id}' compares two levels of one domain variable. Expected by: [variable] with exactly one variable; found {by.Count}.");
            }

            var interval = IntervalMethod.Wald;
            if (entries.TryGetValue("ci", out var ciNode))
            {
                interval = Choice(ciNode, $"{key}.ci", Intervals);
                if (interval != IntervalMethod.Wald && type != EstimateType.Proportion)
                {
                    throw Error($"{key}.ci", ciNode, $"ci: {Name(Intervals, interval)} is for proportions; estimate '{id}' is a {Name(EstimateTypes, type)}. Use ci: wald or leave ci out.");
                }
            }

            return new EstimateSpec(id, type, variable, by, denominator, contrast, interval);
        }

        private Dictionary<string, YamlNode> Entries(YamlNode node, string key, string[] allowed, string what)
        {
            if (node is not YamlMappingNode map)
            {
                throw Error(key, node, $"expected {what} as a mapping of keys ({string.Join(", ", allowed)}); found {Describe(node)}.");
            }

            if (key.Length > 0)
            {
                _lines.TryAdd(key, Line(node));
            }

            var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var name = keyNode is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
                var path = key.Length == 0 ? name : $"{key}.{name}";
                if (Array.IndexOf(allowed, name) < 0)
                {
                    var suggestion = Nearest(name, allowed);
                    throw Error(path, keyNode, $"unknown key '{name}' in {what}. Allowed keys: {string.Join(", ", allowed)}" +
                        (suggestion is null ? "." : $" (did you mean '{suggestion}'?)."));
                }

                _lines[path] = Line(keyNode);
                entries[name] = valueNode;
            }

            return entries;
        }

        private IReadOnlyList<YamlNode> Sequence(YamlNode node, string key, string what)
        {
            if (node is not YamlSequenceNode sequence)
            {
                throw Error(key, node, $"expected {what}; found {Describe(node)}.");
            }

            return [.. sequence.Children];
        }

        private string Text(YamlNode node, string key, string what)
        {
            if (node is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                return scalar.Value!;
            }

            throw Error(key, node, $"expected {what} as text; found {Describe(node)}.");
        }

        /// <summary>One text value, or a list of them (a single value stands for a list of one).</summary>
        private List<string> TextList(YamlNode node, string key, string what, bool allowEmpty = false)
        {
            if (node is YamlSequenceNode sequence)
            {
                var list = new List<string>();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    _lines[$"{key}[{i}]"] = Line(item);
                    list.Add(Text(item, $"{key}[{i}]", what));
                }

                if (list.Count == 0 && !allowEmpty)
                {
                    throw Error(key, node, $"expected {what}; found an empty list.");
                }

                return list;
            }

            _lines[$"{key}[0]"] = Line(node);
            return [Text(node, key, what)];
        }

        private string Column(YamlNode node, string key, ColumnUse use, string what)
        {
            var name = Text(node, key, $"{what} (a column name of the data file)");
            _references.Add(new ColumnReference(name, key, use));
            return name;
        }

        private List<string> Columns(YamlNode node, string key, ColumnUse use, string what)
        {
            var names = TextList(node, key, $"{what} (a column name or a list of column names of the data file)", allowEmpty: true);
            for (var i = 0; i < names.Count; i++)
            {
                _references.Add(new ColumnReference(names[i], node is YamlSequenceNode ? $"{key}[{i}]" : key, use));
            }

            return names;
        }

        private double Number(YamlNode node, string key, string what)
        {
            if (node is YamlScalarNode scalar && !IsNull(scalar) && SurveyCsvReader.TryParseNumber(scalar.Value!, out var value))
            {
                return value;
            }

            throw Error(key, node, $"expected {what} as a number (with . as the decimal mark); found {Describe(node)}.");
        }

        private T Choice<T>(YamlNode node, string key, Dictionary<string, T> options)
            where T : struct, Enum
        {
            if (node is YamlScalarNode scalar && scalar.Value is { } text && options.TryGetValue(text, out var value))
            {
                return value;
            }

            var found = Describe(node);
            var suggestion = node is YamlScalarNode s && s.Value is { } t ? Nearest(t.ToLowerInvariant(), [.. options.Keys]) : null;
            throw Error(key, node, $"expected one of {string.Join(", ", options.Keys)}; found {found}" +
                (suggestion is null ? "." : $" (did you mean '{suggestion}'?)."));
        }

        private DesignFileException Error(string key, YamlNode node, string what) =>
            key.Length == 0
                ? new DesignFileException($"design file '{path}', line {Line(node)}: {what}")
                : new DesignFileException($"design file '{path}', line {Line(node)}, key '{key}': {what}");

        private static int Line(YamlNode node) => checked((int)node.Start.Line);

        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode s when IsNull(s) => "nothing",
            YamlScalarNode s => $"'{s.Value}'",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping (key: value pairs)",
            _ => "an alias",
        };

        private static string Name<T>(Dictionary<string, T> options, T value)
            where T : struct, Enum =>
            options.First(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key;

        private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The allowed word closest to a typo, if any (see <see cref="NameSuggestion"/>).</summary>
        private static string? Nearest(string word, string[] allowed) => NameSuggestion.Nearest(word, allowed);
    }
}
