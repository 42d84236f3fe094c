using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.Quality;

/// <summary>Publication rules for survey estimates.</summary>
/// <param name="MinRespondents">Fewer respondents than this in a cell: the estimate is suppressed.</param>
/// <param name="RelativeMarginFlag">A relative margin of error (half-width of the interval over the estimate) above this is flagged as uncertain.</param>
/// <param name="ConfidenceLevel">The level of the published intervals, e.g. 0.95.</param>
public sealed record SurveyQualityRules(int MinRespondents, double RelativeMarginFlag, double ConfidenceLevel);

/// <summary>Disclosure rules for register tables (SCB: more than 20 persons, and more than 5 with the property).</summary>
/// <param name="ComplementarySuppression">Whether further cells are suppressed so that a suppressed one cannot be recovered from totals.</param>
/// <param name="ExpectedVersusActualMinPersons">Expected versus actual is published only for areas with at least this many persons in the compared group.</param>
public sealed record RegisterQualityRules(int MinGroupSizeExclusive, int MinWithPropertyExclusive, bool ComplementarySuppression, int ExpectedVersusActualMinPersons = 500);

/// <summary>The symbols of published tables (SCB's conventions).</summary>
/// <param name="Suppressed">".." — too uncertain or confidential to publish.</param>
/// <param name="NotApplicable">"." — cannot occur.</param>
/// <param name="Uncertain">The flag on an estimate with a large relative margin of error.</param>
public sealed record TableSymbols(string Suppressed, string NotApplicable, string Uncertain);

/// <summary>
/// A covariate of the small-area model: the share of the area's persons of the focal group (in the survey's
/// population) for whom <see cref="Share"/> holds, among those for whom <see cref="Among"/> holds (all when null),
/// computed from the register.
/// </summary>
public sealed record SmallAreaCovariate(string Name, LocalizedText Label, Formula Share, Formula? Among, SourceLocation Location);

/// <summary>
/// The small-area estimates of the survey indicators (docs/methodology/small-area.md): a Fay–Herriot model per survey
/// indicator for the focal group of its first comparison by <see cref="Area"/>, with the register covariates, benchmarked
/// to the published national level; held back when a diagnostic fails.
/// </summary>
/// <param name="Area">The register variable whose codes are the areas (the counties).</param>
/// <param name="ResidualAlpha">Family-wise level of the residual check (Bonferroni over the areas).</param>
/// <param name="AggregateAlpha">Two-sided level of the aggregate check.</param>
/// <param name="Covariates">The model's covariates besides the intercept.</param>
public sealed record SmallAreaRules(string Area, double ResidualAlpha, double AggregateAlpha, IReadOnlyList<SmallAreaCovariate> Covariates, SourceLocation Location);

/// <summary>The catalogue's quality.yaml.</summary>
/// <param name="SmallArea">The small-area estimates, or null when the catalogue declares none.</param>
public sealed record QualityRules(SurveyQualityRules Survey, RegisterQualityRules Register, TableSymbols Symbols, SourceLocation Location, SmallAreaRules? SmallArea = null);
