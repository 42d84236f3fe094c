using System.Globalization;
using Barometer.Catalogue;
using Barometer.Cli.Tests.Commands.Estimate;
using Barometer.Production.Runs;
using Barometer.Storage;
using Barometer.Testing;
using CsvHelper;
using DuckDB.NET.Data;

namespace Barometer.Cli.Tests.Commands.Design;

/// <summary>
/// The acceptance check that published survey estimates are what `barometer estimate` gives on the same data and
/// design: a production run of a small synthetic wave, `barometer design` writes its analysis file and design, and
/// `barometer estimate` on them reproduces every published level — estimate, standard error, interval and n.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DesignCommandTests : IDisposable
{
    private const int Wave = 2026;
    private readonly TempFolder _folder = new();

    [Fact]
    public void DesignThenEstimate_EveryPublishedSurveyLevel_IsReproducedExactly()
    {
        var store = BuildStore();
        var output = Path.Combine(_folder.Path, "design");
        var (code, text, err) = CliRunner.Run("design", "--wave", "2026", "--store", store, "--out", output);
        Assert.True(code == 0, err + text);
        Assert.Contains("barometer estimate --data", text, StringComparison.Ordinal);

        var estimates = Path.Combine(_folder.Path, "estimates.csv");
        (code, text, err) = CliRunner.Run("estimate", "--data", Path.Combine(output, "data.csv"), "--design", Path.Combine(output, "design.yaml"), "--out", estimates);
        Assert.True(code == 0, err + text);
        var reproduced = ReadEstimates(estimates);

        var published = Published(store);
        Assert.True(published.Count > 1000, $"only {published.Count} published survey levels");
        foreach (var (key, cell) in published)
        {
            Assert.True(reproduced.TryGetValue(key, out var again), $"{key} is published but `barometer estimate` gave no such estimate");
            Assert.Equal(cell.Estimate, again.Estimate);
            Assert.Equal(cell.Se, again.Se);
            Assert.Equal(cell.Low, again.Low);
            Assert.Equal(cell.High, again.High);
            Assert.Equal(cell.N, again.N);
        }
    }

    [Fact]
    public void Design_UnknownIndicator_NamesItAndTheSurveyIndicators()
    {
        var (code, _, err) = CliRunner.Run("design", "--wave", "2026", "--store", Path.Combine(_folder.Path, "none.duckdb"), "--out", _folder.Path,
            "--indicators", "employment_rate");
        Assert.Equal(1, code);
        Assert.Contains("'employment_rate' is not a survey indicator", err, StringComparison.Ordinal);
        Assert.Contains("trust_parliament", err, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private string BuildStore()
    {
        var path = Path.Combine(_folder.Path, "store.duckdb");
        var catalogue = IndicatorCatalogue.LoadDefault();
        using var store = BarometerStore.Open(path, TimeProvider.System);
        SyntheticInputs.GenerateAndIngest(store, catalogue, Path.Combine(_folder.Path, "data"), 0.01, [Wave]);
        new ProductionRun(store, catalogue) { IncludeRegister = false }.Run(Wave);
        return path;
    }

    private static Dictionary<string, (double Estimate, double Se, double Low, double High, long N)> Published(string store)
    {
        using var connection = new DuckDBConnection($"Data Source={store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT indicator, breakdown, cell, comparison_group, estimate, standard_error, ci_lower, ci_upper, respondents FROM results " +
            "WHERE source = 'survey' AND measure = 'level' AND suppression_rule IS NULL";
        using var reader = command.ExecuteReader();
        var cells = new Dictionary<string, (double, double, double, double, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            cells[$"{reader.GetString(0)}/{reader.GetString(1)}/{reader.GetString(2)}/{reader.GetString(3)}"] =
                (reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetInt64(8));
        }

        return cells;
    }

    /// <summary>The estimate CSV keyed as the results are: indicator/breakdown/cell/group.</summary>
    private static Dictionary<string, (double Estimate, double Se, double Low, double High, long N)> ReadEstimates(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new Dictionary<string, (double, double, double, double, long)>(StringComparer.Ordinal);
        while (csv.Read())
        {
            // estimate_id indicator/set/breakdown; domain g|indicator|set=side[;b|breakdown=code].
            var id = csv.GetField("estimate_id")!.Split('/');
            var domain = csv.GetField("domain")!.Split(';');
            var side = domain[0].Split('=')[1];
            var group = id[1] == "all" ? "all" : id[1] + ":" + side;
            var cell = domain.Length > 1 ? domain[1].Split('=')[1] : "";
            static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);
            rows[$"{id[0]}/{id[2]}/{cell}/{group}"] = (Number(csv.GetField("estimate")), Number(csv.GetField("se")), Number(csv.GetField("ci_low")),
                Number(csv.GetField("ci_high")), long.Parse(csv.GetField("n")!, CultureInfo.InvariantCulture));
        }

        return rows;
    }
}
