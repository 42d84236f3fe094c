using System.Globalization;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Barometer.Catalogue.Loading;

/// <summary>
/// Reads classifications/*.yaml. A classification lists its codes in the YAML file, or names a CSV file beside it
/// (<c>file</c>) and the columns holding the code, the labels and the codes it maps to in other classifications.
/// </summary>
internal static class ClassificationReader
{
    public const string Folder = "classifications";

    public static IReadOnlyList<Classification> Read(LoadContext context)
    {
        var folder = Path.Combine(context.Root, Folder);
        if (!Directory.Exists(folder))
        {
            context.Log.Add(new SourceLocation(Folder, 1), "the classifications folder is missing");
            return [];
        }

        var classifications = new List<Classification>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var relative = $"{Folder}/{Path.GetFileName(path)}";
            if (YamlMap.LoadFile(context.Root, relative, context.Log) is { } map && ReadOne(context, map) is { } classification)
            {
                classifications.Add(classification);
            }
        }

        context.RequireUnique(classifications, c => c.Id, c => c.Location, "classification");
        return classifications;
    }

    private static Classification? ReadOne(LoadContext context, YamlMap map)
    {
        var id = context.Id(map);
        var name = map.Text("name");
        var source = map.String("source", required: false);
        IReadOnlyList<ClassificationCode> codes;
        IReadOnlyList<string> mapsTo;
        if (map.Has("file"))
        {
            (codes, mapsTo) = ReadCsv(context, map);
        }
        else
        {
            mapsTo = [.. map.Strings("maps_to").Select(s => s.Value)];
            foreach (var target in map.Strings("maps_to"))
            {
                context.Refer(ReferenceKind.Classification, target.Value, target.Location, $"classification '{id}'");
            }

            codes = ReadYamlCodes(map, mapsTo);
        }

        map.Finish();
        if (id is null || name is null)
        {
            return null;
        }

        context.RequireUnique(codes, c => c.Code, c => c.Location, $"code in classification '{id}'");
        CheckBands(context, codes);
        return new Classification(id, name, source, codes, mapsTo, map.Location);
    }

    private static List<ClassificationCode> ReadYamlCodes(YamlMap map, IReadOnlyList<string> mapsTo)
    {
        var codes = new List<ClassificationCode>();
        foreach (var entry in map.Maps("codes"))
        {
            var code = entry.String("code");
            var label = entry.Translations($"code '{code}'");
            var min = entry.Number("min", required: false);
            var max = entry.Number("max", required: false);
            var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (target, value, location) in entry.Pairs("map"))
            {
                if (!mapsTo.Contains(target))
                {
                    map.Log.Add(location, $"code '{code}' maps to '{target}', which is not listed in maps_to");
                }

                mappings[target] = value;
            }

            foreach (var target in mapsTo.Where(t => !mappings.ContainsKey(t)))
            {
                map.Log.Add(entry.Location, $"code '{code}' has no mapping to '{target}' (every code maps to exactly one code of each classification in maps_to)");
            }

            entry.Finish();
            if (code is not null && label is not null)
            {
                codes.Add(new ClassificationCode(code, label, min, max, mappings, entry.Location));
            }
        }

        return codes;
    }

    private static (IReadOnlyList<ClassificationCode> Codes, IReadOnlyList<string> MapsTo) ReadCsv(LoadContext context, YamlMap map)
    {
        var file = map.String("file");
        var columns = map.Map("columns");
        var codeColumn = columns?.String("code");
        var svColumn = columns?.String("sv");
        var enColumn = columns?.String("en");
        columns?.Finish();
        var mapColumns = map.Pairs("mapping_columns");
        foreach (var (target, _, location) in mapColumns)
        {
            context.Refer(ReferenceKind.Classification, target, location, $"mapping_columns of {map.File}");
        }

        IReadOnlyList<string> mapsTo = [.. mapColumns.Select(p => p.Key)];
        if (file is null || codeColumn is null || svColumn is null || enColumn is null)
        {
            return ([], mapsTo);
        }

        var relative = $"{Folder}/{file}";
        var path = Path.Combine(context.Root, Folder, file);
        if (!File.Exists(path))
        {
            context.Log.Add(map.LocationOf("file"), $"the code file '{relative}' does not exist");
            return ([], mapsTo);
        }

        var codes = new List<ClassificationCode>();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            context.Log.Add(new SourceLocation(relative, 1), "the file has no header row");
            return ([], mapsTo);
        }

        var wanted = new[] { codeColumn, svColumn, enColumn }.Concat(mapColumns.Select(p => p.Value)).Distinct(StringComparer.Ordinal);
        var missingColumns = wanted.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missingColumns.Count > 0)
        {
            context.Log.Add(new SourceLocation(relative, 1), $"the header lacks column(s) {string.Join(", ", missingColumns)}; it has {string.Join(", ", header)}");
            return ([], mapsTo);
        }

        while (csv.Read())
        {
            var location = new SourceLocation(relative, csv.Parser.RawRow);
            var code = csv.GetField(codeColumn)?.Trim();
            var sv = csv.GetField(svColumn)?.Trim();
            var en = csv.GetField(enColumn)?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                context.Log.Add(location, $"empty code in column '{codeColumn}'");
                continue;
            }

            if (string.IsNullOrEmpty(sv) || string.IsNullOrEmpty(en))
            {
                context.Log.Add(location, $"missing translation: code '{code}' has no {(string.IsNullOrEmpty(sv) ? "Swedish" : "English")} label");
                continue;
            }

            var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (target, column, _) in mapColumns)
            {
                var value = csv.GetField(column)?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    context.Log.Add(location, $"code '{code}' has no '{target}' code in column '{column}' (every code maps to exactly one)");
                }
                else
                {
                    mappings[target] = value;
                }
            }

            codes.Add(new ClassificationCode(code, new LocalizedText(sv, en), null, null, mappings, location));
        }

        return (codes, mapsTo);
    }

    private static void CheckBands(LoadContext context, IReadOnlyList<ClassificationCode> codes)
    {
        var bands = codes.Where(c => c.IsBand).ToList();
        foreach (var band in bands)
        {
            if (band.Min > band.Max)
            {
                context.Log.Add(band.Location, $"band '{band.Code}' is empty: min {band.Min} is above max {band.Max}");
            }
        }

        for (var i = 0; i < bands.Count; i++)
        {
            for (var j = i + 1; j < bands.Count; j++)
            {
                var (a, b) = (bands[i], bands[j]);
                if ((a.Min ?? double.NegativeInfinity) <= (b.Max ?? double.PositiveInfinity) && (b.Min ?? double.NegativeInfinity) <= (a.Max ?? double.PositiveInfinity))
                {
                    context.Log.Add(b.Location, $"band '{b.Code}' overlaps band '{a.Code}'");
                }
            }
        }
    }
}
