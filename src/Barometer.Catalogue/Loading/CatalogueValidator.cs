using System.Globalization;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Loading;

/// <summary>
/// The checks that need more than one file: references between files, codes against classifications,
/// expressions against the variables in scope, recodes against answer scales, populations that can never hold
/// anyone, and the rules the sub-goals set for their indicators. Every problem is logged; nothing throws.
/// </summary>
internal sealed class CatalogueValidator
{
    private const string AgeVariable = "age";
    private const string ForeignBornVariable = "foreign_born";

    private readonly LoadContext _context;
    private readonly CatalogueParts _parts;
    private readonly Dictionary<string, Classification> _classifications;
    private readonly Dictionary<string, VariableInfo> _variables;
    private readonly HashSet<string> _background;
    private readonly VariableScope _registerScope;
    private readonly VariableScope _surveyScope;

    public CatalogueValidator(LoadContext context, CatalogueParts parts)
    {
        _context = context;
        _parts = parts;
        _classifications = parts.Classifications.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _variables = parts.Variables.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _background = parts.Registers.Variables.Where(v => v.Background).Select(v => v.Name)
            .Concat(parts.Registers.Derived.Select(d => d.Name))
            .ToHashSet(StringComparer.Ordinal);
        _registerScope = new VariableScope(parts.Variables.Where(v => v.IsRegister));
        _surveyScope = new VariableScope(parts.Variables);
    }

    private CatalogueProblemLog Log => _context.Log;

    public void Validate()
    {
        _context.RequireUnique(_parts.Variables, v => v.Name, v => v.Location, "variable name");
        ResolveReferences();
        CheckClassificationMappings();
        CheckDerivedVariables();
        CheckQuestionnaire();
        CheckComparisons();
        foreach (var indicator in _parts.Indicators)
        {
            CheckIndicator(indicator);
        }

        CheckSubGoals();
        CheckHeadlines();
        CheckCalibration();
        CheckSmallArea();
    }

    private void ResolveReferences()
    {
        var names = new Dictionary<ReferenceKind, IReadOnlyCollection<string>>
        {
            [ReferenceKind.SubGoal] = [.. _parts.SubGoals.Select(s => s.Id)],
            [ReferenceKind.Classification] = _classifications.Keys,
            [ReferenceKind.Scale] = [.. _parts.Questionnaire.Scales.Select(s => s.Id)],
            [ReferenceKind.Block] = [.. _parts.Questionnaire.Blocks.Select(b => b.Id)],
            [ReferenceKind.Comparison] = [.. _parts.Header.Comparisons.Select(c => c.Id)],
            [ReferenceKind.Unit] = [.. _parts.Header.Units.Select(u => u.Id)],
            [ReferenceKind.Register] = [.. _parts.Registers.Registers.Select(r => r.Id)],
            [ReferenceKind.CodeVariable] = [.. _registerScope.Names],
            [ReferenceKind.RegisterVariable] = [.. _registerScope.Names],
        };
        foreach (var reference in _context.References)
        {
            var known = names[reference.Kind];
            if (!known.Contains(reference.Name))
            {
                var what = reference.Kind is ReferenceKind.CodeVariable or ReferenceKind.RegisterVariable
                    ? "register variable"
                    : YamlMap.SnakeCase(reference.Kind.ToString()).Replace('_', ' ');
                var hint = _surveyScope.Info(reference.Name) is not null ? " (it is a survey variable)" : Suggest(reference.Name, known);
                Log.Add(reference.Location, $"{reference.Context}: unknown {what} '{reference.Name}'{hint}");
            }
            else if (reference.Kind == ReferenceKind.CodeVariable && _registerScope.Info(reference.Name) is { } variable
                     && (variable.Type != VariableType.Code || variable.Classification is null))
            {
                Log.Add(reference.Location, $"{reference.Context}: '{reference.Name}' is not a code variable with a classification, so nothing can be broken down or calibrated by it");
            }
        }
    }

    private void CheckClassificationMappings()
    {
        foreach (var classification in _parts.Classifications)
        {
            foreach (var code in classification.Codes)
            {
                foreach (var (target, value) in code.Mappings)
                {
                    if (_classifications.TryGetValue(target, out var targetClassification) && !targetClassification.Contains(value))
                    {
                        Log.Add(code.Location, $"code '{code.Code}' of classification '{classification.Id}' maps to '{value}', which is not a code of classification '{target}'");
                    }
                }
            }
        }
    }

