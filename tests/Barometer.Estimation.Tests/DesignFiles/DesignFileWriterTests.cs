using Barometer.Estimation.DesignFiles;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.DesignFiles;

public class DesignFileWriterTests
{
    [Fact]
    public void Write_DesignAndCalibration_ReadsBackTheSameRequestInTheFileVocabulary()
    {
        using var folder = new TempFolder();
        var path = System.IO.Path.Combine(folder.Path, "design.yaml");
        var design = new DesignSpec(["psu"], "stratum", ["N"], "w", LonelyPsuRule.Adjust);
        var calibration = new CalibrationSpec(CalibrationMethod.Raking, new GWeightBounds(0.5, 3),
            [new CategoricalMargin("sex", new Dictionary<string, double> { ["2"] = 60, ["1"] = 40 })], MaxIterations: 80);
        var document = DesignFileWriter.Sections(design, calibration);
        document["estimates"] = new List<Dictionary<string, object>>
        {
            new() { ["id"] = "m", ["type"] = "mean", ["variable"] = "y", ["by"] = new List<string> { "sex" } },
        };
        document["level"] = 0.9;

        DesignFileWriter.Write(path, "# written by a test\n", document);
        var read = DesignFileReader.Read(path);

        Assert.StartsWith("# written by a test\ndesign:\n  ids:\n  - psu\n  strata: stratum\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(design.Ids, read.Design.Ids);
        Assert.Equal((design.Strata, design.Weights, design.LonelyPsu), (read.Design.Strata, read.Design.Weights, read.Design.LonelyPsu));
        Assert.Equal(design.Fpc, read.Design.Fpc);
        Assert.NotNull(read.Calibration);
        Assert.Equal((CalibrationMethod.Raking, 80, new GWeightBounds(0.5, 3)), (read.Calibration.Method, read.Calibration.MaxIterations, read.Calibration.Bounds));
        var margin = Assert.IsType<CategoricalMargin>(Assert.Single(read.Calibration.Margins));
        Assert.Equal(new Dictionary<string, double> { ["1"] = 40, ["2"] = 60 }, margin.Totals);
        Assert.Equal(0.9, read.Level);
        Assert.Equal("m", Assert.Single(read.Estimates).Id);
    }

    [Fact]
    public void Sections_NoCalibration_WritesTheDesignOnly()
    {
        var document = DesignFileWriter.Sections(new DesignSpec([], null, [], "w"), null);

        Assert.Equal(["design"], document.Keys);
        Assert.Equal(["fpc", "weights", "lonely_psu"], ((Dictionary<string, object>)document["design"]).Keys);
    }
}
