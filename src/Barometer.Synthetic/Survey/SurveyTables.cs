using Barometer.Catalogue;
using Barometer.Catalogue.Variables;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Randomness;
using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic.Survey;

/// <summary>The files of one survey wave: the gross sample with design variables and the respondents' answers.</summary>
internal static class SurveyTables
{
    /// <summary>Answers of the respondents, with item nonresponse: (respondent rows, item codes; -1 = not asked).</summary>
    public static int[][] RespondentAnswers(DrawnSample sample, AnswerModel model, RegisterVariables variables, ulong seed)
    {
        var respondents = Enumerable.Range(0, sample.Persons.Length).Where(k => sample.Responded[k]).Select(k => sample.Persons[k]).ToArray();
        var answers = new int[respondents.Length][];
        // The first session is built here: building one encodes the register columns its filters read.
        var first = model.NewSession(sample.Wave);
        var taken = 0;
        Parallel.For(0, Chunking.ChunkCount(respondents.Length), () => Interlocked.Exchange(ref taken, 1) == 0 ? first : model.NewSession(sample.Wave), (chunk, _, session) =>
        {
            var end = Math.Min(respondents.Length, (chunk + 1) * Chunking.ChunkSize);
            for (var k = chunk * Chunking.ChunkSize; k < end; k++)
            {
                var a = new int[model.ItemCount];
                RespondentAnswers(session, model, variables, seed, sample.Wave, respondents[k], a);
                answers[k] = a;
            }

            return session;
        }, _ => { });
        return answers;
    }

    /// <summary>
    /// One respondent's answers with item nonresponse ("no answer" drawn from the person's own stream, so the same
    /// person answers the same in every replicate of a wave).
    /// </summary>
    public static void RespondentAnswers(AnswerModel.Session session, AnswerModel model, RegisterVariables variables, ulong seed, int wave, int person, int[] a)
    {
        var r = variables.Register;
        session.Answers(person, a);
        var age = wave - 1 - r.BirthYear[person];
        var pNoAnswer = 0.01 + (age >= 70 ? 0.02 : 0.0) + (r.IsForeignBorn(person) ? 0.01 : 0.0);
        for (var item = 0; item < a.Length; item++)
        {
            if (a[item] >= 0 && model.NoAnswerCode(item) >= 0 &&
                StreamKey.Uniform(seed, Phase.ItemNonresponse, ((ulong)wave << 40) | (uint)person, (ulong)item) < pNoAnswer)
            {
                a[item] = model.NoAnswerCode(item);
            }
        }
    }

