using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Results;

namespace Barometer.Publishing.Tables;

/// <summary>
/// The PxWeb table <c>responsrate</c> (docs/api.md): the response of every public wave's gross sample — everyone, each
/// stratum of the sample and each group the barometer publishes — as gross sample, respondents and response rate,
/// from the release's quality section (<see cref="PublishedQuality"/>), with its suppression (the survey's minimum and
/// the complementary cells, <see cref="ResponseSuppression"/>). Only waves whose public release carries the analysis
/// are in it; none, and there is no table.
/// </summary>
public static class ResponseRateTable
{
    /// <summary>The table's id.</summary>
    public const string Id = "responsrate";

    /// <summary>The subject the table is filed under in the API's navigation.</summary>
    public const string Subject = "kvalitet";

    public const string Gross = "gross";
    public const string Respondents = "respondents";
    public const string Rate = "rate";

    /// <summary>The <c>Grupp</c> code of a stratum.</summary>
    public static string StratumCode(string stratum) => "stratum." + stratum;

    /// <summary>The <c>Grupp</c> code of a published group: variable and code.</summary>
    public static string GroupCode(string variable, string code) => variable + "." + code;

    /// <summary>The table of <paramref name="releases"/> (the public view's), or null when none carries a nonresponse analysis.</summary>
    public static PublishedTable? Build(IndicatorCatalogue catalogue, IReadOnlyList<PublishedRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(releases);
        var waves = releases.Where(r => r.Quality is not null).OrderBy(r => r.Wave).Select(r => (r.Wave, r.ReleaseTime, Quality: r.Quality!)).ToList();
        if (waves.Count == 0)
        {
            return null;
        }

        var values = new List<CubeValue> { new(TableCodes.All, TableText.All) };
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { [TableCodes.All] = 0 };
        void Add(string code, LocalizedText label)
        {
            if (!index.ContainsKey(code))
            {
                index[code] = values.Count;
                values.Add(new CubeValue(code, label));
            }
        }

        foreach (var (_, _, quality) in waves)
        {
            foreach (var stratum in quality.Strata)
            {
                Add(StratumCode(stratum.Code), new LocalizedText("Urvalsstratum " + stratum.Code, "Sampling stratum " + stratum.Code));
            }
        }

        foreach (var (_, _, quality) in waves)
        {
            foreach (var published in quality.Groups.Where(g => g.Variable is not null))
            {
                var variable = catalogue.VariableLabel(published.Variable!) ?? new LocalizedText(published.Variable!, published.Variable!);
                var code = catalogue.CodeLabel(published.Variable!, published.Code) ?? new LocalizedText(published.Code, published.Code);
                Add(GroupCode(published.Variable!, published.Code), new LocalizedText($"{variable.Sv}: {code.Sv}", $"{variable.En}: {code.En}"));
            }
        }

        var cells = new (long Sampled, long? Responded, bool Hidden)?[values.Count, waves.Count];
        for (var w = 0; w < waves.Count; w++)
        {
            var quality = waves[w].Quality;
            cells[0, w] = (quality.Sampled, quality.Responded, false);
            foreach (var s in quality.Strata)
            {
                cells[index[StratumCode(s.Code)], w] = (s.Sampled, s.Responded, s.Responded is null);
            }

            foreach (var g in quality.Groups.Where(g => g.Variable is not null))
            {
                cells[index[GroupCode(g.Variable!, g.Code)], w] = (g.Sampled, g.Responded, g.Responded is null);
            }
        }

        var group = new CubeDimension(TableCodes.Group, new LocalizedText("Redovisningsgrupp eller urvalsstratum", "Published group or sampling stratum"), DimensionRole.Regular, values)
        {
            Elimination = true,
        };
        var persons = new LocalizedText("personer", "persons");
        var contents = new CubeDimension(TableCodes.Contents, TableText.ContentsDimension, DimensionRole.Contents,
        [
            new CubeValue(Gross, new LocalizedText("Bruttourval", "Gross sample")) { Unit = persons, Decimals = 0 },
            new CubeValue(Respondents, new LocalizedText("Svarande", "Respondents")) { Unit = persons, Decimals = 0 },
            new CubeValue(Rate, new LocalizedText("Svarsandel", "Response rate")) { Unit = TableText.PerCent, Decimals = 1 },
        ]);
        var time = new CubeDimension(TableCodes.Time, TableText.TimeDimension, DimensionRole.Time,
            [.. waves.Select(w => w.Wave.ToString(CultureInfo.InvariantCulture)).Select(c => new CubeValue(c, new LocalizedText(c, c)))]);
        var min = waves[^1].Quality.MinRespondents;
        var source = new LocalizedText("Integrationsbarometerns enkät, bruttourval och svar", "The Integration Barometer's survey, gross sample and responses");
        var notes = new List<LocalizedText>
        {
            new("Definition: antal personer i bruttourvalet, antal svarande och svarsandel i procent, för varje publicerad våg.",
                "Definition: persons in the gross sample, respondents and response rate in per cent, for every published wave."),
            new("Källa: " + source.Sv + ". Integrationsbarometern är inte officiell statistik.",
                "Source: " + source.En + ". The Integration Barometer is not official statistics."),
            new("Svarsandelen är andelen svarande i bruttourvalet (ovägd). Urvalsstrata är de som urvalet drogs i; redovisningsgrupperna är kalibreringens variabler.",
                "The response rate is the share of the gross sample who responded (unweighted). The sampling strata are those the sample was drawn in; the published groups are the calibration's variables."),
            new(string.Create(CultureInfo.InvariantCulture, $"Antal svarande och svarsandel redovisas inte (..) för en grupp eller ett stratum med färre än {min} svarande, och inte heller för så många andra att de inte kan räknas fram som skillnader mot totalen."),
                string.Create(CultureInfo.InvariantCulture, $"Respondents and response rate are not published (..) for a group or stratum with fewer than {min} respondents, nor for as many others as keep them from being recalculated as differences from the total.")),
        };
        notes.AddRange(StatusSymbols.All.Select(symbol => new LocalizedText($"{symbol.Symbol} = {symbol.Explanation.Sv}", $"{symbol.Symbol} = {symbol.Explanation.En}")));
        return new PublishedTable(
            Id,
            Subject,
            new LocalizedText("Kvalitet", "Quality"),
            (first, last) => first == last
                ? new LocalizedText($"Svarsandel i enkäten efter redovisningsgrupp och urvalsstratum. År {first}", $"Survey response rate by published group and sampling stratum. Year {first}")
                : new LocalizedText($"Svarsandel i enkäten efter redovisningsgrupp och urvalsstratum. År {first}–{last}", $"Survey response rate by published group and sampling stratum. Years {first}–{last}"),
            new LocalizedText("Bruttourval, svarande och svarsandel i barometerns enkät för varje publicerad våg: totalt, per urvalsstratum och per redovisningsgrupp.",
                "Gross sample, respondents and response rate of the barometer's survey for every published wave: in total, by sampling stratum and by published group."),
            new LocalizedText("Svarsandel", "Response rate"),
            group,
            contents,
            time,
            [.. waves.Select(w => w.ReleaseTime)],
            source,
            catalogue.Title,
            notes,
            (_, g, c, w) =>
            {
                if (cells[g, w] is not { } cell)
                {
                    return (null, StatusSymbols.NotApplicable);
                }

                return c switch
                {
                    0 => (cell.Sampled, null),
                    _ when cell.Hidden || cell.Responded is null => (null, StatusSymbols.TooUncertain),
                    1 => (cell.Responded, null),
                    _ => cell.Sampled == 0 ? (null, StatusSymbols.NotApplicable) : (100.0 * cell.Responded!.Value / cell.Sampled, null),
                };
            });
    }
}
