using System.Globalization;
using Barometer.Catalogue;
using Barometer.Storage.Sampling;
using YamlDotNet.RepresentationModel;

namespace Barometer.Production.Sampling;

/// <summary>A precision target: a 95 % margin of error of at most <paramref name="Margin"/> for a share <paramref name="Share"/> in the strata matching <paramref name="When"/>.</summary>
public sealed record PrecisionTarget(string Name, IReadOnlyDictionary<string, string> When, double Margin, double Share);

/// <summary>A value per stratum: a default and overrides by the code of one strata variable (the last match wins).</summary>
public sealed record ByStratum(double Default, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> By)
{
    public double For(IReadOnlyDictionary<string, string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var value = Default;
        foreach (var (variable, values) in By)
        {
            if (codes.TryGetValue(variable, out var code) && values.TryGetValue(code, out var v))
            {
                value = v;
            }
        }

        return value;
    }
}

/// <summary>The sample design file (catalogue/sample-design.yaml): frame, strata, response, cost, bounds, targets.</summary>
public sealed record SampleDesignFile(
    string Path, int MinAge, int MaxAge, IReadOnlyList<StratumRule> Strata, double Shrinkage, ByStratum Response,
    ByStratum Cost, int MinSize, int MaxSize, IReadOnlyList<PrecisionTarget> Targets)
{
    public const string FileName = "sample-design.yaml";

    /// <summary>What a register ingest counts for this design's frame: persons in its ages per combination of its strata columns.</summary>
    public FrameCellSpec FrameCells => new([.. Strata.Select(s => s.Column).Distinct(StringComparer.Ordinal)], MinAge, MaxAge);

    /// <summary>The codes of each strata variable in a stratum code (parts joined with '-').</summary>
    public IReadOnlyDictionary<string, string> Codes(string stratum)
    {
        ArgumentNullException.ThrowIfNull(stratum);
        var parts = stratum.Split('-');
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Strata.Count && i < parts.Length; i++)
        {
            codes[Strata[i].Name] = parts[i];
        }

        return codes;
    }

    /// <summary>Reads and checks the file; every problem is a ProductionException naming the file and the field.</summary>
    public static SampleDesignFile Read(string path, IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!File.Exists(path))
        {
            throw new ProductionException($"{path}: the sample design file does not exist.");
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ProductionException($"{path}: line {ex.Start.Line}: {ex.Message}", ex);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ProductionException($"{path}: expected a mapping with frame, strata, response, cost, sample_size and targets.");
        }

        var reader2 = new Reader(path);
        if (root.Children.ContainsKey(new YamlScalarNode("design_effect")))
        {
            throw new ProductionException($"{path}: design_effect: no longer a setting of the design file; `barometer plan` estimates the design effect of weighting per target from the last run (Kish's 1 + CV² of the calibrated weights' adjustment). Remove the line.");
        }

        var frame = reader2.Map(root, "frame");
        var strata = new List<StratumRule>();
        foreach (var (node, i) in reader2.Seq(root, "strata").Select((n, i) => (n, i)))
        {
            var where = $"strata[{i}]";
            var m = node as YamlMappingNode ?? throw reader2.Error(where, "a mapping with name and column");
            var name = reader2.Text(m, "name", where);
            if (name.Contains('-', StringComparison.Ordinal) || strata.Any(s => s.Name == name))
            {
                throw reader2.Error(where + ".name", $"a unique name without '-' (got '{name}')");
            }

            var column = reader2.Text(m, "column", where);
            var missing = Reader.OptionalText(m, "missing") ?? "NA";
            IReadOnlyList<(double? Max, string Code)>? bands = null;
            Dictionary<string, string>? map = null;
            if (m.Children.TryGetValue(new YamlScalarNode("bands"), out var bandNode))
            {
                bands = [.. ((YamlSequenceNode)bandNode).Children.Cast<YamlMappingNode>().Select(b =>
                    (Reader.OptionalText(b, "max") is { } x ? (double?)reader2.Number(x, where + ".bands.max") : null, reader2.Text(b, "code", where + ".bands")))];
            }

            var user = m.Children.TryGetValue(new YamlScalarNode("map"), out var mapNode)
                ? ((YamlMappingNode)mapNode).Children.ToDictionary(k => ((YamlScalarNode)k.Key).Value!, v => ((YamlScalarNode)v.Value).Value!, StringComparer.Ordinal)
                : null;
            var fallback = Reader.OptionalText(m, "default");
            if (Reader.OptionalText(m, "classification") is { } classificationId)
            {
                var classification = catalogue.FindClassification(classificationId)
                    ?? throw reader2.Error(where + ".classification", $"a classification of the catalogue (no '{classificationId}')");
                var to = reader2.Text(m, "to", where);
                if (!classification.MapsTo.Contains(to))
                {
                    throw reader2.Error(where + ".to", $"one of the mappings of {classificationId}: {string.Join(", ", classification.MapsTo)} (got '{to}')");
                }

                map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var code in classification.Codes)
                {
                    var target = classification.MapTo(to, code.Code);
                    map[code.Code] = user is null ? target : user.TryGetValue(target, out var u) ? u : fallback ?? target;
                }
            }
            else
            {
                map = user;
            }

            strata.Add(new StratumRule(name, column, map, fallback, bands, missing));
        }

        if (strata.Count == 0)
        {
            throw reader2.Error("strata", "at least one strata variable");
        }

        var response = reader2.Map(root, "response");
        var cost = reader2.Map(root, "cost");
        var size = reader2.Map(root, "sample_size");
        var targets = new List<PrecisionTarget>();
        foreach (var (node, i) in reader2.Seq(root, "targets").Select((n, i) => (n, i)))
        {
            var where = $"targets[{i}]";
            var m = node as YamlMappingNode ?? throw reader2.Error(where, "a mapping with name, when and margin");
            var when = ((YamlMappingNode)m.Children[new YamlScalarNode("when")]).Children
                .ToDictionary(k => ((YamlScalarNode)k.Key).Value!, v => ((YamlScalarNode)v.Value).Value!, StringComparer.Ordinal);
            foreach (var variable in when.Keys.Where(k => strata.All(s => s.Name != k)))
            {
                throw reader2.Error(where + ".when", $"strata variables ({string.Join(", ", strata.Select(s => s.Name))}); '{variable}' is not one");
            }

            var margin = reader2.Number(reader2.Text(m, "margin", where), where + ".margin");
            var share = Reader.OptionalText(m, "share") is { } s ? reader2.Number(s, where + ".share") : 0.5;
            if (!(margin > 0 && margin < 1) || !(share > 0 && share < 1))
            {
                throw reader2.Error(where, "a margin and a share between 0 and 1");
            }

            targets.Add(new PrecisionTarget(reader2.Text(m, "name", where), when, margin, share));
        }

        var design = new SampleDesignFile(path,
            (int)reader2.Number(reader2.Text(frame, "min_age", "frame"), "frame.min_age"), (int)reader2.Number(reader2.Text(frame, "max_age", "frame"), "frame.max_age"),
            strata, reader2.Number(reader2.Text(response, "shrinkage", "response"), "response.shrinkage"), reader2.ByStratum(response, "response"),
            reader2.ByStratum(cost, "cost"),
            (int)reader2.Number(reader2.Text(size, "min", "sample_size"), "sample_size.min"), (int)reader2.Number(reader2.Text(size, "max", "sample_size"), "sample_size.max"),
            targets);
        if (design.MinSize < 1 || design.MaxSize < design.MinSize)
        {
            throw reader2.Error("sample_size", "1 ≤ min ≤ max");
        }

        return design;
    }

    private sealed class Reader(string path)
    {
        public ProductionException Error(string field, string expected) => new($"{path}: {field}: expected {expected}.");

        public YamlMappingNode Map(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlMappingNode m ? m : throw Error(key, "a mapping");

        public IEnumerable<YamlNode> Seq(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode s ? s.Children : throw Error(key, "a list");

        public string Text(YamlMappingNode node, string key, string where) =>
            OptionalText(node, key) ?? throw Error(where.Length == 0 ? key : where + "." + key, "a value");

        public static string? OptionalText(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

        public double Number(string text, string where) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : throw Error(where, $"a number (got '{text}')");

        public ByStratum ByStratum(YamlMappingNode node, string where)
        {
            var by = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
            if (node.Children.TryGetValue(new YamlScalarNode("by"), out var b) && b is YamlMappingNode bm)
            {
                foreach (var (k, v) in bm.Children)
                {
                    by[((YamlScalarNode)k).Value!] = ((YamlMappingNode)v).Children.ToDictionary(
                        x => ((YamlScalarNode)x.Key).Value!, x => Number(((YamlScalarNode)x.Value).Value!, where + ".by"), StringComparer.Ordinal);
                }
            }

            return new ByStratum(Number(Text(node, "default", where), where + ".default"), by);
        }
    }
}