    private void CheckDerivedVariables()
    {
        foreach (var derived in _parts.Registers.Derived)
        {
            switch (derived.Derivation)
            {
                case ExpressionDerivation expression:
                    CheckFormula(expression.Formula, _registerScope, CatalogueLoader.TypeOf(derived.Type), $"derived variable '{derived.Name}'");
                    break;
                case MappingDerivation mapping:
                    if (RequireVariable(mapping.From, derived, VariableType.Code) is { Classification: { } source }
                        && _classifications.TryGetValue(source, out var sourceClassification)
                        && !sourceClassification.MapsTo.Contains(mapping.Classification))
                    {
                        Log.Add(derived.Location, $"derived variable '{derived.Name}': classification '{source}' of '{mapping.From}' has no mapping to '{mapping.Classification}' (it maps to: {string.Join(", ", sourceClassification.MapsTo.DefaultIfEmpty("nothing"))})");
                    }

                    break;
                case BandDerivation bands:
                    RequireVariable(bands.From, derived, VariableType.Number);
                    if (_classifications.TryGetValue(bands.Classification, out var scheme))
                    {
                        if (!scheme.IsBandScheme)
                        {
                            Log.Add(derived.Location, $"derived variable '{derived.Name}': classification '{scheme.Id}' has no bands (min/max)");
                        }

                        if (bands.MissingCode is { } missingCode && scheme.Find(missingCode) is not { IsBand: false })
                        {
                            Log.Add(derived.Location, $"derived variable '{derived.Name}': missing_code '{missingCode}' must be a code of '{scheme.Id}' that is not a band");
                        }
                    }

                    break;
                case RuleDerivation rule:
                    CheckRule(derived, rule);
                    break;
            }
        }

        CheckDerivationCycles();
    }

    private void CheckRule(DerivedVariable derived, RuleDerivation rule)
    {
        if (rule.Rule != SwedishBackground.RuleName)
        {
            Log.Add(derived.Location, $"derived variable '{derived.Name}': unknown rule '{rule.Rule}' (the rules are: {SwedishBackground.RuleName})");
            return;
        }

        if (rule.Inputs.Count != 3)
        {
            Log.Add(derived.Location, $"rule {SwedishBackground.RuleName} takes three inputs: the person's, the mother's and the father's country of birth");
        }

        foreach (var input in rule.Inputs)
        {
            if (RequireVariable(input, derived, VariableType.Code) is { Classification: { } countries }
                && _classifications.TryGetValue(countries, out var classification) && !classification.Contains(SwedishBackground.Sweden))
            {
                Log.Add(derived.Location, $"rule {SwedishBackground.RuleName}: input '{input}' uses classification '{countries}', which has no code '{SwedishBackground.Sweden}' for Sweden");
            }
        }

        if (derived.Classification != SwedishBackground.DetailClassification)
        {
            Log.Add(derived.Location, $"rule {SwedishBackground.RuleName} yields codes of classification '{SwedishBackground.DetailClassification}', not '{derived.Classification}'");
        }
        else if (_classifications.TryGetValue(SwedishBackground.DetailClassification, out var detail))
        {
            string[] codes = [SwedishBackground.ForeignBorn, SwedishBackground.NativeBornTwoForeignBornParents, SwedishBackground.NativeBornOneForeignBornParent, SwedishBackground.NativeBornTwoNativeBornParents];
            foreach (var code in codes.Where(c => !detail.Contains(c)))
            {
                Log.Add(detail.Location, $"classification '{detail.Id}' lacks code '{code}', which rule {SwedishBackground.RuleName} yields");
            }
        }
    }

