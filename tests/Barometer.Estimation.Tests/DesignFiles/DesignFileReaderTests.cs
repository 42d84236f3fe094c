using Barometer.Estimation.DesignFiles;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.DesignFiles;

public class DesignFileReaderTests
{
    private const string ContractExample = """
        design:
          ids: [psu, ssu]          # cluster id column per stage; omit for element sampling
          strata: stratum          # optional
          fpc: [fpc1, fpc2]        # per stage: population count, or sampling fraction when <= 1; optional
          weights: w               # optional when fpc gives the weights
          lonely_psu: fail         # fail | remove | adjust | average | certainty
        calibration:               # optional
          method: raking           # linear | raking | logit
          bounds: [0.7, 1.7]       # optional; required for logit
          margins:
            - {variable: sex, totals: {"1": 5324785, "2": 5262925}}   # categorical: a total for each level
            - {variable: income, total: 3.1e12}                          # numeric: one total
        replicates:                # optional; omit for linearization
          type: fay                # jk1 | jkn | bootstrap | brr | fay
          columns: "rw_*"          # supplied replicate weights (a glob); omit to generate jk1/jkn from the design
          rho: 0.5                 # fay only
        estimates:
          - {id: m1, type: mean, variable: y, by: [region]}
          - {id: p1, type: proportion, variable: answer, ci: logit}        # ci: wald (default) | logit | beta
          - {id: r1, type: ratio, variable: y, denominator: x}
          - {id: t1, type: total, variable: y}
          - {id: g1, type: difference, variable: y, by: [born], contrast: [foreign, native]}
        level: 0.95                # optional
        """;

    [Fact]
    public void Read_ContractExample_MapsEverySection()
    {
        using var folder = new TempFolder();
        var file = DesignFileReader.Read(folder.Write("design.yaml", ContractExample));

        Assert.Equal(["psu", "ssu"], file.Design.Ids);
        Assert.Equal("stratum", file.Design.Strata);
        Assert.Equal(["fpc1", "fpc2"], file.Design.Fpc);
        Assert.Equal("w", file.Design.Weights);
        Assert.Equal(LonelyPsuRule.Fail, file.Design.LonelyPsu);
        var calibration = Assert.IsType<CalibrationSpec>(file.Calibration);
        Assert.Equal(CalibrationMethod.Raking, calibration.Method);
        Assert.Equal(new GWeightBounds(0.7, 1.7), calibration.Bounds);
        var sex = Assert.IsType<CategoricalMargin>(calibration.Margins[0]);
        Assert.Equal("sex", sex.Variable);
        Assert.Equal(5324785.0, sex.Totals["1"]);
        Assert.Equal(5262925.0, sex.Totals["2"]);
        var income = Assert.IsType<NumericMargin>(calibration.Margins[1]);
        Assert.Equal(3.1e12, income.Total);
        var replicates = Assert.IsType<ReplicatesEntry>(file.Replicates);
        Assert.Equal(ReplicateType.Fay, replicates.Type);
        Assert.Equal(["rw_*"], replicates.ColumnPatterns);
        Assert.Equal(0.5, replicates.Rho);
        Assert.Equal(5, file.Estimates.Count);
        Assert.Equal(new EstimateSpec("m1", EstimateType.Mean, "y", file.Estimates[0].By), file.Estimates[0]);
        Assert.Equal(["region"], file.Estimates[0].By);
        Assert.Equal(IntervalMethod.Logit, file.Estimates[1].Interval);
        Assert.Equal("x", file.Estimates[2].Denominator);
        Assert.Equal(EstimateType.Total, file.Estimates[3].Type);
        Assert.Equal(["foreign", "native"], file.Estimates[4].Contrast);
        Assert.Equal(0.95, file.Level);
    }

