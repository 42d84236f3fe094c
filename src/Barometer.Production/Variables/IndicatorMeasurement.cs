using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Storage.Results;

namespace Barometer.Production.Variables;

/// <summary>What one person contributes to an indicator: whether they are in its base, and the values summed.</summary>
/// <param name="InBase">In the population, in the denominator's base, and with a value.</param>
/// <param name="Y">Proportion: 1 when the numerator condition holds, else 0; mean, median, ratio: the numerator value.</param>
/// <param name="X">Ratio: the denominator value; otherwise 1.</param>
public readonly record struct Measurement(bool InBase, double Y, double X)
{
    public static readonly Measurement Outside = new(false, double.NaN, double.NaN);
}

/// <summary>
/// Evaluates an indicator's population, numerator and denominator for one person, the same way the catalogue defines
/// them (and the synthetic truth computes them): population = age range (the survey's range when the indicator
/// gives none), birth scope and filter; proportions count the numerator among those meeting the denominator.
/// </summary>
public static class IndicatorMeasurement
{
    public static Measurement Measure(Indicator indicator, AgeRange? defaultAge, Func<string, Value> get) =>
        InBase(indicator, defaultAge, get) ? Values(indicator, get) : Measurement.Outside;

    /// <summary>In the population and, for shares, means and medians, meeting the denominator condition.</summary>
    public static bool InBase(Indicator indicator, AgeRange? defaultAge, Func<string, Value> get)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(get);
        if (!InPopulation(indicator.Population, indicator.Population.Age ?? defaultAge, get))
        {
            return false;
        }

        return indicator.Statistic == StatisticKind.Ratio || indicator.Denominator is not { } condition || condition.Holds(get);
    }

    /// <summary>The values a person in the base contributes, or <see cref="Measurement.Outside"/> when they have none.</summary>
    public static Measurement Values(Indicator indicator, Func<string, Value> get)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(get);
        switch (indicator.Statistic)
        {
            case StatisticKind.Proportion:
                var holds = indicator.Numerator.Evaluate(get);
                return holds.Kind == ValueKind.Boolean
                    ? new Measurement(true, holds.Boolean ? 1 : 0, 1)
                    : Measurement.Outside;
            case StatisticKind.Ratio:
                var numerator = Number(indicator.Numerator.Evaluate(get));
                var denominator = indicator.Denominator is null ? double.NaN : Number(indicator.Denominator.Evaluate(get));
                return double.IsNaN(numerator) || double.IsNaN(denominator)
                    ? Measurement.Outside
                    : new Measurement(true, numerator, denominator);
            default:
                var value = Number(indicator.Numerator.Evaluate(get));
                return double.IsNaN(value) ? Measurement.Outside : new Measurement(true, value, 1);
        }
    }

    public static bool InPopulation(Population population, AgeRange? age, Func<string, Value> get)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(get);
        if (age is not null && !(get("age") is { Kind: ValueKind.Number } a && age.Contains((int)a.Number)))
        {
            return false;
        }

        var born = population.Born switch
        {
            BirthScope.ForeignBorn => get("foreign_born") is { Kind: ValueKind.Boolean, Boolean: true },
            BirthScope.NativeBorn => get("foreign_born") is { Kind: ValueKind.Boolean, Boolean: false },
            _ => true,
        };
        return born && (population.Filter is null || population.Filter.Holds(get));
    }

    /// <summary>"focal", "reference" or null (in neither group).</summary>
    public static string? GroupOf(Comparison comparison, Func<string, Value> get)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Focal.Condition.Holds(get) ? ComparisonGroups.FocalSide
            : comparison.Reference.Condition.Holds(get) ? ComparisonGroups.ReferenceSide
            : null;
    }

    /// <summary>A code variable's code as text, or null when missing.</summary>
    public static string? Code(Value value) => value.Kind switch
    {
        ValueKind.Text => value.Text,
        ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Boolean => value.Boolean ? "1" : "0",
        _ => null,
    };

    private static double Number(Value value) => value.Kind switch
    {
        ValueKind.Number => value.Number,
        ValueKind.Boolean => value.Boolean ? 1 : 0,
        _ => double.NaN,
    };
}
