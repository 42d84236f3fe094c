using Barometer.Catalogue.Calibration;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Evaluation;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Loading;
using Barometer.Catalogue.Quality;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.SubGoals;
using Barometer.Catalogue.Text;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue;

/// <summary>
/// The indicator catalogue: sub-goals, indicators, questionnaire, classifications, register variables,
/// calibration and quality rules, loaded from the data files of a catalogue folder and validated as a whole.
/// Immutable; one instance can be shared. (Named IndicatorCatalogue rather than Catalogue because a type named
/// like its namespace cannot be reached by its simple name from the other Barometer.* namespaces.)
/// </summary>
public sealed class IndicatorCatalogue
{
    /// <summary>The folder name of the catalogue in the repository root.</summary>
    public const string FolderName = "catalogue";

    private readonly Dictionary<string, Indicator> _indicators;
    private readonly Dictionary<string, SubGoal> _subGoals;
    private readonly Dictionary<string, Classification> _classifications;
    private readonly Dictionary<string, VariableInfo> _variables;

    internal IndicatorCatalogue(
        string directory,
        CatalogueVersion version,
        LocalizedText title,
        IReadOnlyList<SubGoal> subGoals,
        IReadOnlyList<Indicator> indicators,
        Questionnaire questionnaire,
        IReadOnlyList<Classification> classifications,
        IReadOnlyList<Register> registers,
        IReadOnlyList<RegisterVariable> registerVariables,
        IReadOnlyList<DerivedVariable> derivedVariables,
        IReadOnlyList<Comparison> comparisons,
        IReadOnlyList<Unit> units,
        CalibrationConfig calibration,
        QualityRules quality,
        IReadOnlyList<VariableInfo> variables)
    {
        Directory = directory;
        Version = version;
        Title = title;
        SubGoals = subGoals;
        Indicators = indicators;
        Questionnaire = questionnaire;
        Classifications = classifications;
        Registers = registers;
        RegisterVariables = registerVariables;
        DerivedVariables = derivedVariables;
        Comparisons = comparisons;
        Units = units;
        Calibration = calibration;
        Quality = quality;
        Variables = variables;
        _indicators = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _subGoals = subGoals.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _classifications = classifications.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _variables = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        RegisterScope = new VariableScope(variables.Where(v => v.IsRegister));
        SurveyScope = new VariableScope(variables);
        Evaluator = new VariableEvaluator(this);
    }

    /// <summary>The folder the catalogue was loaded from.</summary>
    public string Directory { get; }

    public CatalogueVersion Version { get; }

    public LocalizedText Title { get; }

    /// <summary>The five sub-goals, in their order.</summary>
    public IReadOnlyList<SubGoal> SubGoals { get; }

    /// <summary>Every indicator, sub-goal by sub-goal in file order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    public Questionnaire Questionnaire { get; }

    public IReadOnlyList<Classification> Classifications { get; }

    public IReadOnlyList<Register> Registers { get; }

    /// <summary>The variables the registers deliver: exactly what the synthetic registers must produce.</summary>
    public IReadOnlyList<RegisterVariable> RegisterVariables { get; }

    /// <summary>The variables the catalogue derives from register variables.</summary>
    public IReadOnlyList<DerivedVariable> DerivedVariables { get; }

    public IReadOnlyList<Comparison> Comparisons { get; }

    public IReadOnlyList<Unit> Units { get; }

    public CalibrationConfig Calibration { get; }

    public QualityRules Quality { get; }

    /// <summary>Every variable of every origin, by which expressions are checked.</summary>
    public IReadOnlyList<VariableInfo> Variables { get; }

    /// <summary>The variables a register indicator's expressions may use.</summary>
    public IVariableScope RegisterScope { get; }

    /// <summary>The variables a survey indicator's expressions may use (register and survey).</summary>
    public IVariableScope SurveyScope { get; }

    /// <summary>Computes derived variables, recodes and derived survey variables for one person.</summary>
    public VariableEvaluator Evaluator { get; }

    public Indicator Indicator(string id) =>
        FindIndicator(id) ?? throw new KeyNotFoundException($"no indicator '{id}' in the catalogue");

    public Indicator? FindIndicator(string id) => _indicators.GetValueOrDefault(id);

