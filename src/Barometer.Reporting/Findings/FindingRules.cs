using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Storage.Results;

namespace Barometer.Reporting.Findings;

/// <summary>What the rules may say about a change or a difference.</summary>
public enum Verdict
{
    /// <summary>Suppressed or not estimated: nothing is said about it.</summary>
    Unavailable,

    /// <summary>The interval includes zero: "no statistically significant change/difference".</summary>
    NotSignificant,

    /// <summary>Statistically significant and positive.</summary>
    SignificantlyPositive,

    /// <summary>Statistically significant and negative.</summary>
    SignificantlyNegative,

    /// <summary>A register total without sampling error: the value is stated, no inference word is used.</summary>
    WithoutSamplingError,
}

/// <summary>
/// The rules that turn released changes and differences into words. A change or difference is called an increase,
/// decrease or difference only when it is statistically significant (the result's <c>significant</c> flag, or,
/// where the flag is absent, a confidence interval that excludes zero); otherwise the text says "no statistically
/// significant change/difference". Register totals have no sampling error and are stated without inference words.
/// </summary>
public static class FindingRules
{
    public static Verdict Classify(PublishedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Row.SuppressionRule is not null || result.Row.Estimate is not { } estimate)
        {
            return Verdict.Unavailable;
        }

        bool? significant = result.Row.Significant;
        if (significant is null && result.Row.CiLower is { } lower && result.Row.CiUpper is { } upper)
        {
            significant = lower > 0 || upper < 0;
        }

        if (significant is null)
        {
            return result.Row.Source == "register" ? Verdict.WithoutSamplingError : Verdict.Unavailable;
        }

        if (significant == false || estimate == 0)
        {
            return Verdict.NotSignificant;
        }

