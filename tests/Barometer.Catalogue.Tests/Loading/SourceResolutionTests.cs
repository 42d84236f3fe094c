using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Tests.Loading;

/// <summary>
/// Every survey indicator rests on questionnaire items, and every register indicator on variables that the
/// registers deliver (register-variables.yaml, which the synthetic registers must produce exactly).
/// </summary>
public class SourceResolutionTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    [Fact]
    public void SurveyIndicators_ResolveToQuestionnaireItems()
    {
        foreach (var indicator in Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey))
        {
            var items = Inputs(indicator).Where(v => v.Origin == VariableOrigin.SurveyItem).ToList();
            Assert.True(items.Count > 0, $"{indicator.Id} rests on no questionnaire item");
            Assert.All(items, item => Assert.NotNull(Catalogue.Questionnaire.FindItem(item.Name)));
        }
    }

    [Fact]
    public void RegisterIndicators_ResolveToDeliveredRegisterVariables()
    {
        var delivered = Catalogue.RegisterVariables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var indicator in Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register))
        {
            var inputs = Inputs(indicator).ToList();
            Assert.All(inputs, v => Assert.True(v.IsRegister, $"{indicator.Id} uses non-register variable {v.Name}"));
            var raw = inputs.Where(v => v.Origin == VariableOrigin.Register).Select(v => v.Name).ToList();
            Assert.NotEmpty(raw);
            Assert.All(raw, name => Assert.Contains(name, delivered));
            Assert.All(indicator.Source.Variables, name => Assert.Contains(name, delivered));
        }
    }

    [Fact]
    public void Breakdowns_AndCalibrationMargins_ResolveToDeliveredRegisterVariables()
    {
        var delivered = Catalogue.RegisterVariables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var names = Catalogue.Indicators.SelectMany(i => i.Breakdowns).Concat(Catalogue.Calibration.Margins.SelectMany(m => m.Variables)).Distinct();
        foreach (var name in names)
        {
            var roots = Roots(Catalogue.Variable(name)).ToList();
            Assert.NotEmpty(roots);
            Assert.All(roots, root => Assert.Contains(root, delivered));
        }
    }

    [Fact]
    public void IndicatorCounts_MeetTheIssue()
    {
        var counts = Catalogue.SubGoals.ToDictionary(s => s.Id, s => Catalogue.IndicatorsOf(s.Id).Count());
        Assert.Equal(5, counts.Count);
        Assert.True(counts["democratic"] >= 6);
        Assert.True(counts["social_cultural"] >= 6);
        Assert.InRange(Catalogue.Indicators.Count, 35, 60);
        Assert.All(Catalogue.IndicatorsOf("education"), i =>
        {
            Assert.Contains("foreign_vs_swedish_background", i.Comparisons);
            Assert.True(i.SeparateBySex);
        });
    }

    /// <summary>The variables an indicator reads, followed through recodes and derivations down to raw data.</summary>
    private static IEnumerable<VariableInfo> Inputs(Indicator indicator)
    {
        var formulas = new[] { indicator.Numerator, indicator.Denominator, indicator.Population.Filter }.OfType<Barometer.Catalogue.Expressions.Formula>();
        var names = formulas.SelectMany(f => f.Variables).Concat(indicator.Source.Variables).Distinct();
        return names.SelectMany(n => Expand(Catalogue.Variable(n))).DistinctBy(v => v.Name);
    }

    private static IEnumerable<VariableInfo> Expand(VariableInfo variable)
    {
        yield return variable;
        var inputs = variable.Origin switch
        {
            VariableOrigin.SurveyRecode => [Catalogue.Questionnaire.Items.Single(i => i.Recodes.Any(r => r.Name == variable.Name)).Id],
            VariableOrigin.SurveyDerived => Catalogue.Questionnaire.Derived.Single(d => d.Name == variable.Name).Formula.Variables,
            VariableOrigin.RegisterDerived => DerivationInputs(Catalogue.DerivedVariables.Single(d => d.Name == variable.Name)),
            _ => [],
        };
        foreach (var input in inputs.SelectMany(i => Expand(Catalogue.Variable(i))))
        {
            yield return input;
        }
    }

    private static IEnumerable<string> Roots(VariableInfo variable) =>
        Expand(variable).Where(v => v.Origin == VariableOrigin.Register).Select(v => v.Name);

    private static IReadOnlyList<string> DerivationInputs(DerivedVariable derived) => derived.Derivation switch
    {
        ExpressionDerivation e => e.Formula.Variables,
        MappingDerivation m => [m.From],
        BandDerivation b => [b.From],
        RuleDerivation r => r.Inputs,
        _ => [],
    };
}