    public SubGoal SubGoal(string id) =>
        _subGoals.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"no sub-goal '{id}' in the catalogue");

    public IEnumerable<Indicator> IndicatorsOf(string subGoal) => Indicators.Where(i => i.SubGoal == subGoal);

    /// <summary>The headline indicators of a sub-goal in display order (see <see cref="SubGoals.SubGoal.Headline"/>).</summary>
    public IReadOnlyList<Indicator> HeadlineIndicatorsOf(string subGoal) => [.. SubGoal(subGoal).Headline.Select(Indicator)];

    public Classification Classification(string id) =>
        FindClassification(id) ?? throw new KeyNotFoundException($"no classification '{id}' in the catalogue");

    public Classification? FindClassification(string id) => _classifications.GetValueOrDefault(id);

    /// <summary>The codes of a classification, or null when the catalogue has no classification of that id.</summary>
    public IReadOnlyCollection<string>? ClassificationCodes(string id) =>
        FindClassification(id)?.Codes.Select(c => c.Code).ToList();

    public VariableInfo Variable(string name) =>
        FindVariable(name) ?? throw new KeyNotFoundException($"no variable '{name}' in the catalogue");

    public VariableInfo? FindVariable(string name) => _variables.GetValueOrDefault(name);

    /// <summary>What an empty code of a register or survey variable (no value recorded) is called.</summary>
    public static LocalizedText NotKnown { get; } = new("Uppgift saknas", "Not known");

    /// <summary>
    /// The label of <paramref name="code"/> of <paramref name="variable"/> in both languages: the label in the
    /// variable's classification, <see cref="NotKnown"/> for an empty code, or null when neither applies (callers
    /// show the code). The one lookup of code labels for the report and the dashboard.
    /// </summary>
    public LocalizedText? CodeLabel(string variable, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length == 0)
        {
            return NotKnown;
        }

        var classification = FindVariable(variable)?.Classification is { } id ? FindClassification(id) : null;
        return classification?.Find(code)?.Label;
    }

    /// <summary>
    /// What <paramref name="variable"/> is called as a breakdown, in both languages: its classification's name, else its
    /// description; null for a variable the catalogue does not know (callers show the name).
    /// </summary>
    public LocalizedText? VariableLabel(string variable)
    {
        var info = FindVariable(variable);
        var classification = info?.Classification is { } id ? FindClassification(id) : null;
        return classification?.Name ?? info?.Description;
    }

    public Comparison Comparison(string id) =>
        Comparisons.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no comparison '{id}' in the catalogue");

    public Unit Unit(string id) =>
        Units.FirstOrDefault(u => u.Id == id) ?? throw new KeyNotFoundException($"no unit '{id}' in the catalogue");

    public IVariableScope ScopeFor(SourceKind kind) => kind == SourceKind.Survey ? SurveyScope : RegisterScope;

    /// <summary>Loads and validates the catalogue in <paramref name="directory"/>; throws with every problem when it is not valid.</summary>
    public static IndicatorCatalogue Load(string directory)
    {
        var result = TryLoad(directory);
        return result.Catalogue ?? throw new CatalogueValidationException(directory, result.Problems);
    }

    /// <summary>Loads and validates the catalogue; never throws for a defect of the data, which is in the result's problems.</summary>
    public static CatalogueLoadResult TryLoad(string directory) => CatalogueLoader.Load(directory);

    /// <summary>Loads the catalogue folder that <see cref="CatalogueLocator"/> finds (the repository's catalogue/ when run inside it).</summary>
    public static IndicatorCatalogue LoadDefault() => Load(CatalogueLocator.Locate());
}

/// <summary>The outcome of a load: the catalogue when there were no problems, else every problem found.</summary>
public sealed record CatalogueLoadResult(IndicatorCatalogue? Catalogue, IReadOnlyList<CatalogueProblem> Problems)
{
    public bool IsValid => Catalogue is not null;
}

/// <summary>Thrown by <see cref="IndicatorCatalogue.Load"/> when the catalogue has problems; lists all of them.</summary>
public sealed class CatalogueValidationException : Exception
{
    public CatalogueValidationException(string directory, IReadOnlyList<CatalogueProblem> problems)
        : base($"the catalogue in {directory} has {problems.Count} problem(s):{Environment.NewLine}" +
               string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public CatalogueValidationException()
    {
        Problems = [];
    }

    public CatalogueValidationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public CatalogueValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<CatalogueProblem> Problems { get; }
}