    /// <summary>
    /// The gross sample table. Background variables are those of the wave's frame date, or with
    /// <paramref name="atRegisterDate"/> those of the register extract (31 December 2024) — as <c>barometer draw</c>
    /// writes them for a sample drawn from the register, whose frame, strata and calibration totals are of that date.
    /// </summary>
    public static SyntheticTable Sample(DrawnSample sample, IndicatorCatalogue catalogue, RegisterVariables variables, bool atRegisterDate = false)
    {
        var values = new PersonValues(catalogue, variables, atRegisterDate ? null : sample.Wave);
        var persons = sample.Persons;
        var strata = sample.Strata;
        var columns = new List<ColumnSpec>
        {
            ColumnSpec.Whole("person_id", new Label("Löpnummer för personen (samma som i registret)", "Serial number of the person (as in the register)"), k => persons[k] + 1),
            ColumnSpec.Whole("wave", new Label("Undersökningsomgång (år)", "Survey wave (year)"), _ => sample.Wave),
            ColumnSpec.Text("stratum", new Label("Stratum: födelseregion × vistelsetid × område, eller inrikes födda × område", "Stratum: region of birth × years in Sweden × area, or native-born × area"),
                k => strata[sample.StratumOf[k]].Code),
            ColumnSpec.Whole("stratum_population", new Label("Antal personer i urvalsramen i stratumet (N_h, för ändlighetskorrektion)", "Persons in the frame in the stratum (N_h, for the finite population correction)"),
                k => strata[sample.StratumOf[k]].Population),
            ColumnSpec.Whole("stratum_sample_size", new Label("Antal dragna i stratumet (n_h)", "Persons drawn in the stratum (n_h)"), k => strata[sample.StratumOf[k]].Sample),
            ColumnSpec.Num("inclusion_probability", new Label("Urvalssannolikhet n_h / N_h", "Inclusion probability n_h / N_h"),
                k => (double)strata[sample.StratumOf[k]].Sample / strata[sample.StratumOf[k]].Population),
            ColumnSpec.Num("design_weight", new Label("Designvikt N_h / n_h", "Design weight N_h / n_h"),
                k => (double)strata[sample.StratumOf[k]].Population / strata[sample.StratumOf[k]].Sample),
            ColumnSpec.Flag("responded", new Label("Svarade på enkäten", "Responded to the survey"), k => sample.Responded[k]),
        };
        foreach (var v in catalogue.RegisterVariables.Where(v => v.Background))
        {
            var description = atRegisterDate
                ? new Label(v.Description.Sv + " (vid registeruttagets referensdatum)", v.Description.En + " (at the register extract's reference date)")
                : new Label(v.Description.Sv + " (vid urvalsramens referensdatum)", v.Description.En + " (at the frame's reference date)");
            var name = v.Name;
            columns.Add(v.Type switch
            {
                VariableType.WholeNumber => ColumnSpec.Whole(name, description, k => values.Get(name, persons[k], default) is { IsMissing: false } x ? (int)x.Number : ColumnSpec.MissingInteger,
                    nullable: v.MissingAllowed, unit: v.Unit),
                VariableType.Number => ColumnSpec.Num(name, description, k => values.Get(name, persons[k], default) is { IsMissing: false } x ? x.Number : double.NaN, nullable: v.MissingAllowed, unit: v.Unit),
                VariableType.Boolean => ColumnSpec.Flag(name, description, k => values.Get(name, persons[k], default) is { IsMissing: false } x && x.Boolean),
                _ => ColumnSpec.Text(name, description, k => values.Get(name, persons[k], default) is { IsMissing: false } x ? x.Text : null, nullable: v.MissingAllowed,
                    codes: v.Classification is { } c && catalogue.Classification(c).Codes.Count <= 30
                        ? catalogue.Classification(c).Codes.Select(x => (x.Code, new Label(x.Label.Sv, x.Label.En))).ToList() : null,
                    classification: v.Classification is { } c2 && catalogue.Classification(c2).Codes.Count > 30 ? c2 : null),
            });
        }

        return new SyntheticTable(
            $"survey/{sample.Wave}/sample",
            new Label("Bruttourvalet: en rad per dragen person med designvariabler och svarsstatus", "The gross sample: one row per drawn person with design variables and response status"),
            persons.Length,
            columns);
    }

    public static SyntheticTable Responses(DrawnSample sample, int[][] answers, AnswerModel model)
    {
        var respondents = Enumerable.Range(0, sample.Persons.Length).Where(k => sample.Responded[k]).Select(k => sample.Persons[k]).ToArray();
        var columns = new List<ColumnSpec>
        {
            ColumnSpec.Whole("person_id", new Label("Löpnummer för personen", "Serial number of the person"), k => respondents[k] + 1),
            ColumnSpec.Whole("wave", new Label("Undersökningsomgång (år)", "Survey wave (year)"), _ => sample.Wave),
        };
        for (var item = 0; item < model.ItemCount; item++)
        {
            var index = item;
            var spec = model.Items[item];
            var scale = model.Scale(spec);
            columns.Add(ColumnSpec.Whole(spec.Id, new Label(spec.Question.Sv + " (saknas: frågan ställdes inte)", spec.Question.En + " (missing: not asked)"),
                k => answers[k][index] is var a && a >= 0 ? a : ColumnSpec.MissingInteger, nullable: true,
                codes: scale.Codes.Select(c => (c.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), new Label(c.Label.Sv, c.Label.En))).ToList()));
        }

        return new SyntheticTable(
            $"survey/{sample.Wave}/responses",
            new Label("Svaren: en rad per svarande med svarskoden för varje fråga", "The answers: one row per respondent with the answer code of every item"),
            respondents.Length,
            columns);
    }
}
