using Barometer.Estimation.Intervals;

namespace Barometer.Estimation.Standardisation;

/// <summary>
/// One cell of an indirect standardisation: the area's persons in the cell, the sum of their values (a share counts
/// 1 for the property), and the reference population's mean and variance of the value in the same cell.
/// </summary>
public readonly record struct StandardisationCell(long Persons, double Sum, double ReferenceMean, double ReferenceVariance);

/// <summary>
/// An area's actual level against the level it would have if each of its persons had the reference rate of their
/// cell, with the interval of chance variation of a population of that size and composition.
/// </summary>
/// <param name="Persons">n, the area's persons in the base.</param>
/// <param name="Actual">O / n, the area's observed level.</param>
/// <param name="Expected">E / n, with E = Σ_c n_c m_c the expected total.</param>
/// <param name="Difference">Actual − Expected.</param>
/// <param name="StandardError">√(Σ_c n_c v_c) / n: the standard deviation of the area's level under the reference rates.</param>
/// <param name="Lower">Difference − q·SE.</param>
/// <param name="Upper">Difference + q·SE.</param>
/// <param name="Significant">Whether the interval excludes zero.</param>
public sealed record ExpectedVersusActual(long Persons, double Actual, double Expected, double Difference, double StandardError, double Lower, double Upper, bool Significant);

/// <summary>
/// Indirect standardisation of an area's level (Breslow &amp; Day 1987, ch. 2; the "expected" of a standardised ratio),
/// published as a difference with a funnel-plot interval (Spiegelhalter 2005, Statistics in Medicine 24:1185–1202):
/// under the null hypothesis that each of the area's persons has the reference population's distribution of the value
/// in their cell, the area's level has mean E / n and variance Σ_c n_c v_c / n² (independent persons; for a share
/// v_c = m_c(1 − m_c), the Poisson-binomial variance). The reference means and variances are treated as known: they
/// come from the whole register, not a sample. See docs/methodology/expected-versus-actual.md.
/// </summary>
public static class IndirectStandardisation
{
    /// <summary>The comparison from the area's cells, at the two-sided interval <paramref name="level"/> (e.g. 0.95).</summary>
    public static ExpectedVersusActual FromCells(IEnumerable<StandardisationCell> cells, double level)
    {
        ArgumentNullException.ThrowIfNull(cells);
        long persons = 0;
        double observed = 0, expected = 0, variance = 0;
        foreach (var cell in cells)
        {
            if (cell.Persons < 0 || !double.IsFinite(cell.Sum) || !double.IsFinite(cell.ReferenceMean) || !(cell.ReferenceVariance >= 0))
            {
                throw new ArgumentException($"invalid standardisation cell {cell}", nameof(cells));
            }

            persons += cell.Persons;
            observed += cell.Sum;
            expected += cell.Persons * cell.ReferenceMean;
            variance += cell.Persons * cell.ReferenceVariance;
        }

        return FromTotals(persons, observed, expected, variance, level);
    }

    /// <summary>
    /// The comparison from totals over the area's persons: <paramref name="observed"/> Σ y_i,
    /// <paramref name="expected"/> Σ m_c(i) and <paramref name="variance"/> Σ v_c(i).
    /// </summary>
    public static ExpectedVersusActual FromTotals(long persons, double observed, double expected, double variance, double level)
    {
        if (persons <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(persons), persons, "an area needs at least one person");
        }

        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "the interval level must lie strictly between 0 and 1");
        }

        if (!double.IsFinite(observed) || !double.IsFinite(expected) || !(variance >= 0) || !double.IsFinite(variance))
        {
            throw new ArgumentException("observed, expected and variance must be finite, the variance non-negative");
        }

        var n = (double)persons;
        var actual = observed / n;
        var expectedLevel = expected / n;
        var difference = actual - expectedLevel;
        var se = Math.Sqrt(variance) / n;
        var q = Quantiles.StudentT(1 - ((1 - level) / 2), double.PositiveInfinity);
        var (low, high) = ConfidenceInterval.Wald(difference, se, q);
        return new ExpectedVersusActual(persons, actual, expectedLevel, difference, se, low, high, low > 0 || high < 0);
    }
}
