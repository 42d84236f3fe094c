namespace Barometer.Storage.Results;

/// <summary>What a result row measures (stored as its <see cref="MeasureCodes">code</see>).</summary>
public enum Measure
{
    /// <summary>The indicator's value in a group and cell.</summary>
    Level,

    /// <summary>Focal minus reference group (or focal / reference where the catalogue asks for a ratio gap).</summary>
    Gap,

    /// <summary>The gap after direct age/sex standardisation to the reference group's structure.</summary>
    StandardisedGap,

    /// <summary>This wave minus the previous wave (independent samples).</summary>
    Change,

    /// <summary>Register, by area: the focal group's level if each of its persons had the national rate of their cell (indirect standardisation).</summary>
    Expected,

    /// <summary>Register, by area: the focal group's actual level minus <see cref="Expected"/>, with the interval of chance variation.</summary>
    ExpectedDifference,

    /// <summary>
    /// Survey, by area: the model-based (Fay–Herriot, benchmarked EBLUP) estimate of a group's level where the sample is
    /// too small for a direct estimate; its standard error is √MSE (docs/methodology/small-area.md).
    /// </summary>
    ModelEstimate,
}

/// <summary>
/// The codes of <see cref="Measure"/> in the store's <c>results.measure</c> column, the PostgreSQL copy and every
/// published file. The one place a measure is spelled as text.
/// </summary>
public static class MeasureCodes
{
    public const string Level = "level";
    public const string Gap = "gap";
    public const string StandardisedGap = "standardised_gap";
    public const string Change = "change";
    public const string Expected = "expected";
    public const string ExpectedDifference = "expected_difference";
    public const string ModelEstimate = "model_estimate";

    /// <summary>Every measure in the order of <see cref="Measure"/>.</summary>
    public static IReadOnlyList<Measure> All { get; } = [Measure.Level, Measure.Gap, Measure.StandardisedGap, Measure.Change, Measure.Expected, Measure.ExpectedDifference, Measure.ModelEstimate];

    public static string Code(Measure measure) => measure switch
    {
        Measure.Level => Level,
        Measure.Gap => Gap,
        Measure.StandardisedGap => StandardisedGap,
        Measure.Change => Change,
        Measure.Expected => Expected,
        Measure.ExpectedDifference => ExpectedDifference,
        Measure.ModelEstimate => ModelEstimate,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure"),
    };

    public static Measure Parse(string code) => TryParse(code, out var measure)
        ? measure
        : throw new ArgumentOutOfRangeException(nameof(code), code, "unknown measure");

    public static bool TryParse(string? code, out Measure measure)
    {
        switch (code)
        {
            case Level:
                measure = Measure.Level;
                return true;
            case Gap:
                measure = Measure.Gap;
                return true;
            case StandardisedGap:
                measure = Measure.StandardisedGap;
                return true;
            case Change:
                measure = Measure.Change;
                return true;
            case Expected:
                measure = Measure.Expected;
                return true;
            case ExpectedDifference:
                measure = Measure.ExpectedDifference;
                return true;
            case ModelEstimate:
                measure = Measure.ModelEstimate;
                return true;
            default:
                measure = default;
                return false;
        }
    }
}
