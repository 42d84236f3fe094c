using Barometer.Catalogue.Questionnaires;
using Parquet;
using Parquet.Schema;

namespace Barometer.Synthetic.Tests.Survey;

/// <summary>One small generated folder shared by the tests of this class (generation takes a few seconds).</summary>
public sealed class GeneratedFolder : IDisposable
{
    private readonly TempFolder _temp = new();

    public GeneratedFolder()
    {
        Result = SyntheticSweden.Generate(TestOptions.Small(seed: 9, waves: [2024, 2025]) with { Scale = 0.001 }, _temp.Sub("out"), SilentGenerationProgress.Instance, TestCatalogue.Instance);
    }

    public SynthResult Result { get; }

    public string File(string relative) => Path.Combine(Result.OutputPath, relative);

    public void Dispose() => _temp.Dispose();
}

public class SurveyOutputTests(GeneratedFolder generated) : IClassFixture<GeneratedFolder>
{
    private static async Task<Dictionary<string, Array>> ReadAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(0);
        foreach (var field in reader.Schema.DataFields)
        {
            columns[field.Name] = await ReadColumnAsync(group, field, (int)group.RowCount);
        }

        return columns;
    }

    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[rows];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }

        if (field.ClrType == typeof(int) && field.IsNullable)
        {
            var values = new int?[rows];
            await group.ReadAsync<int>(field, values.AsMemory());
            return values;
        }

        if (field.ClrType == typeof(int))
        {
            var values = new int[rows];
            await group.ReadAsync<int>(field, values.AsMemory());
            return values;
        }

        if (field.ClrType == typeof(bool) && field.IsNullable)
        {
            var values = new bool?[rows];
            await group.ReadAsync<bool>(field, values.AsMemory());
            return values;
        }

        if (field.ClrType == typeof(bool))
        {
            var values = new bool[rows];
            await group.ReadAsync<bool>(field, values.AsMemory());
            return values;
        }

        if (field.IsNullable)
        {
            var values = new double?[rows];
            await group.ReadAsync<double>(field, values.AsMemory());
            return values;
        }

        var doubles = new double[rows];
        await group.ReadAsync<double>(field, doubles.AsMemory());
        return doubles;
    }

    [Fact]
    public async Task Register_EveryCatalogueRegisterVariable_ProducedWithValidValues()
    {
        var catalogue = TestCatalogue.Instance;
        await using var reader = await ParquetReader.CreateAsync(generated.File("register/register.parquet"));
        Assert.Equal(catalogue.RegisterVariables.Select(v => v.Name).ToList(), reader.Schema.DataFields.Select(f => f.Name).ToList());
        var columns = await ReadAsync(generated.File("register/register.parquet"));
        foreach (var variable in catalogue.RegisterVariables)
        {
            var values = columns[variable.Name];
            if (variable.Classification is { } id)
            {
                var classification = catalogue.Classification(id);
                foreach (string? code in values)
                {
                    if (code is null)
                    {
                        Assert.True(variable.MissingAllowed, $"{variable.Name} is missing but the catalogue does not allow it");
                    }
                    else
                    {
                        Assert.True(classification.Contains(code), $"{variable.Name}: code '{code}' is not in {id}");
                    }
                }
            }
            else if (!variable.MissingAllowed)
            {
                foreach (var value in values)
                {
                    Assert.NotNull(value);
                }
            }
        }
    }

    [Fact]
    public async Task Responses_EveryQuestionnaireItem_AnsweredWithValidCodes()
    {
        var questionnaire = TestCatalogue.Instance.Questionnaire;
        foreach (var wave in new[] { 2024, 2025 })
        {
            var columns = await ReadAsync(generated.File($"survey/{wave}/responses.parquet"));
            foreach (var item in questionnaire.Items)
            {
                Assert.True(columns.ContainsKey(item.Id), $"item {item.Id} has no column");
                var scale = questionnaire.FindScale(item.Scale)!;
                var answered = 0;
                foreach (int? code in columns[item.Id])
                {
                    if (code is { } c)
                    {
                        Assert.NotNull(scale.Find(c));
                        answered++;
                    }
                }

                Assert.True(answered > 0, $"nobody answered {item.Id} in {wave}");
            }
        }
    }

    [Fact]
    public async Task Responses_ItemNonresponseAndDontKnow_Occur()
    {
        var questionnaire = TestCatalogue.Instance.Questionnaire;
        var columns = await ReadAsync(generated.File("survey/2025/responses.parquet"));
        var kinds = new HashSet<MissingKind>();
        foreach (var item in questionnaire.Items)
        {
            var scale = questionnaire.FindScale(item.Scale)!;
            foreach (int? code in columns[item.Id])
            {
                if (code is { } c && scale.Find(c)?.Missing is { } kind)
                {
                    kinds.Add(kind);
                }
            }
        }

        Assert.Contains(MissingKind.DontKnow, kinds);
        Assert.Contains(MissingKind.NoAnswer, kinds);
    }

    [Fact]
    public async Task Sample_ResponseRateNearFortyFivePercentAndLowerAmongForeignBorn()
    {
        var columns = await ReadAsync(generated.File("survey/2025/sample.parquet"));
        var responded = (bool[])columns["responded"];
        var country = (string?[])columns["birth_country"];
        var rate = responded.Average(r => r ? 1.0 : 0.0);
        // The intercept is solved for an expected 45 %; with n ≥ 4,000 the realised rate is within ±3 points.
        Assert.InRange(rate, 0.42, 0.48);
        double Rate(bool foreign) => Enumerable.Range(0, responded.Length).Where(k => (country[k] != "SE") == foreign).Average(k => responded[k] ? 1.0 : 0.0);
        Assert.True(Rate(foreign: true) < Rate(foreign: false));
    }

    [Fact]
    public async Task Sample_DesignWeightsSumToFramePerStratum()
    {
        var columns = await ReadAsync(generated.File("survey/2025/sample.parquet"));
        var strata = (string?[])columns["stratum"];
        var weights = (double[])columns["design_weight"];
        var population = (int[])columns["stratum_population"];
        foreach (var group in Enumerable.Range(0, strata.Length).GroupBy(k => strata[k]))
        {
            Assert.Equal(population[group.First()], group.Sum(k => weights[k]), 6);
        }
    }

    [Fact]
    public async Task Responses_RespondentsAreTheGrossSampleRespondents()
    {
        var sample = await ReadAsync(generated.File("survey/2025/sample.parquet"));
        var responses = await ReadAsync(generated.File("survey/2025/responses.parquet"));
        var ids = (int[])sample["person_id"];
        var responded = (bool[])sample["responded"];
        var expected = ids.Where((_, k) => responded[k]).Order().ToArray();
        Assert.Equal(expected, ((int[])responses["person_id"]).Order().ToArray());
    }

    [Fact]
    public async Task Truth_EveryIndicatorHasATotal()
    {
        var truth = await ReadAsync(generated.File("truth/truth.parquet"));
        var indicators = ((string?[])truth["indicator"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var indicator in TestCatalogue.Instance.Indicators)
        {
            Assert.Contains(indicator.Id, indicators);
        }
    }

    [Fact]
    public async Task CalibrationTotals_EveryMarginSumsToTheSamePopulation()
    {
        var totals = await ReadAsync(generated.File("calibration/totals.parquet"));
        var wave = (int[])totals["wave"];
        var margin = (int[])totals["margin"];
        var total = (int[])totals["total"];
        var sums = Enumerable.Range(0, wave.Length).Where(k => wave[k] == 2025).GroupBy(k => margin[k]).Select(g => g.Sum(k => (long)total[k])).Distinct().ToList();
        Assert.Single(sums);
        Assert.Equal(TestCatalogue.Instance.Calibration.Margins.Count, Enumerable.Range(0, wave.Length).Where(k => wave[k] == 2025).Select(k => margin[k]).Distinct().Count());
    }
}
