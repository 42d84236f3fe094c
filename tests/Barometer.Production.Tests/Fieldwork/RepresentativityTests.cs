using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Production.Fieldwork;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Xunit.Abstractions;

namespace Barometer.Production.Tests.Fieldwork;

/// <summary>The nonresponse analysis the run stores, on the small synthetic Sweden of <see cref="ProducedStore"/>.</summary>
[Collection(ProducedStoreGroup.Name)]
[Trait("Category", "Slow")]
public sealed class RepresentativityTests(ProducedStore produced, ITestOutputHelper output)
{
    private NonresponseSummary Stored()
    {
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        return store.InSession(session => NonresponseTable.Read(session, produced.Second.RunId))!;
    }

    [Fact]
    public void Run_StoresTheRIndicatorItsPartialsAndTheBiasTable()
    {
        var summary = Stored();

        Assert.Null(summary.Problem);
        Assert.InRange(summary.R!.Value, 0.5, 1.0);
        using (var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System))
        {
            // A logistic model with an intercept reproduces the design-weighted response rate.
            var (responded, weights, _) = store.InSession(session => Representativity.PropensityData(session, produced.Catalogue, 2026))!.Value;
            var rate = Enumerable.Range(0, weights.Length).Sum(i => responded[i] ? weights[i] : 0) / weights.Sum();
            Assert.Equal(rate, summary.MeanPropensity!.Value, 1e-9);
            Assert.Equal(responded.LongCount(r => r), summary.Responded);
        }

        Assert.Contains(summary.Partials, p => p.Variable == "birth_region_4" && p.Code is null && p.Partial > 0);
        Assert.Contains(summary.Bias, b => !b.CalibratedOn);

        // Only aggregates, and no cell below the survey's minimum number of respondents carries a value.
        var minimum = produced.Catalogue.Quality.Survey.MinRespondents;
        Assert.All(summary.Partials.Where(p => p.Code is not null && p.Respondents < minimum), p => Assert.Null(p.Partial));
        Assert.All(summary.Bias.Where(b => b.Respondents < minimum), b => Assert.True(b.GrossSample is null && b.RespondentsCalibrated is null));
    }

    [Fact]
    public void Run_CalibrationRemovesMostOfTheRespondentsBiasOnTheCalibrationVariables()
    {
        // The synthetic response depends on age, sex, region of birth and education: the respondents' design-weighted
        // shares are off the gross sample's, and calibrating to register totals brings them back.
        var calibrated = Stored().Bias.Where(b => b.CalibratedOn && b.GrossSample is not null).ToList();
        var before = calibrated.Sum(b => Math.Abs(b.RespondentsDesign!.Value - b.GrossSample!.Value));
        var after = calibrated.Sum(b => Math.Abs(b.RespondentsCalibrated!.Value - b.GrossSample!.Value));
        output.WriteLine($"sum of |share − gross-sample share| over {calibrated.Count} categories: {before:F4} design-weighted, {after:F4} calibrated");
        Assert.True(after < 0.5 * before, $"calibrated {after:F4} against design-weighted {before:F4}");
    }

    [LiveRFact]
    public void RIndicator_OfTheRun_EqualsGlmInR()
    {
        var summary = Stored();
        var folder = Directory.CreateTempSubdirectory("rindicator-run-").FullName;
        try
        {
            using (var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System))
            {
                var (responded, weights, covariates) = store.InSession(session => Representativity.PropensityData(session, produced.Catalogue, 2026))!.Value;
                var csv = new StringBuilder("responded,weight," + string.Join(',', covariates.Select(c => c.Name)) + "\n");
                for (var i = 0; i < responded.Length; i++)
                {
                    csv.Append(responded[i] ? '1' : '0').Append(',').Append(weights[i].ToString("R", CultureInfo.InvariantCulture));
                    foreach (var covariate in covariates)
                    {
                        csv.Append(',').Append(covariate.Values[i]);
                    }

                    csv.Append('\n');
                }

                File.WriteAllText(Path.Combine(folder, "data.csv"), csv.ToString());
            }

            var fields = LiveRFactAttribute.Run(Path.Combine(AppContext.BaseDirectory, "Fieldwork", "Reference", "rindicator_run.R"), Path.Combine(folder, "data.csv")).Trim().Split(',');
            var r = double.Parse(fields[0], CultureInfo.InvariantCulture);
            var mean = double.Parse(fields[2], CultureInfo.InvariantCulture);
            output.WriteLine($"R: run {summary.R:R}, glm {r:R}; difference {Math.Abs(summary.R!.Value - r):E2}");
            Assert.Equal(r, summary.R!.Value, 1e-8);
            Assert.Equal(mean, summary.MeanPropensity!.Value, 1e-8);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>A test that needs Rscript: skipped without it unless <c>BAROMETER_REQUIRE_R=1</c>, which makes a missing R a failure.</summary>
public sealed class LiveRFactAttribute : FactAttribute
{
    public LiveRFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BAROMETER_REQUIRE_R") != "1" && !Available())
        {
            Skip = "Rscript is not installed; the comparison with R is skipped (set BAROMETER_REQUIRE_R=1 to make this a failure).";
        }
    }

    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("Rscript") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Rscript did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "Rscript timed out");
        Assert.True(process.ExitCode == 0, $"Rscript exited {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    private static bool Available()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("Rscript", "--version") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false });
            process?.WaitForExit(TimeSpan.FromSeconds(30));
            return process is { ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