    private VariableInfo? RequireVariable(string name, DerivedVariable derived, VariableType wanted)
    {
        if (_registerScope.Info(name) is not { } variable)
        {
            Log.Add(derived.Location, $"derived variable '{derived.Name}': unknown register variable '{name}'{Suggest(name, _registerScope.Names)}");
            return null;
        }

        var matches = wanted == VariableType.Number ? variable.Type is VariableType.Number or VariableType.WholeNumber : variable.Type == wanted;
        if (!matches)
        {
            Log.Add(derived.Location, $"derived variable '{derived.Name}': '{name}' must be of type {YamlMap.SnakeCase(wanted.ToString())}, but it is {YamlMap.SnakeCase(variable.Type.ToString())}");
            return null;
        }

        return variable;
    }

    private void CheckDerivationCycles()
    {
        var inputs = _parts.Registers.Derived.ToDictionary(
            d => d.Name,
            d => d.Derivation switch
            {
                ExpressionDerivation e => e.Formula.Variables,
                MappingDerivation m => [m.From],
                BandDerivation b => [b.From],
                RuleDerivation r => r.Inputs,
                _ => (IReadOnlyList<string>)[],
            },
            StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var derived in _parts.Registers.Derived)
        {
            var path = new List<string>();
            if (FindCycle(derived.Name, inputs, path, done))
            {
                Log.Add(derived.Location, $"derived variable '{derived.Name}' depends on itself: {string.Join(" → ", path)}");
            }
        }
    }

    private static bool FindCycle(string name, Dictionary<string, IReadOnlyList<string>> inputs, List<string> path, HashSet<string> done)
    {
        if (path.Contains(name))
        {
            path.Add(name);
            return path[0] == name;
        }

        if (done.Contains(name) || !inputs.TryGetValue(name, out var next))
        {
            return false;
        }

        path.Add(name);
        foreach (var input in next)
        {
            if (FindCycle(input, inputs, path, done))
            {
                return true;
            }
        }

        path.RemoveAt(path.Count - 1);
        done.Add(name);
        return false;
    }

    private void CheckQuestionnaire()
    {
        var questionnaire = _parts.Questionnaire;
        var surveyAge = AgeConditions(questionnaire.Population);
        var asked = _parts.Variables.Where(v => v.IsRegister).ToList();
        foreach (var item in questionnaire.Items)
        {
            var scale = questionnaire.FindScale(item.Scale);
            if (item.Filter is { } filter)
            {
                var scope = new VariableScope(asked);
                if (CheckFormula(filter, scope, ExpressionType.Boolean, $"filter of item '{item.Id}'")
                    && !Satisfiability.CanHold([.. surveyAge, filter.Root], scope))
                {
                    Log.Add(filter.Location, $"item '{item.Id}' is never asked: its filter cannot hold for anyone aged {questionnaire.Population}");
                }
            }

            if (scale is not null)
            {
                foreach (var recode in item.Recodes)
                {
                    CheckRecode(item, recode, scale);
                }
            }

            asked.AddRange(_parts.Variables.Where(v => v.Name == item.Id || item.Recodes.Any(r => r.Name == v.Name)));
        }

        foreach (var derived in questionnaire.Derived)
        {
            var scope = new VariableScope(asked);
            CheckFormula(derived.Formula, scope, CatalogueLoader.TypeOf(derived.Type), $"derived survey variable '{derived.Name}'");
            asked.AddRange(_parts.Variables.Where(v => v.Name == derived.Name));
        }
    }