        return estimate > 0 ? Verdict.SignificantlyPositive : Verdict.SignificantlyNegative;
    }

    /// <summary>
    /// Whether a gap narrowed significantly: the change of the gap is significant and the gap's size now is smaller
    /// than it was in the previous wave (current gap minus the change).
    /// </summary>
    public static bool NarrowedSignificantly(PublishedResult gap, PublishedResult gapChange)
    {
        ArgumentNullException.ThrowIfNull(gap);
        ArgumentNullException.ThrowIfNull(gapChange);
        var verdict = Classify(gapChange);
        if (verdict is not (Verdict.SignificantlyPositive or Verdict.SignificantlyNegative) || gap.Row.Estimate is not { } now || gapChange.Row.Estimate is not { } change)
        {
            return false;
        }

        return Math.Abs(now) < Math.Abs(now - change);
    }

    /// <summary>Whether a gap widened significantly (the opposite of <see cref="NarrowedSignificantly"/>).</summary>
    public static bool WidenedSignificantly(PublishedResult gap, PublishedResult gapChange)
    {
        ArgumentNullException.ThrowIfNull(gap);
        ArgumentNullException.ThrowIfNull(gapChange);
        var verdict = Classify(gapChange);
        if (verdict is not (Verdict.SignificantlyPositive or Verdict.SignificantlyNegative) || gap.Row.Estimate is not { } now || gapChange.Row.Estimate is not { } change)
        {
            return false;
        }

        return Math.Abs(now) > Math.Abs(now - change);
    }

    /// <summary>
    /// "<paramref name="subject"/>: increased by 3.2 percentage points since 2025 (CI 1.0 to 5.4)" when the change is
    /// significant, else "<paramref name="subject"/>: no statistically significant change since 2025 (…)".
    /// </summary>
    public static Sentence DescribeChange(PublishedResult change, string subject, int previousWave, ReportCells cells)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(cells);
        var language = cells.Language;
        var indicator = cells.Catalogue.Indicator(change.Row.Indicator);
        var s = new Sentence().L(subject).T(": ");
        switch (Classify(change))
        {
            case Verdict.SignificantlyPositive:
            case Verdict.SignificantlyNegative:
                var up = change.Row.Estimate > 0;
                s.T(up ? L(language, "ökade med ", "increased by ") : L(language, "minskade med ", "decreased by "));
                s.N(Magnitude(change, cells)).Append(UnitAfter(indicator, ValueRole.Difference, cells));
                s.T(L(language, " sedan ", " since ")).W(previousWave);
                s.Append(Interval(change, cells));
                break;
            case Verdict.NotSignificant:
                s.T(L(language, "ingen statistiskt säkerställd förändring sedan ", "no statistically significant change since ")).W(previousWave);
                s.T(L(language, " (skattad förändring ", " (estimated change ")).N(cells.Number(change, withSign: true)!)
                    .Append(UnitAfter(indicator, ValueRole.Difference, cells)).Append(Interval(change, cells, parenthesis: false)).T(")");
                break;
            default:
                s.T(L(language, "förändringen sedan ", "the change since ")).W(previousWave)
                    .T(L(language, " kan inte skattas", " cannot be estimated"));
                break;
        }

        return s.T(".");
    }

    /// <summary>
    /// "Foreign-born are 5.1 percentage points lower than native-born (CI …)" when the gap is significant, "no
    /// statistically significant difference between … and …" when not, and the plain value for register totals.
    /// </summary>
    public static Sentence DescribeGap(PublishedResult gap, string focal, string reference, ReportCells cells)
    {
        ArgumentNullException.ThrowIfNull(gap);
        ArgumentNullException.ThrowIfNull(cells);
        var language = cells.Language;
        var indicator = cells.Catalogue.Indicator(gap.Row.Indicator);
        var ratio = indicator.Gap == GapKind.Ratio;
        var role = ratio ? ValueRole.RatioGap : ValueRole.Difference;
        var s = new Sentence();
        var verdict = Classify(gap);
        if (ratio && verdict is Verdict.WithoutSamplingError or Verdict.SignificantlyPositive or Verdict.SignificantlyNegative or Verdict.NotSignificant)
        {
            // A ratio gap is a level of one group relative to the other: stated as such.
            s.T(L(language, "Värdet för ", "The value for ")).L(InSentence(focal, language))
                .T(L(language, " är ", " is ")).N(cells.Number(gap)!).T(L(language, " procent av värdet för ", " per cent of that for "))
                .L(InSentence(reference, language));
            if (verdict != Verdict.WithoutSamplingError)
            {
                s.Append(Interval(gap, cells));
            }

            return s.T(".");
        }

        switch (verdict)
        {
            case Verdict.SignificantlyPositive:
            case Verdict.SignificantlyNegative:
            case Verdict.WithoutSamplingError when gap.Row.Estimate != 0:
                var higher = gap.Row.Estimate > 0;
                s.L(Capitalise(focal)).T(L(language, " ligger ", " are ")).N(Magnitude(gap, cells)).Append(UnitAfter(indicator, role, cells))
                    .T(higher ? L(language, " högre än ", " higher than ") : L(language, " lägre än ", " lower than ")).L(InSentence(reference, language));
                if (verdict == Verdict.WithoutSamplingError)
                {
                    s.T(L(language, " (totalräkning i register, utan urvalsfel)", " (register total, no sampling error)"));
                }
                else
                {
                    s.Append(Interval(gap, cells));
                }

                break;
            case Verdict.NotSignificant:
                s.T(L(language, "Det finns ingen statistiskt säkerställd skillnad mellan ", "There is no statistically significant difference between "))
                    .L(InSentence(focal, language)).T(L(language, " och ", " and ")).L(InSentence(reference, language))
                    .T(L(language, " (skattad skillnad ", " (estimated difference ")).N(cells.Number(gap, withSign: true)!).Append(UnitAfter(indicator, role, cells))
                    .Append(Interval(gap, cells, parenthesis: false)).T(")");
                break;
            case Verdict.WithoutSamplingError:
                s.L(Capitalise(focal)).T(L(language, " och ", " and ")).L(InSentence(reference, language))
                    .T(L(language, " ligger på samma nivå", " are at the same level"));
                break;
            default:
                s.T(L(language, "Skillnaden mellan ", "The difference between ")).L(InSentence(focal, language)).T(L(language, " och ", " and "))
                    .L(InSentence(reference, language)).T(L(language, " redovisas inte (för osäker eller skyddad)", " is not published (too uncertain or protected)"));
                break;
        }

        return s.T(".");
    }

    /// <summary>
    /// How the gap moved since the previous wave: "the difference narrowed by …", "widened by …", or "no
    /// statistically significant change in the difference".
    /// </summary>
    public static Sentence DescribeGapChange(PublishedResult gap, PublishedResult gapChange, int previousWave, ReportCells cells)
    {
        ArgumentNullException.ThrowIfNull(gap);
        ArgumentNullException.ThrowIfNull(gapChange);
        ArgumentNullException.ThrowIfNull(cells);
        var language = cells.Language;
        var indicator = cells.Catalogue.Indicator(gap.Row.Indicator);
        var s = new Sentence();
        if (NarrowedSignificantly(gap, gapChange) || WidenedSignificantly(gap, gapChange))
        {
            var narrowed = NarrowedSignificantly(gap, gapChange);
            s.T(narrowed ? L(language, "Skillnaden har minskat sedan ", "The difference has narrowed since ") : L(language, "Skillnaden har ökat sedan ", "The difference has widened since ")).W(previousWave)
                .T(L(language, " (förändring ", " (change ")).N(cells.Number(gapChange, withSign: true)!).Append(UnitAfter(indicator, ValueRole.Difference, cells))
                .Append(Interval(gapChange, cells, parenthesis: false)).T(").");
        }
        else if (Classify(gapChange) == Verdict.Unavailable)
        {
            s.T(L(language, "Förändringen av skillnaden sedan ", "The change in the difference since ")).W(previousWave)
                .T(L(language, " kan inte skattas.", " cannot be estimated."));
        }
        else
        {
            s.T(L(language, "Ingen statistiskt säkerställd förändring av skillnaden sedan ", "No statistically significant change in the difference since "))
                .W(previousWave).T(L(language, " (skattad förändring ", " (estimated change ")).N(cells.Number(gapChange, withSign: true)!)
                .Append(UnitAfter(indicator, ValueRole.Difference, cells)).Append(Interval(gapChange, cells, parenthesis: false)).T(").");
        }

        return s;
    }

    /// <summary>
    /// The uncertainty of a result: the confidence interval " (CI a to b)" of a level or gap, the margin of error
    /// " (margin of error ±m)" of a change (the table model publishes a change with its margin); nothing when absent.
    /// </summary>
    public static IEnumerable<Inline> Interval(PublishedResult result, ReportCells cells, bool parenthesis = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(cells);
        var s = new Sentence().T(parenthesis ? " (" : ", ");
        if (result.Row.Measure == Measure.Change)
        {
            if (cells.Number(result, TableCodes.Margin) is not { } margin)
            {
                return [];
            }

            s.T(L(cells.Language, "felmarginal ±", "margin of error ±")).N(margin);
        }
        else
        {
            if (cells.Number(result, TableCodes.CiLower) is not { } lower || cells.Number(result, TableCodes.CiUpper) is not { } upper)
            {
                return [];
            }

            s.T(L(cells.Language, "KI ", "CI ")).N(lower).T(L(cells.Language, " till ", " to ")).N(upper);
        }

        if (parenthesis)
        {
            s.T(")");
        }

        return s;
    }

    /// <summary>The unit after a number: per cent, percentage points, or the catalogue unit's name.</summary>
    public static IEnumerable<Inline> UnitAfter(Indicator indicator, ValueRole role, ReportCells cells)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(cells);
        if (role == ValueRole.RatioGap || (indicator.Unit == "percent" && role == ValueRole.Level))
        {
            return [new TextInline(L(cells.Language, " procent", " per cent"))];
        }

        if (indicator.Unit == "percent")
        {
            return [new TextInline(L(cells.Language, " procentenheter", " percentage points"))];
        }

        var unit = cells.Catalogue.Units.FirstOrDefault(u => u.Id == indicator.Unit);
        return unit is null ? [] : [new TextInline(" "), new LabelInline(unit.Name[cells.Language])];
    }

    private static NumberInline Magnitude(PublishedResult result, ReportCells cells)
    {
        // The size of a significant change or gap, the direction being in the words: the absolute value, still
        // referenced to the cell (the check compares absolute values for inlines marked as magnitudes).
        var number = cells.Number(result)!;
        var text = number.Text.TrimStart('-', '\u2212', '+');
        return number with { Text = text, Absolute = true };
    }

    /// <summary>The rule's words in the report's language, picked through <see cref="LocalizedText"/>.</summary>
    private static string L(Language language, string sv, string en) => new LocalizedText(sv, en)[language];

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>English words that keep their capital inside a sentence (peoples, places, languages).</summary>
    private static readonly HashSet<string> ProperWords = new(StringComparer.Ordinal)
    {
        "Swedish", "Sweden", "Nordic", "Europe", "European", "EU", "Africa", "African", "Asia", "Asian", "America", "American", "Oceania",
    };

    /// <summary>
    /// A label as it reads inside a sentence: its first letter in lower case ("Inrikes födda" → "inrikes födda"), the
    /// rest as written ("Born outside Europe" → "born outside Europe"), and an English label that starts with a proper
    /// word or an abbreviation as written ("Swedish background").
    /// </summary>
    public static string InSentence(string label, Language language)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 0 || (label.Length > 1 && char.IsUpper(label[1])))
        {
            return label;
        }

        var first = label.Split(' ', '-')[0];
        return language == Language.En && ProperWords.Contains(first) ? label : char.ToLowerInvariant(label[0]) + label[1..];
    }
}
