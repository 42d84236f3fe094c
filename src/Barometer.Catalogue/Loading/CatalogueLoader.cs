using Barometer.Catalogue.Calibration;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.SubGoals;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Loading;

/// <summary>Everything read from the files of one catalogue folder, before it is validated as a whole.</summary>
internal sealed record CatalogueParts(
    CatalogueFileReader.Header Header,
    IReadOnlyList<SubGoal> SubGoals,
    IReadOnlyList<CatalogueFileReader.HeadlineDeclaration> Headlines,
    IReadOnlyList<Classification> Classifications,
    RegisterVariableReader.Result Registers,
    Questionnaire Questionnaire,
    IReadOnlyList<Indicator> Indicators,
    CalibrationConfig? Calibration,
    QualityRules? Quality,
    IReadOnlyList<VariableInfo> Variables);

/// <summary>Reads every file of a catalogue folder, validates the whole, and builds the catalogue when nothing is wrong.</summary>
internal static class CatalogueLoader
{
    public static CatalogueLoadResult Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            return new CatalogueLoadResult(null, [new CatalogueProblem(new SourceLocation(root, 1), "the catalogue folder does not exist")]);
        }

        var context = new LoadContext(root);
        var header = CatalogueFileReader.ReadHeader(context);
        var (subGoals, headlines) = CatalogueFileReader.ReadSubGoals(context);
        var classifications = ClassificationReader.Read(context);
        var registers = RegisterVariableReader.Read(context);
        var questionnaire = QuestionnaireReader.Read(context);
        var indicators = IndicatorReader.Read(context);
        var calibration = SettingsReader.ReadCalibration(context);
        var quality = SettingsReader.ReadQuality(context);
        var variables = BuildVariables(classifications, registers, questionnaire);
        var parts = new CatalogueParts(header, subGoals, headlines, classifications, registers, questionnaire, indicators, calibration, quality, variables);
        new CatalogueValidator(context, parts).Validate();

        if (context.Log.Count > 0 || calibration is null || quality is null || header.Title is null)
        {
            var problems = context.Log.Problems
                .OrderBy(p => p.Location.File, StringComparer.Ordinal)
                .ThenBy(p => p.Location.Line)
                .ThenBy(p => p.Location.Column)
                .ToList();
            return new CatalogueLoadResult(null, problems);
        }

        var catalogue = new IndicatorCatalogue(
            root, CatalogueVersion.Compute(root, header.Version), header.Title, WithHeadlines(subGoals, headlines, indicators), indicators, questionnaire,
            classifications, registers.Registers, registers.Variables, registers.Derived, header.Comparisons,
            header.Units, calibration, quality, variables);
        return new CatalogueLoadResult(catalogue, []);
    }

    /// <summary>
    /// Each sub-goal with its headline indicators: the ones its <c>headline:</c> names (already validated), or its
    /// first <see cref="SubGoal.DefaultHeadlineCount"/> indicators in catalogue order when it names none.
    /// </summary>
    private static List<SubGoal> WithHeadlines(
        IReadOnlyList<SubGoal> subGoals, IReadOnlyList<CatalogueFileReader.HeadlineDeclaration> headlines, IReadOnlyList<Indicator> indicators) =>
        [.. subGoals.Select(subGoal => headlines.FirstOrDefault(h => h.SubGoal == subGoal.Id) is { } chosen
            ? subGoal with { Headline = [.. chosen.Entries.Select(e => e.Id)], HeadlineChosen = true }
            : subGoal with { Headline = [.. indicators.Where(i => i.SubGoal == subGoal.Id).Take(SubGoal.DefaultHeadlineCount).Select(i => i.Id)] })];

    /// <summary>One table of every variable with the domain expressions are checked against.</summary>
    private static List<VariableInfo> BuildVariables(
        IReadOnlyList<Classification> classifications, RegisterVariableReader.Result registers, Questionnaire questionnaire)
    {
        var byId = classifications.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        VariableDomain Domain(string name, VariableType type, string? classification, bool missingAllowed) =>
            new(name, TypeOf(type), missingAllowed)
            {
                Classification = classification,
                Codes = classification is not null && byId.TryGetValue(classification, out var c) ? c.Codes.Select(x => x.Code).ToHashSet(StringComparer.Ordinal) : null,
                WholeNumbers = type == VariableType.WholeNumber,
            };

        var variables = new List<VariableInfo>();
        foreach (var v in registers.Variables)
        {
            var domain = Domain(v.Name, v.Type, v.Classification, v.MissingAllowed) with { Min = v.Min, Max = v.Max };
            variables.Add(new VariableInfo(v.Name, VariableOrigin.Register, v.Type, v.Classification, v.Description, domain, v.Location));
        }

        foreach (var d in registers.Derived)
        {
            // A band derivation is missing for a value outside every band; a rule always yields a code.
            var missingAllowed = d.Derivation is not RuleDerivation;
            variables.Add(new VariableInfo(d.Name, VariableOrigin.RegisterDerived, d.Type, d.Classification, d.Description, Domain(d.Name, d.Type, d.Classification, missingAllowed), d.Location));
        }

        foreach (var item in questionnaire.Items)
        {
            var scale = questionnaire.FindScale(item.Scale);
            var codes = scale?.Codes.Select(c => (double)c.Code).ToHashSet();
            var domain = new VariableDomain(item.Id, ExpressionType.Number, MissingAllowed: true) { NumericCodes = codes, WholeNumbers = true };
            variables.Add(new VariableInfo(item.Id, VariableOrigin.SurveyItem, VariableType.WholeNumber, null, item.Question, domain, item.Location));
            foreach (var recode in item.Recodes)
            {
                var keeps = recode.Rules.Any(r => r.KeepCode);
                var outputs = recode.Rules.Where(r => r.To is not null).Select(r => r.To!.Value).ToHashSet();
                var kept = recode.Rules.Where(r => r.KeepCode).SelectMany(r => r.Codes).Select(c => (double)c).ToList();
                var recodeDomain = new VariableDomain(recode.Name, ExpressionType.Number, MissingAllowed: true)
                {
                    NumericCodes = keeps ? null : outputs,
                    Min = keeps ? kept.Concat(outputs).DefaultIfEmpty().Min() : null,
                    Max = keeps ? kept.Concat(outputs).DefaultIfEmpty().Max() : null,
                };
                variables.Add(new VariableInfo(recode.Name, VariableOrigin.SurveyRecode, VariableType.Number, null, recode.Description, recodeDomain, recode.Location));
            }
        }

        foreach (var d in questionnaire.Derived)
        {
            variables.Add(new VariableInfo(d.Name, VariableOrigin.SurveyDerived, d.Type, null, d.Description, Domain(d.Name, d.Type, null, missingAllowed: true), d.Location));
        }

        return variables;
    }

    internal static ExpressionType TypeOf(VariableType type) => type switch
    {
        VariableType.Boolean => ExpressionType.Boolean,
        VariableType.WholeNumber or VariableType.Number => ExpressionType.Number,
        VariableType.Code => ExpressionType.Code,
        _ => ExpressionType.Unknown,
    };
}
