using System.Text;
using Barometer.Estimation.Requests;
using YamlDotNet.Serialization;

namespace Barometer.Estimation.DesignFiles;

/// <summary>Writes design files in the vocabulary <see cref="DesignFileReader"/> reads back.</summary>
public static class DesignFileWriter
{
    /// <summary>The <c>design</c> and (when there is one) <c>calibration</c> sections for a request's design and calibration, in file order.</summary>
    public static Dictionary<string, object> Sections(DesignSpec design, CalibrationSpec? calibration)
    {
        ArgumentNullException.ThrowIfNull(design);
        var designSection = new Dictionary<string, object>();
        if (design.Ids.Count > 0)
        {
            designSection["ids"] = design.Ids.ToList();
        }

        if (design.Strata is { } strata)
        {
            designSection["strata"] = strata;
        }

        designSection["fpc"] = design.Fpc.ToList();
        if (design.Weights is { } weights)
        {
            designSection["weights"] = weights;
        }

        designSection["lonely_psu"] = DesignFileReader.NameOf(design.LonelyPsu);
        var document = new Dictionary<string, object> { ["design"] = designSection };
        if (calibration is not null)
        {
            var calibrationSection = new Dictionary<string, object>
            {
                ["method"] = DesignFileReader.NameOf(calibration.Method),
                ["max_iterations"] = calibration.MaxIterations,
                ["margins"] = calibration.Margins.Select(Margin).ToList(),
            };
            if (calibration.Bounds is { } bounds)
            {
                calibrationSection["bounds"] = new List<double> { bounds.Lower, bounds.Upper };
            }

            document["calibration"] = calibrationSection;
        }

        return document;
    }

    /// <summary>Writes <paramref name="document"/> as YAML after the comment lines of <paramref name="header"/> (UTF-8 without a byte-order mark).</summary>
    public static void Write(string path, string header, IReadOnlyDictionary<string, object> document) =>
        File.WriteAllText(path, header + new SerializerBuilder().Build().Serialize(document), new UTF8Encoding(false));

    private static Dictionary<string, object> Margin(CalibrationMargin margin) => margin switch
    {
        CategoricalMargin m => new Dictionary<string, object>
        {
            ["variable"] = m.Variable,
            ["totals"] = m.Totals.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => (object)t.Value),
        },
        NumericMargin m => new Dictionary<string, object> { ["variable"] = m.Variable, ["total"] = m.Total },
        _ => throw new ArgumentException($"a calibration margin of type {margin.GetType().Name} has no design-file form", nameof(margin)),
    };
}