    private void CheckRecode(SurveyItem item, Recode recode, ResponseScale scale)
    {
        var covered = new Dictionary<int, SourceLocation>();
        foreach (var rule in recode.Rules)
        {
            foreach (var code in rule.Codes)
            {
                if (scale.Find(code) is not { } answer)
                {
                    var codes = string.Join(", ", scale.Codes.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)));
                    Log.Add(rule.Location, $"recode '{recode.Name}' of item '{item.Id}' refers to answer code {code}, which scale '{scale.Id}' does not have (its codes are {codes})");
                    continue;
                }

                if (rule.KeepCode && answer.Missing is { } kind)
                {
                    Log.Add(rule.Location, $"recode '{recode.Name}' keeps code {code} ({YamlMap.SnakeCase(kind.ToString())}) as a value: map it to missing");
                }

                if (covered.TryGetValue(code, out var first))
                {
                    Log.Add(rule.Location, $"recode '{recode.Name}' maps answer code {code} twice (first at line {first.Line})");
                }
                else
                {
                    covered.Add(code, rule.Location);
                }
            }
        }

        foreach (var answer in scale.Codes.Where(c => !covered.ContainsKey(c.Code)))
        {
            Log.Add(recode.Location, $"recode '{recode.Name}' of item '{item.Id}' does not say what answer code {answer.Code} ('{answer.Label.Sv}') becomes");
        }
    }

    private void CheckComparisons()
    {
        foreach (var comparison in _parts.Header.Comparisons)
        {
            CheckFormula(comparison.Focal.Condition, _registerScope, ExpressionType.Boolean, $"focal group of comparison '{comparison.Id}'");
            CheckFormula(comparison.Reference.Condition, _registerScope, ExpressionType.Boolean, $"reference group of comparison '{comparison.Id}'");
        }
    }

    private void CheckIndicator(Indicator indicator)
    {
        var survey = indicator.Source.Kind == SourceKind.Survey;
        var scope = survey ? _surveyScope : _registerScope;
        var what = $"indicator '{indicator.Id}'";
        CheckSource(indicator);

        var (numeratorType, denominatorType) = indicator.Statistic switch
        {
            StatisticKind.Proportion => (ExpressionType.Boolean, (ExpressionType?)ExpressionType.Boolean),
            StatisticKind.Ratio => (ExpressionType.Number, ExpressionType.Number),
            _ => (ExpressionType.Number, null),
        };
        var statistic = YamlMap.SnakeCase(indicator.Statistic.ToString());
        var valid = CheckIndicatorFormula(indicator.Numerator, survey, numeratorType, $"numerator of {what}");
        if (denominatorType is { } wanted)
        {
            if (indicator.Denominator is null)
            {
                Log.Add(indicator.Location, $"{what}: a {statistic} needs a denominator ({(wanted == ExpressionType.Boolean ? "the condition defining the base, e.g. not missing(x)" : "the value summed below the line")})");
                valid = false;
            }
        }
        else if (indicator.Denominator is { } denominator)
        {
            Log.Add(denominator.Location, $"{what}: a {statistic} has no denominator; remove it");
        }

        if (indicator.Denominator is { } den && denominatorType is { } denType)
        {
            valid &= CheckIndicatorFormula(den, survey, denType, $"denominator of {what}");
        }

        if (indicator.Population.Filter is { } filter)
        {
            valid &= CheckIndicatorFormula(filter, survey, ExpressionType.Boolean, $"population filter of {what}");
        }

        var surveyPopulation = _parts.Questionnaire.Population;
        if (survey && indicator.Population.Age is { } age && (age.Min < surveyPopulation.Min || age.Max > surveyPopulation.Max))
        {
            Log.Add(indicator.Location, $"{what}: ages {age} reach outside the survey population ({surveyPopulation})");
        }

        if (indicator.SeparateBySex && _registerScope.Info("sex") is null)
        {
            Log.Add(indicator.Location, $"{what}: separate_by_sex needs a register variable 'sex'");
        }

        if (valid)
        {
            CheckPopulationCanHold(indicator, scope);
        }
    }

    private bool CheckIndicatorFormula(Formula formula, bool survey, ExpressionType wanted, string what)
    {
        var valid = CheckFormula(formula, _surveyScope, wanted, what);
        if (!survey)
        {
            foreach (var reference in References(formula.Root).Where(r => _surveyScope.Info(r.Name) is { IsRegister: false }))
            {
                Log.Add(formula.Locate(reference.Span), $"in {what}: '{reference.Name}' is a survey variable, but the indicator's source is the registers");
                valid = false;
            }
        }

        return valid;
    }

    private void CheckSource(Indicator indicator)
    {
        var survey = indicator.Source.Kind == SourceKind.Survey;
        foreach (var name in indicator.Source.Variables)
        {
            var variable = _surveyScope.Info(name);
            if (variable is null)
            {
                Log.Add(indicator.Location, $"indicator '{indicator.Id}': its source lists unknown {(survey ? "survey" : "register")} variable '{name}'{Suggest(name, survey ? _surveyScope.Names : _registerScope.Names)}");
            }
            else if (survey && variable.IsRegister && !_background.Contains(name))
            {
                Log.Add(indicator.Location, $"indicator '{indicator.Id}': '{name}' is a register variable; a survey indicator's source lists questionnaire items, recodes or derived survey variables");
            }
            else if (!survey && !variable.IsRegister)
            {
                Log.Add(indicator.Location, $"indicator '{indicator.Id}': '{name}' is a survey variable; a register indicator's source lists register variables");
            }
        }

        var formulas = new[] { indicator.Numerator, indicator.Denominator, indicator.Population.Filter }.OfType<Formula>();
        var used = formulas.SelectMany(f => f.Variables).ToHashSet(StringComparer.Ordinal);
        foreach (var formula in formulas)
        {
            foreach (var reference in References(formula.Root))
            {
                if (!_background.Contains(reference.Name) && !indicator.Source.Variables.Contains(reference.Name)
                    && _surveyScope.Info(reference.Name) is not null)
                {
                    Log.Add(formula.Locate(reference.Span), $"indicator '{indicator.Id}' uses '{reference.Name}', which its source does not list");
                }
            }
        }

        foreach (var name in indicator.Source.Variables.Where(n => !used.Contains(n)))
        {
            Log.Add(indicator.Location, $"indicator '{indicator.Id}': its source lists '{name}', but neither numerator, denominator nor population uses it");
        }
    }

    private void CheckPopulationCanHold(Indicator indicator, VariableScope scope)
    {
        var population = indicator.Population;
        var conditions = new List<Expression>();
        var age = population.Age ?? (indicator.Source.Kind == SourceKind.Survey ? _parts.Questionnaire.Population : null);
        if (age is not null)
        {
            if (indicator.Source.Kind == SourceKind.Survey)
            {
                conditions.AddRange(AgeConditions(_parts.Questionnaire.Population));
            }

            conditions.AddRange(AgeConditions(age));
        }

        if (population.Born != BirthScope.Everyone)
        {
            if (scope.Find(ForeignBornVariable) is null)
            {
                Log.Add(indicator.Location, $"indicator '{indicator.Id}': born: {YamlMap.SnakeCase(population.Born.ToString())} needs a boolean variable '{ForeignBornVariable}'");
                return;
            }

            Expression foreignBorn = new VariableReference(ForeignBornVariable, default);
            conditions.Add(population.Born == BirthScope.ForeignBorn ? foreignBorn : new UnaryExpression(UnaryOperator.Not, foreignBorn, default));
        }

        if (population.Filter is { } filter)
        {
            conditions.Add(filter.Root);
        }

        if (indicator.Statistic == StatisticKind.Proportion && indicator.Denominator is { } denominator)
        {
            conditions.Add(denominator.Root);
        }

        if (!Satisfiability.CanHold(conditions, scope))
        {
            Log.Add(indicator.Location, $"indicator '{indicator.Id}': the population can never be non-empty (its age range, birth scope, filter and denominator contradict each other)");
            return;
        }

        foreach (var comparison in _parts.Header.Comparisons.Where(c => indicator.Comparisons.Contains(c.Id)))
        {
            foreach (var group in new[] { comparison.Focal, comparison.Reference })
            {
                if (!Satisfiability.CanHold([.. conditions, group.Condition.Root], scope))
                {
                    Log.Add(indicator.Location, $"indicator '{indicator.Id}': comparison '{comparison.Id}' cannot be made: the group '{group.Label.En}' is always empty in this population");
                }
            }
        }
    }

    private void CheckSubGoals()
    {
        foreach (var subGoal in _parts.SubGoals)
        {
            var indicators = _parts.Indicators.Where(i => i.SubGoal == subGoal.Id).ToList();
            if (indicators.Count == 0)
            {
                Log.Add(subGoal.Location, $"sub-goal '{subGoal.Id}' has no indicators");
            }

            foreach (var indicator in indicators)
            {
                if (subGoal.Requirements.Comparison is { } required && !indicator.Comparisons.Contains(required))
                {
                    Log.Add(indicator.Location, $"indicator '{indicator.Id}': sub-goal '{subGoal.Id}' requires comparison '{required}'");
                }

                if (subGoal.Requirements.SeparateBySex && !indicator.SeparateBySex)
                {
                    Log.Add(indicator.Location, $"indicator '{indicator.Id}': sub-goal '{subGoal.Id}' requires separate_by_sex: true (girls and boys separately)");
                }
            }
        }
    }

    /// <summary>Every id a <c>headline:</c> lists must be an indicator of that very sub-goal.</summary>
    private void CheckHeadlines()
    {
        var subGoalOf = _parts.Indicators.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().SubGoal, StringComparer.Ordinal);
        foreach (var headline in _parts.Headlines)
        {
            var own = _parts.Indicators.Where(i => i.SubGoal == headline.SubGoal).Select(i => i.Id).ToList();
            foreach (var (id, location) in headline.Entries)
            {
                if (!subGoalOf.TryGetValue(id, out var subGoal))
                {
                    var suggestion = NameSuggestion.Nearest(id, own) ?? NameSuggestion.Nearest(id, subGoalOf.Keys);
                    var hint = suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)";
                    Log.Add(location, $"sub-goal '{headline.SubGoal}': 'headline' lists unknown indicator '{id}'{hint}");
                }
                else if (subGoal != headline.SubGoal)
                {
                    Log.Add(location, $"sub-goal '{headline.SubGoal}': 'headline' lists indicator '{id}', which belongs to sub-goal '{subGoal}'; a headline lists indicators of its own sub-goal ({string.Join(", ", own)})");
                }
            }
        }
    }

    private void CheckSmallArea()
    {
        if (_parts.Quality?.SmallArea is not { } smallArea)
        {
            return;
        }

        _context.RequireUnique(smallArea.Covariates, c => c.Name, c => c.Location, "small-area covariate name");
        foreach (var covariate in smallArea.Covariates)
        {
            CheckFormula(covariate.Share, _registerScope, ExpressionType.Boolean, $"share of small-area covariate '{covariate.Name}'");
            if (covariate.Among is { } among)
            {
                CheckFormula(among, _registerScope, ExpressionType.Boolean, $"'among' of small-area covariate '{covariate.Name}'");
            }
        }
    }

    private void CheckCalibration()
    {
        if (_parts.Calibration is not { } calibration)
        {
            return;
        }

        var survey = _parts.Questionnaire.Population;
        if (calibration.Population.Min < survey.Min || calibration.Population.Max > survey.Max)
        {
            Log.Add(calibration.Location, $"the calibration population ({calibration.Population}) reaches outside the survey population ({survey})");
        }

        if (calibration.Margins.Count == 0)
        {
            Log.Add(calibration.Location, "the calibration has no margins");
        }
    }

    /// <summary>Checks an expression and logs its problems at their place; false when it has any.</summary>
    private bool CheckFormula(Formula formula, IVariableScope scope, ExpressionType wanted, string what)
    {
        if (formula.Root is InvalidExpression)
        {
            return false;
        }

        var (type, problems) = ExpressionChecker.Check(formula.Root, scope);
        foreach (var problem in problems)
        {
            Log.Add(formula.Locate(problem.Span), $"in {what}: {problem.Message}");
        }

        if (problems.Count == 0 && wanted != ExpressionType.Unknown && type != wanted)
        {
            Log.Add(formula.Location, $"{what} must be {ExpressionChecker.Describe(wanted)}, but '{formula.Text}' is {ExpressionChecker.Describe(type)}");
            return false;
        }

        return problems.Count == 0;
    }

    private static IEnumerable<Expression> AgeConditions(AgeRange age)
    {
        var variable = new VariableReference(AgeVariable, default);
        yield return new BinaryExpression(BinaryOperator.GreaterOrEqual, variable, new NumberLiteral(age.Min, default), default);
        yield return new BinaryExpression(BinaryOperator.LessOrEqual, variable, new NumberLiteral(age.Max, default), default);
    }

    private static IEnumerable<VariableReference> References(Expression expression) => expression switch
    {
        VariableReference v => [v],
        UnaryExpression u => References(u.Operand),
        BinaryExpression b => References(b.Left).Concat(References(b.Right)),
        MembershipExpression m => References(m.Operand),
        FunctionCall f => f.Arguments.SelectMany(References),
        _ => [],
    };

    private static string Suggest(string name, IEnumerable<string> known) =>
        NameSuggestion.Nearest(name, known) is { } suggestion ? $" (did you mean '{suggestion}'?)" : string.Empty;
}
