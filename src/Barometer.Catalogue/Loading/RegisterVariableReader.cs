using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Loading;

/// <summary>Reads register-variables.yaml: the registers, the variables they deliver, and the derived variables.</summary>
internal static class RegisterVariableReader
{
    public const string File = "register-variables.yaml";

    public sealed record Result(IReadOnlyList<Register> Registers, IReadOnlyList<RegisterVariable> Variables, IReadOnlyList<DerivedVariable> Derived);

    public static Result Read(LoadContext context)
    {
        var map = YamlMap.LoadFile(context.Root, File, context.Log);
        if (map is null)
        {
            return new Result([], [], []);
        }

        var registers = new List<Register>();
        foreach (var entry in map.Maps("registers"))
        {
            var id = entry.String("id");
            var name = entry.Text("name");
            entry.Finish();
            if (id is not null && name is not null)
            {
                registers.Add(new Register(id, name, entry.Location));
            }
        }

        var variables = new List<RegisterVariable>();
        foreach (var entry in map.Maps("variables"))
        {
            var name = context.Id(entry, "name");
            var type = entry.Enum<VariableType>("type");
            var register = entry.String("register");
            context.Refer(ReferenceKind.Register, register, entry.LocationOf("register"), $"variable '{name}'");
            var description = entry.Text("description");
            var classification = ClassificationOf(context, entry, type, name);
            var min = entry.Number("min", required: false);
            var max = entry.Number("max", required: false);
            var unit = entry.String("unit", required: false);
            context.Refer(ReferenceKind.Unit, unit, entry.LocationOf("unit"), $"variable '{name}'");
            var missingAllowed = entry.Boolean("missing_allowed", fallback: false);
            var background = entry.Boolean("background", fallback: false);
            entry.Finish();
            if (min > max)
            {
                context.Log.Add(entry.LocationOf("min"), $"variable '{name}': min {min} is above max {max}");
            }

            if (name is not null && type is not null && register is not null && description is not null)
            {
                variables.Add(new RegisterVariable(name, type.Value, register, description, classification, min, max, missingAllowed, background, unit, entry.Location));
            }
        }

        var derived = new List<DerivedVariable>();
        foreach (var entry in map.Maps("derived"))
        {
            if (ReadDerived(context, entry) is { } variable)
            {
                derived.Add(variable);
            }
        }

        map.Finish();
        context.RequireUnique(registers, r => r.Id, r => r.Location, "register");
        return new Result(registers, variables, derived);
    }

    private static string? ClassificationOf(LoadContext context, YamlMap entry, VariableType? type, string? name)
    {
        var classification = entry.String("classification", required: type == VariableType.Code);
        if (classification is not null && type != VariableType.Code)
        {
            context.Log.Add(entry.LocationOf("classification"), $"variable '{name}' has a classification but is not of type code");
        }

        context.Refer(ReferenceKind.Classification, classification, entry.LocationOf("classification"), $"variable '{name}'");
        return classification;
    }

    private static DerivedVariable? ReadDerived(LoadContext context, YamlMap entry)
    {
        var name = context.Id(entry, "name");
        var description = entry.Text("description");
        var kinds = new[] { "expression", "map", "bands", "rule" }.Where(entry.Has).ToList();
        if (kinds.Count != 1)
        {
            context.Log.Add(entry.Location, $"derived variable '{name}' needs exactly one of expression, map, bands, rule (found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))})");
        }

        Derivation? derivation = null;
        string? classification = null;
        VariableType? type = VariableType.Code;
        switch (kinds.FirstOrDefault())
        {
            case "expression":
                type = entry.Enum<VariableType>("type");
                var formula = entry.Formula("expression");
                derivation = formula is null ? null : new ExpressionDerivation(formula);
                if (type == VariableType.Code)
                {
                    classification = ClassificationOf(context, entry, type, name);
                }

                break;
            case "map" when entry.Map("map") is { } map:
                var from = map.String("from");
                classification = map.String("to");
                context.Refer(ReferenceKind.Classification, classification, map.LocationOf("to"), $"derived variable '{name}'");
                map.Finish();
                derivation = from is null || classification is null ? null : new MappingDerivation(from, classification);
                break;
            case "bands" when entry.Map("bands") is { } bands:
                var source = bands.String("from");
                classification = bands.String("classification");
                context.Refer(ReferenceKind.Classification, classification, bands.LocationOf("classification"), $"derived variable '{name}'");
                var missingCode = bands.String("missing_code", required: false);
                bands.Finish();
                derivation = source is null || classification is null ? null : new BandDerivation(source, classification, missingCode);
                break;
            case "rule" when entry.Map("rule") is { } rule:
                var ruleName = rule.String("name");
                var inputs = rule.Strings("inputs", required: true).Select(s => s.Value).ToList();
                rule.Finish();
                classification = ClassificationOf(context, entry, VariableType.Code, name);
                derivation = ruleName is null ? null : new RuleDerivation(ruleName, inputs);
                break;
        }

        entry.Finish();
        if (name is null || description is null || derivation is null || type is null)
        {
            return null;
        }

        return new DerivedVariable(name, type.Value, description, derivation, classification, entry.Location);
    }
}
