using Barometer.Catalogue;
using Barometer.Synthetic.Calibration;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Population;
using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic;

/// <summary>
/// The generated synthetic Sweden held in memory: the population register, its register variables and everything
/// derived from them. The coverage simulation draws many samples from one world without writing files.
/// </summary>
internal sealed class SyntheticWorld
{
    private SyntheticWorld(SynthOptions options, IndicatorCatalogue catalogue, RegisterVariables variables)
    {
        Options = options;
        Catalogue = catalogue;
        Variables = variables;
    }

    public SynthOptions Options { get; }

    public IndicatorCatalogue Catalogue { get; }

    public RegisterVariables Variables { get; }

    public PopulationRegister Register => Variables.Register;

    public static SyntheticWorld Create(SynthOptions options, IndicatorCatalogue catalogue, IGenerationProgress progress)
    {
        var register = CreateRegister(options, catalogue, progress);
        var outcomes = new RegisterOutcomeGenerator(options.Seed).Generate(register, progress);
        return new SyntheticWorld(options, catalogue, new RegisterVariables(catalogue, register, outcomes, options.Seed));
    }

    public static PopulationRegister CreateRegister(SynthOptions options, IndicatorCatalogue catalogue, IGenerationProgress progress)
    {
        var kommun = catalogue.Classification("kommun");
        var kommuner = kommun.Codes.Select(c => (c.Code, kommun.MapTo("lan", c.Code))).ToList();
        var municipalities = Municipalities.Build(kommuner, (double)PopulationTargets.ForeignBorn / PopulationTargets.Total);
        var generator = new PopulationGenerator(options.Seed, options.Scale, CountryProfiles.All, municipalities);
        return generator.Generate(progress);
    }

    public IReadOnlyList<SyntheticTable> Tables(IGenerationProgress progress)
    {
        var tables = new List<SyntheticTable>
        {
            new(
                "register/register",
                new Label("En rad per person folkbokförd i Sverige den 31 december 2024", "One row per person registered in Sweden on 31 December 2024"),
                Register.Count,
                Variables.Columns),
        };
        var truth = new TruthCalculator(Catalogue, Variables);
        var answers = new AnswerModel(Options.Seed, Catalogue, Variables, Options.CountyEffect);
        var waves = Options.Waves.Order().ToList();
        var perWave = new (SyntheticTable Sample, SyntheticTable Responses, IReadOnlyList<FrameCalibrationTotal> Calibration, IReadOnlyList<TruthRow> Truth)[waves.Count];
        IReadOnlyList<TruthRow> registerTruth = [];
        const string phase = "survey waves";
        progress.Start(phase, waves.Count);
        // The register truth and the waves are independent (every draw is keyed by seed, person and wave), so they
        // run side by side: the single-threaded parts of one overlap the parallel parts of another. Results are
        // put together in wave order, so the output does not depend on which finished first.
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            () => registerTruth = truth.Register(progress),
            () => Parallel.For(0, waves.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, w =>
            {
                var design = new StratifiedSampler(Options.Seed, Options.Scale, Variables, waves[w]);
                var sample = design.Draw(replicate: 0);
                var respondentAnswers = SurveyTables.RespondentAnswers(sample, answers, Variables, Options.Seed);
                perWave[w] = (SurveyTables.Sample(sample, Catalogue, Variables), SurveyTables.Responses(sample, respondentAnswers, answers),
                    FrameCalibrationTotals.Compute(Catalogue, Variables, design).ToList(), truth.Survey(design, answers, progress));
                progress.Advance(phase, 1);
            }));

        progress.Complete(phase);
        var truthRows = new List<TruthRow>(registerTruth);
        var calibration = new List<FrameCalibrationTotal>();
        foreach (var wave in perWave)
        {
            tables.Add(wave.Sample);
            tables.Add(wave.Responses);
            calibration.AddRange(wave.Calibration);
            truthRows.AddRange(wave.Truth);
        }

        tables.Add(TruthTable(truthRows));
        tables.Add(CalibrationTable(calibration));
        return tables;
    }

    private static SyntheticTable TruthTable(List<TruthRow> rows) => new(
        "truth/truth",
        new Label("Sanna populationsvärden för varje indikator, redovisningsgrupp och omgång", "True population values of every indicator, published breakdown and wave"),
        rows.Count,
        [
            ColumnSpec.Whole("wave", new Label("Omgång (enkät) eller registerår", "Wave (survey) or register year"), k => rows[k].Wave),
            ColumnSpec.Text("indicator", new Label("Indikatorns id i katalogen", "The indicator's id in the catalogue"), k => rows[k].Indicator),
            ColumnSpec.Text("breakdown", new Label("Redovisningsvariabel, eller total", "Breakdown variable, or total"), k => rows[k].Breakdown),
            ColumnSpec.Text("code", new Label("Kod i redovisningsvariabelns klassifikation (tom för total)", "Code of the breakdown's classification (empty for the total)"), k => rows[k].Code),
            ColumnSpec.Text("group", new Label("all, eller jämförelse:focal / jämförelse:reference", "all, or comparison:focal / comparison:reference"), k => rows[k].Group),
            ColumnSpec.Text("sex", new Label("Kön för indikatorer som redovisas för flickor och pojkar separat (tom: båda)", "Sex for indicators published for girls and boys separately (empty: both)"), k => rows[k].Sex),
            ColumnSpec.Num("value", new Label("Sant värde: andel (0–1), medelvärde, median eller kvot; saknas om basen är tom", "True value: share (0–1), mean, median or ratio; missing when the base is empty"),
                k => rows[k].Value, nullable: true),
            ColumnSpec.Num("numerator", new Label("Täljarens populationssumma", "Population total of the numerator"), k => rows[k].Numerator),
            ColumnSpec.Num("denominator", new Label("Nämnarens populationssumma (personer i basen för andelar och medelvärden)", "Population total of the denominator (persons in the base for shares and means)"), k => rows[k].Denominator),
            ColumnSpec.Whole("persons", new Label("Personer i indikatorns population i cellen", "Persons in the indicator's population in the cell"), k => (int)rows[k].Persons),
        ]);

    private static SyntheticTable CalibrationTable(List<FrameCalibrationTotal> rows) => new(
        "calibration/totals",
        new Label("Kalibreringstotaler från registret för varje omgång och marginal (catalogue/calibration.yaml)", "Calibration totals from the register for every wave and margin (catalogue/calibration.yaml)"),
        rows.Count,
        [
            ColumnSpec.Whole("wave", new Label("Omgång", "Wave"), k => rows[k].Wave),
            ColumnSpec.Whole("margin", new Label("Marginalens nummer i calibration.yaml (från 1)", "The margin's number in calibration.yaml (from 1)"), k => rows[k].Margin),
            ColumnSpec.Text("variables", new Label("Marginalens variabler, förenade med *", "The margin's variables, joined by *"), k => rows[k].Variables),
            ColumnSpec.Text("cell", new Label("Cellen som variabel=kod, förenade med ;", "The cell as variable=code, joined by ;"), k => rows[k].Cell),
            ColumnSpec.Whole("total", new Label("Antal personer i cellen (kalibreringspopulationen vid urvalsramens referensdatum)", "Persons in the cell (calibration population at the frame's reference date)"),
                k => (int)rows[k].Total),
        ]);
}