    [Fact]
    public void Read_ContractExample_KnowsTheLineOfEveryKey()
    {
        using var folder = new TempFolder();
        var file = DesignFileReader.Read(folder.Write("design.yaml", ContractExample));

        Assert.Equal(5, file.LineOf("design.weights"));
        Assert.Equal(3, file.LineOf("design.strata"));
        Assert.Equal(2, file.LineOf("design.ids[1]"));
        Assert.Equal(11, file.LineOf("calibration.margins[0].totals.2"));
        Assert.Equal(19, file.LineOf("estimates[1].ci"));
        // A key the file does not write falls back to its nearest written parent.
        Assert.Equal(7, file.LineOf("calibration.maxit"));
        Assert.Null(file.LineOf("nothing.here"));
    }

    [Fact]
    public void Read_MinimalFile_UsesDefaults()
    {
        using var folder = new TempFolder();
        var file = DesignFileReader.Read(folder.Write("design.yaml", "design: {}\nestimates:\n  - {id: m, type: mean, variable: y}\n"));

        Assert.Empty(file.Design.Ids);
        Assert.Null(file.Design.Strata);
        Assert.Empty(file.Design.Fpc);
        Assert.Null(file.Design.Weights);
        Assert.Equal(LonelyPsuRule.Fail, file.Design.LonelyPsu);
        Assert.Null(file.Calibration);
        Assert.Null(file.Replicates);
        Assert.Equal(0.95, file.Level);
        Assert.Equal(IntervalMethod.Wald, file.Estimates[0].Interval);
    }

    [Fact]
    public void Read_SingleNameForAList_IsAListOfOne()
    {
        using var folder = new TempFolder();
        var file = DesignFileReader.Read(folder.Write("design.yaml", "design: {ids: psu, fpc: n}\nestimates:\n  - {id: m, type: mean, variable: y, by: region}\n"));

        Assert.Equal(["psu"], file.Design.Ids);
        Assert.Equal(["n"], file.Design.Fpc);
        Assert.Equal(["region"], file.Estimates[0].By);
    }

    [Fact]
    public void Read_EmptyColumnLists_MeanNone()
    {
        using var folder = new TempFolder();
        var file = DesignFileReader.Read(folder.Write("design.yaml", "design: {ids: [], fpc: []}\nestimates:\n  - {id: m, type: mean, variable: y, by: []}\n"));

        Assert.Empty(file.Design.Ids);
        Assert.Empty(file.Design.Fpc);
        Assert.Empty(file.Estimates[0].By);
    }

    [Fact]
    public void Read_TypoInKey_NamesFileLineKeyAndAllowedKeys()
    {
        using var folder = new TempFolder();
        var path = folder.Write("design.yaml", "design:\n  ids: [psu]\n  stata: stratum\nestimates:\n  - {id: m, type: mean, variable: y}\n");

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(path));

