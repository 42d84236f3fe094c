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

public sealed record QualityRules(SurveyQualityRules Survey, RegisterQualityRules Register, TableSymbols Symbols, SourceLocation Location);
