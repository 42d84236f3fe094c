using System.Globalization;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Text;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Loading;

/// <summary>Reads questionnaire.yaml: blocks, response scales, items with filters and recodes, derived survey variables.</summary>
internal static class QuestionnaireReader
{
    public const string File = "questionnaire.yaml";

    public static Questionnaire Read(LoadContext context)
    {
        var empty = new Questionnaire(new LocalizedText("-", "-"), new AgeRange(0, 0), [], [], [], []);
        var map = YamlMap.LoadFile(context.Root, File, context.Log);
        if (map is null)
        {
            return empty;
        }

        var title = map.Text("title");
        var populationMap = map.Map("population");
        var population = populationMap is null ? null : IndicatorReader.ReadAge(context, populationMap, required: true);
        populationMap?.Finish();

        var languages = TranslationReader.ReadDeclared(context, map);
        var ui = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        if (map.Node("interface") is YamlDotNet.RepresentationModel.YamlMappingNode uiNode)
        {
            foreach (var (keyNode, _) in uiNode.Children)
            {
                if (keyNode is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } key } && new YamlMap(uiNode, map.File, context.Log).Text(key) is { } text)
                {
                    ui[key] = text;
                    TranslationReader.CheckSourcePlaceholders(context, $"interface text '{key}'", text, map.Locate(keyNode));
                }
            }
        }
        else if (map.Has("interface"))
        {
            context.Log.Add(map.LocationOf("interface"), "'interface' must be a mapping from each text's key to {sv: ..., en: ...}");
        }

        var blocks = new List<SurveyBlock>();
        foreach (var entry in map.Maps("blocks"))
        {
            var id = context.Id(entry);
            var name = entry.Text("name");
            entry.Finish();
            if (id is not null && name is not null)
            {
                blocks.Add(new SurveyBlock(id, name, entry.Location));
            }
        }

        var scales = new List<ResponseScale>();
        foreach (var entry in map.Maps("scales"))
        {
            if (ReadScale(context, entry) is { } scale)
            {
                scales.Add(scale);
            }
        }

        var items = new List<SurveyItem>();
        foreach (var entry in map.Maps("items"))
        {
            if (ReadItem(context, entry) is { } item)
            {
                items.Add(item);
            }
        }

        var derived = new List<SurveyDerivedVariable>();
        foreach (var entry in map.Maps("derived", required: false))
        {
            var name = context.Id(entry, "name");
            var type = entry.Enum<VariableType>("type");
            var description = entry.Text("description");
            var formula = entry.Formula("expression");
            entry.Finish();
            if (name is not null && type is not null && description is not null && formula is not null)
            {
                derived.Add(new SurveyDerivedVariable(name, type.Value, description, formula, entry.Location));
            }
        }

        map.Finish();
        context.RequireUnique(blocks, b => b.Id, b => b.Location, "block");
        context.RequireUnique(scales, s => s.Id, s => s.Location, "scale");
        context.RequireUnique(items, i => i.Id, i => i.Location, "item");
        var questionnaire = new Questionnaire(title ?? empty.Title, population ?? empty.Population, blocks, scales, items, derived)
        {
            Languages = languages,
            Interface = ui,
        };
        return questionnaire with { Translations = TranslationReader.Read(context, questionnaire) };
    }

    private static ResponseScale? ReadScale(LoadContext context, YamlMap entry)
    {
        var id = context.Id(entry);
        var name = entry.Text("name");
        var codes = new List<(ResponseCode Code, SourceLocation Location)>();
        foreach (var codeEntry in entry.Maps("codes"))
        {
            var code = codeEntry.Integer("code");
            var label = codeEntry.Translations($"answer code {code} of scale '{id}'");
            var missing = codeEntry.Enum<MissingKind>("missing", required: false);
            codeEntry.Finish();
            if (code is not null && label is not null)
            {
                codes.Add((new ResponseCode(code.Value, label, missing), codeEntry.Location));
            }
        }

        entry.Finish();
        context.RequireUnique(codes, c => c.Code.Code.ToString(CultureInfo.InvariantCulture), c => c.Location, $"answer code in scale '{id}'");
        foreach (var kind in new[] { MissingKind.DontKnow, MissingKind.NoAnswer })
        {
            if (codes.Count(c => c.Code.Missing == kind) != 1)
            {
                context.Log.Add(entry.Location, $"scale '{id}' needs exactly one code with missing: {YamlMap.SnakeCase(kind.ToString())} (\"{(kind == MissingKind.DontKnow ? "vet ej" : "inget svar")}\")");
            }
        }

        if (!codes.Exists(c => c.Code.Missing is null))
        {
            context.Log.Add(entry.Location, $"scale '{id}' has no substantive answer code");
        }

        return id is null || name is null ? null : new ResponseScale(id, name, [.. codes.Select(c => c.Code)], entry.Location);
    }

    private static SurveyItem? ReadItem(LoadContext context, YamlMap entry)
    {
        var id = context.Id(entry);
        var block = entry.String("block");
        context.Refer(ReferenceKind.Block, block, entry.LocationOf("block"), $"item '{id}'");
        var question = entry.Text("question");
        var scale = entry.String("scale");
        context.Refer(ReferenceKind.Scale, scale, entry.LocationOf("scale"), $"item '{id}'");
        var filter = entry.Formula("filter", required: false);
        var recodes = new List<Recode>();
        foreach (var recodeEntry in entry.Maps("recodes", required: false))
        {
            var name = context.Id(recodeEntry, "name");
            var description = recodeEntry.Text("description");
            var rules = new List<RecodeRule>();
            foreach (var ruleEntry in recodeEntry.Maps("rules"))
            {
                if (ReadRule(ruleEntry) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            recodeEntry.Finish();
            if (name is not null && description is not null)
            {
                recodes.Add(new Recode(name, description, rules, recodeEntry.Location));
            }
        }

        entry.Finish();
        return id is null || block is null || question is null || scale is null
            ? null
            : new SurveyItem(id, block, question, scale, filter, recodes, entry.Location);
    }

    private static RecodeRule? ReadRule(YamlMap entry)
    {
        var codes = new List<int>();
        var ok = true;
        foreach (var (text, location) in entry.Strings("from", required: true))
        {
            var range = text.Split("..", StringSplitOptions.TrimEntries);
            if (range.Length is 1 or 2 && range.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
            {
                var low = int.Parse(range[0], CultureInfo.InvariantCulture);
                var high = int.Parse(range[^1], CultureInfo.InvariantCulture);
                if (high < low)
                {
                    entry.Log.Add(location, $"the range {text} is empty");
                    ok = false;
                }

                codes.AddRange(Enumerable.Range(low, Math.Max(0, high - low + 1)));
            }
            else
            {
                entry.Log.Add(location, $"'{text}' is not an answer code or a range of codes such as 4..5");
                ok = false;
            }
        }

        var to = entry.String("to");
        double? value = null;
        var keep = false;
        switch (to)
        {
            case null:
                ok = false;
                break;
            case "missing":
                break;
            case "code":
                keep = true;
                break;
            default:
                if (double.TryParse(to, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    value = number;
                }
                else
                {
                    entry.Log.Add(entry.LocationOf("to"), $"'to' must be a number, 'missing' or 'code' (keep the answer code), not '{to}'");
                    ok = false;
                }

                break;
        }

        entry.Finish();
        return ok ? new RecodeRule(codes, value, keep, entry.Location) : null;
    }
}
