using Barometer.Catalogue.Indicators;

namespace Barometer.Catalogue.Calibration;

/// <summary>One calibration margin: the cells are the crossing of the listed code variables (e.g. sex × age band).</summary>
public sealed record CalibrationMarginConfig(IReadOnlyList<string> Variables, SourceLocation Location);

/// <summary>The calibration of the production run: to which register totals the survey weights are calibrated.</summary>
/// <param name="Method">linear, raking or logit (Deville &amp; Särndal 1992).</param>
/// <param name="Population">The age range the totals are taken over (the survey population).</param>
/// <param name="Bounds">Bounds on the ratio of calibrated to design weights for bounded methods, or null.</param>
public sealed record CalibrationConfig(
    string Method,
    AgeRange Population,
    IReadOnlyList<CalibrationMarginConfig> Margins,
    (double Lower, double Upper)? Bounds,
    SourceLocation Location);
