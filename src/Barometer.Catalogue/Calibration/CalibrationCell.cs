namespace Barometer.Catalogue.Calibration;

/// <summary>
/// The one text form of a calibration margin and of its cells, used by the store, the production run and the
/// synthetic data alike: a margin is its variables joined by ';' (<c>sex;age_calibration</c>), a cell the codes of
/// those variables as <c>variable=code</c> joined by ';' in the same order (<c>sex=1;age_calibration=16-24</c>).
/// </summary>
public static class CalibrationCell
{
    /// <summary>The separator of a margin's variables and of a cell's <c>variable=code</c> pairs.</summary>
    public const char Separator = ';';

    /// <summary>The margin's name: its variables joined by ';'.</summary>
    public static string Margin(IEnumerable<string> variables) => string.Join(Separator, variables);

    /// <summary>The cell of (variable, code) pairs, in the margin's order.</summary>
    public static string Of(IEnumerable<(string Variable, string Code)> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return string.Join(Separator, codes.Select(c => c.Variable + "=" + c.Code));
    }
}