        Assert.Contains("design.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'design.stata'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ids, strata, fpc, weights, lonely_psu", ex.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'strata'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("design: {}\nestimates:\n  - {id: m, type: mean, variable: y}\nlevel: high\n", "line 4", "'level'", "number")]
    [InlineData("design: {}\nestimates:\n  - {id: m, type: mean, variable: y}\nlevel: 1.5\n", "line 4", "'level'", "between 0 and 1")]
    [InlineData("design: {}\nestimates:\n  - {id: m, type: median, variable: y}\n", "line 3", "'estimates[0].type'", "total, mean, proportion, ratio, difference")]
    [InlineData("design: {lonely_psu: drop}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 1", "'design.lonely_psu'", "fail, remove, adjust, average, certainty")]
    [InlineData("design: {ids: {a: b}}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 1", "'design.ids'", "found a mapping")]
    [InlineData("design: []\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 1", "'design'", "found a list")]
    [InlineData("design: {}\nestimates: {id: m}\n", "line 2", "'estimates'", "a list of estimates")]
    [InlineData("design: {}\nestimates:\n  - {id: r, type: ratio, variable: y}\n", "line 3", "'estimates[0]'", "denominator")]
    [InlineData("design: {}\nestimates:\n  - {id: m, type: mean, variable: y, denominator: x}\n", "line 3", "'estimates[0].denominator'", "ratio")]
    [InlineData("design: {}\nestimates:\n  - {id: m, type: mean, variable: y, ci: logit}\n", "line 3", "'estimates[0].ci'", "proportions")]
    [InlineData("design: {}\nestimates:\n  - {id: d, type: difference, variable: y, by: [a, b], contrast: [x, y]}\n", "line 3", "'estimates[0].by'", "exactly one variable")]
    [InlineData("design: {}\nestimates:\n  - {id: d, type: difference, variable: y, by: [a], contrast: [x]}\n", "line 3", "'estimates[0].contrast'", "two different levels")]
    [InlineData("design: {}\nestimates:\n  - {id: m, type: mean, variable: y}\n  - {id: m, type: total, variable: y}\n", "line 4", "'estimates[1].id'", "unique id")]
    [InlineData("design: {}\nestimates: []\n", "line 2", "'estimates'", "at least one estimate")]
    [InlineData("design: {}\ncalibration: {method: raking, bounds: [0.5], margins: [{variable: s, total: 3}]}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'calibration.bounds'", "two numbers")]
    [InlineData("design: {}\ncalibration: {method: rake, margins: [{variable: s, total: 3}]}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'calibration.method'", "linear, raking, logit")]
    [InlineData("design: {}\ncalibration: {method: linear, margins: [{variable: s}]}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'calibration.margins[0]'", "neither 'totals' nor 'total'")]
    [InlineData("design: {}\ncalibration: {method: linear, margins: [{variable: s, totals: {a: lots}}]}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'calibration.margins[0].totals.a'", "number")]
    [InlineData("design: {}\ncalibration: {method: linear}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'calibration'", "margins")]
    [InlineData("design: {}\nreplicates: {type: fay, columns: \"rw_*\"}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'replicates'", "rho")]
    [InlineData("design: {}\nreplicates: {type: jk1, rho: 0.5}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'replicates.rho'", "fay only")]
    [InlineData("design: {}\nreplicates: {type: bootstrap}\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 2", "'replicates'", "columns")]
    [InlineData("estimates:\n  - {id: m, type: mean, variable: y}\n", "line 1", "design", "design: {}")]
    [InlineData("design: {}\n", "line 1", "estimates", "is missing")]
    [InlineData("design: {weights: }\nestimates:\n  - {id: m, type: mean, variable: y}\n", "line 1", "'design.weights'", "found nothing")]
    public void Read_WrongValue_NamesLineKeyAndExpectation(string yaml, string line, string key, string expectation)
    {
        using var folder = new TempFolder();
        var path = folder.Write("design.yaml", yaml);

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(path));

        Assert.Contains("design file '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("design.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectation, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidYaml_NamesLineAndColumn()
    {
        using var folder = new TempFolder();
        var path = folder.Write("design.yaml", "design:\n  ids: [psu]\n strata: s\nestimates: x\n");

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(path));

        Assert.Contains("design.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedBracket_IsUserErrorNotACrash()
    {
        using var folder = new TempFolder();
        var path = folder.Write("design.yaml", "design:\n  ids: [psu\nestimates: x\n");

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(path));

        Assert.Contains("design.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateKey_IsAnError()
    {
        using var folder = new TempFolder();
        var path = folder.Write("design.yaml", "design: {}\nestimates:\n  - {id: m, type: mean, variable: y}\nlevel: 0.9\nlevel: 0.8\n");

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(path));

        Assert.Contains("design.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysWhatIsExpected()
    {
        using var folder = new TempFolder();
        var path = folder.Write("design.yaml", "# nothing yet\n");

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(path));

        Assert.Contains("is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("estimates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysItDoesNotExist()
    {
        using var folder = new TempFolder();

        var ex = Assert.Throws<DesignFileException>(() => DesignFileReader.Read(folder.File("absent.yaml")));

        Assert.Contains("absent.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
