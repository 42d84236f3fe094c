using Barometer.Catalogue;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Variables;
using Barometer.Synthetic.Population;
using Barometer.Synthetic.Randomness;
using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic.Survey;

/// <summary>The latent dimensions behind the questionnaire's items.</summary>
internal enum Dimension
{
    Language,
    InstitutionalTrust,
    Democracy,
    Participation,
    Knowledge,
    Belonging,
    GeneralTrust,
    Contact,
    Discrimination,
    SelfDetermination,
    Values,
    Wellbeing,
    Economy,
    Climate,
    Generic,

    /// <summary>Contact across groups (the host-society module: for the native-born with people born abroad, and the other way round).</summary>
    OtherOriginContact,

    /// <summary>Attitudes to immigration and to how integration is going.</summary>
    ImmigrationAttitude,
}

/// <summary>How an item loads on a dimension: answer y* = sign·θ + location + logistic noise, cut into the scale's categories in listed order.</summary>
internal sealed record ItemSpec(Dimension Dimension, double Sign, double Location);

/// <summary>
/// Every person's answers to every questionnaire item in a wave, from a latent model: for each dimension
/// θ = μ(background, years in Sweden, education, employment, income; wave) + σ·u with a persistent person effect
/// u ~ N(0, 1), and each item an ordered logit on one dimension. The trends across waves are slow (a few hundredths
/// of a logit per year). Answers are a deterministic function of (seed, person, wave), so a sampled person answers
/// exactly what the truth files counted for them. "Don't know" is a substantive part of the answer; "no answer"
/// (item nonresponse) is drawn separately by the survey and never enters the truth.
/// </summary>
internal sealed class AnswerModel
{
    private const int DimensionCount = 17;
    private readonly ulong _seed;
    private readonly RegisterVariables _variables;
    private readonly IndicatorCatalogue _catalogue;
    private readonly ItemPlan[] _items;
    private readonly RegisterOutcomeGenerator _resource;
    private readonly double _lowIncomeLine;
    private readonly double[][]? _municipalityShift;

    /// <param name="seed">The generator's seed.</param>
    /// <param name="catalogue">The catalogue whose questionnaire is answered.</param>
    /// <param name="variables">The register.</param>
    /// <param name="countyEffect">
    /// The standard deviation (in logits) of the planted county effects on every latent dimension; 0 (the default)
    /// plants none. See <see cref="CountyShifts"/>.
    /// </param>
    public AnswerModel(ulong seed, IndicatorCatalogue catalogue, RegisterVariables variables, double countyEffect = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(countyEffect);
        _seed = seed;
        _catalogue = catalogue;
        _variables = variables;
        _resource = new RegisterOutcomeGenerator(seed);
        _lowIncomeLine = 0.6 * variables.MedianDisposableIncomePerUnit;
        _items = catalogue.Questionnaire.Items.Select(Plan).ToArray();
        if (countyEffect > 0)
        {
            var (counties, shifts) = CountyShifts(seed, variables.Register, countyEffect);
            var index = counties.Select((code, c) => (code, c)).ToDictionary(x => x.code, x => x.c, StringComparer.Ordinal);
            _municipalityShift = variables.Register.Municipalities.Select(m => shifts[index[m.CountyCode]]).ToArray();
        }
    }

    /// <summary>
    /// The planted county effects (issue 20: county differences in the survey indicators that the register covariates
    /// partly explain, so that small-area estimates can be judged against each county's truth). For county c and
    /// latent dimension d the shift is δ_cd = s · (0.6 ζ_c + 0.8 η_cd): ζ_c is the county's share born outside Europe
    /// among its foreign-born (register, 31 December 2024), standardised over the counties — a register covariate —
    /// and η_cd ~ N(0, 1) is drawn per county and dimension from the seed (phase <see cref="Phase.CountyEffect"/>),
    /// which no covariate explains. Var(δ_cd) = s²; 36 % of it is tied to the register composition.
    /// Every person living in the county (register municipality) has the shift.
    /// </summary>
    internal static (string[] Counties, double[][] Shifts) CountyShifts(ulong seed, PopulationRegister register, double scale)
    {
        var counties = register.Municipalities.Select(m => m.CountyCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = counties.Select((code, c) => (code, c)).ToDictionary(x => x.code, x => x.c, StringComparer.Ordinal);
        var countyOf = register.Municipalities.Select(m => index[m.CountyCode]).ToArray();
        var foreign = new double[counties.Length];
        var outside = new double[counties.Length];
        for (var i = 0; i < register.Count; i++)
        {
            if (!register.IsForeignBorn(i))
            {
                continue;
            }

            var c = countyOf[register.Municipality[i]];
            foreign[c]++;
            if (register.Country[i] >= 0 && register.Countries[register.Country[i]].OutsideEurope)
            {
                outside[c]++;
            }
        }

        var share = foreign.Select((n, c) => n > 0 ? outside[c] / n : 0).ToArray();
        var mean = share.Average();
        var sd = Math.Sqrt(share.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, share.Length - 1));
        var shifts = new double[counties.Length][];
        for (var c = 0; c < counties.Length; c++)
        {
            var zeta = sd > 0 ? (share[c] - mean) / sd : 0;
            shifts[c] = new double[DimensionCount];
            for (var d = 0; d < DimensionCount; d++)
            {
                var eta = RegisterOutcomeGenerator.Normal(StreamKey.Uniform(seed, Phase.CountyEffect, (ulong)c, (ulong)d));
                shifts[c][d] = d == (int)Dimension.Generic ? 0 : scale * ((0.6 * zeta) + (0.8 * eta));
            }
        }

        return (counties, shifts);
    }

    public int ItemCount => _items.Length;

    public IReadOnlyList<SurveyItem> Items => _catalogue.Questionnaire.Items;

    public ResponseScale Scale(SurveyItem item) => _catalogue.Questionnaire.FindScale(item.Scale)!;

    /// <summary>The item-nonresponse ("inget svar") code of each item, or -1.</summary>
    public int NoAnswerCode(int item) => _items[item].NoAnswer;

    /// <summary>A per-thread evaluator of item filters.</summary>
    public Session NewSession(int wave) => new(this, wave);

    private ItemPlan Plan(SurveyItem item)
    {
        var scale = _catalogue.Questionnaire.FindScale(item.Scale)!;
        var substantive = scale.Codes.Where(c => c.Missing is null).Select(c => c.Code).ToArray();
        int Code(MissingKind kind) => scale.Codes.FirstOrDefault(c => c.Missing == kind)?.Code ?? -1;
        var correct = -1;
        if (item.Id.StartsWith("q_know", StringComparison.Ordinal) || item.Scale.StartsWith("quiz", StringComparison.Ordinal))
        {
            correct = item.Recodes.SelectMany(r => r.Rules).FirstOrDefault(rule => rule.To == 1)?.Codes is { Count: > 0 } codes ? codes[0] : substantive[0];
        }

        return new ItemPlan(item, Spec(item.Id), substantive, Code(MissingKind.DontKnow), Code(MissingKind.NoAnswer), Code(MissingKind.NotApplicable), correct,
            item.Scale == "yes_no");
    }

    /// <summary>The loading of each item of the catalogue's questionnaire; unknown items load on a generic dimension.</summary>
    private static ItemSpec Spec(string id) => id switch
    {
        "q_swedish_speak" => new(Dimension.Language, -1, 0.0),
        "q_swedish_understand" => new(Dimension.Language, -1, -0.4),
        "q_swedish_read" => new(Dimension.Language, -1, 0.1),
        "q_swedish_write" => new(Dimension.Language, -1, 0.5),
        "q_swedish_problems" => new(Dimension.Language, 1, 0.3),
        "q_swedish_at_work" => new(Dimension.Language, -1, 0.4),
        "q_swedish_with_friends" => new(Dimension.Language, -1, 1.2),
        "q_trust_parliament" => new(Dimension.InstitutionalTrust, 1, 0.0),
        "q_trust_police" => new(Dimension.InstitutionalTrust, 1, 0.9),
        "q_trust_courts" => new(Dimension.InstitutionalTrust, 1, 0.6),
        "q_trust_municipality" => new(Dimension.InstitutionalTrust, 1, 0.1),
        "q_democracy_best" => new(Dimension.Democracy, 1, 1.6),
        "q_freedom_expression" => new(Dimension.Democracy, 1, 0.7),
        "q_equal_rights" => new(Dimension.Democracy, 1, 1.4),
        "q_part_contact" => new(Dimension.Participation, 1, -1.3),
        "q_part_petition" => new(Dimension.Participation, 1, -0.8),
        "q_part_demonstration" => new(Dimension.Participation, 1, -2.1),
        "q_part_party" => new(Dimension.Participation, 1, -2.8),
        "q_know_tax" => new(Dimension.Knowledge, 1, -0.3),
        "q_know_election" => new(Dimension.Knowledge, 1, 0.6),
        "q_know_vote" => new(Dimension.Knowledge, 1, -0.6),
        "q_know_authority" => new(Dimension.Knowledge, 1, 0.2),
        "q_belonging" => new(Dimension.Belonging, 1, 1.1),
        "q_trust_people" => new(Dimension.GeneralTrust, 1, 0.6),
        "q_contact_native_born" => new(Dimension.Contact, -1, 0.2),
        "q_association" => new(Dimension.Participation, 1, -0.1),
        "q_discrimination" => new(Dimension.Discrimination, 1, -2.0),
        "q_decide_partner" => new(Dimension.SelfDetermination, -1, 0.5),
        "q_decide_education" => new(Dimension.SelfDetermination, -1, 1.0),
        "q_decide_friends" => new(Dimension.SelfDetermination, -1, 1.3),
        "q_gender_equal_home" => new(Dimension.Values, 1, 1.2),
        "q_lgbtq_free" => new(Dimension.Values, 1, 0.8),
        "q_life_satisfaction" => new(Dimension.Wellbeing, 1, 1.0),
        "q_unexpected_expense" => new(Dimension.Economy, 1, 1.5),
        _ when id.StartsWith("q_ic_", StringComparison.Ordinal) => new(Dimension.Climate, 1, 0.6),
        "q_hs_contact_other_origin" => new(Dimension.OtherOriginContact, -1, 0.3),
        "q_hs_immigration_good" => new(Dimension.ImmigrationAttitude, 1, 0.2),
        "q_hs_integration_works" => new(Dimension.ImmigrationAttitude, -1, 1.0),
        "q_hs_trust_other_origin" => new(Dimension.GeneralTrust, 1, 0.3),
        _ => new(Dimension.Generic, 1, 0.0),
    };

    /// <summary>Computes the person's latent means for the wave.</summary>
    private void Means(int i, int wave, Span<double> mu)
    {
        var r = _variables.Register;
        var o = _variables.Outcomes;
        var foreign = r.IsForeignBorn(i);
        var world = r.World(i);
        var oe = foreign && r.Countries[r.Country[i]].OutsideEurope;
        var years = foreign ? Math.Max(0, wave - 1 - r.ImmigrationYear[i]) : 40;
        var age = wave - 1 - r.BirthYear[i];
        var z = _resource.Resource(i);
        var edu = r.Education[i];
        var post = edu == EducationLevel.PostSecondary ? 1.0 : 0.0;
        var primary = edu == EducationLevel.Primary ? 1.0 : 0.0;
        var woman = r.Sex[i] == 2 ? 1.0 : 0.0;
        var employed = o.Employed[i] == Flag.Yes ? 1.0 : 0.0;
        var lowIncome = o.DisposableIncomePerUnit[i] < _lowIncomeLine ? 1.0 : 0.0;
        var assistance = o.SocialAssistance[i] > 0 ? 1.0 : 0.0;
        var secondGenOe = r.Background[i] == BackgroundGroup.SwedishTwoForeignParents && r.FatherCountry[i] >= 0 && r.Countries[r.FatherCountry[i]].OutsideEurope ? 1.0 : 0.0;
        var f = foreign ? 1.0 : 0.0;
        var recent = foreign && years < 10 ? 1.0 : 0.0;
        var t = wave - 2024;
        var arrivalAge = foreign ? r.ImmigrationYear[i] - r.BirthYear[i] : 0;

        mu[(int)Dimension.Language] = !foreign ? 5.0
            : -1.6 + (0.3 * Math.Min(years, 15)) + (world == WorldRegion.Nordic ? 2.5 : world == WorldRegion.EuExceptNordic ? 0.3 : 0.0)
              - (0.04 * Math.Max(0, arrivalAge - 20)) + (0.6 * post) - (0.7 * primary) + (0.3 * z) + (0.02 * t);
        mu[(int)Dimension.InstitutionalTrust] = 0.2 + (0.5 * recent) - (0.25 * (oe && !(recent > 0) ? 1 : 0)) + (0.2 * post) - (0.3 * lowIncome) - (0.03 * t * (1 - f));
        mu[(int)Dimension.Democracy] = 0.3 + (0.25 * post) - (0.35 * (oe ? recent : 0)) + (age >= 45 ? 0.15 : 0.0);
        mu[(int)Dimension.Participation] = (0.4 * post) - (0.3 * primary) - (0.6 * f) - (0.3 * (oe ? 1 : 0)) + (0.04 * Math.Min(years, 20) * f) + (0.3 * z) + (age is >= 30 and <= 64 ? 0.2 : 0.0);
        mu[(int)Dimension.Knowledge] = 1.5 + (0.5 * post) - (0.5 * primary) - (1.3 * f * Math.Max(0, 1 - (years / 15.0))) - (0.2 * (oe ? 1 : 0)) + (0.3 * z) + (0.02 * t);
        mu[(int)Dimension.Belonging] = 0.1 * z;
        mu[(int)Dimension.GeneralTrust] = 0.7 - (0.5 * f) - (0.2 * (oe ? 1 : 0)) + (0.2 * post) + (0.2 * z) - (0.3 * lowIncome);
        mu[(int)Dimension.Contact] = -0.4 + (0.08 * Math.Min(years, 15)) + (0.5 * employed) + (world is WorldRegion.Nordic or WorldRegion.EuExceptNordic ? 0.6 : 0.0) + (0.2 * z);
        mu[(int)Dimension.Discrimination] = (1.5 * (oe ? 1 : 0)) + (0.5 * (foreign && !oe ? 1 : 0)) + (1.1 * secondGenOe) - (0.4 * recent * 0) - (0.02 * t);
        mu[(int)Dimension.SelfDetermination] = 1.6 - (0.9 * (oe ? 1 : 0)) - (0.5 * secondGenOe) - (0.4 * woman * (oe ? 1 : 0)) + (0.3 * post);
        mu[(int)Dimension.Values] = 1.0 - (0.9 * (oe ? 1 : 0)) - (0.3 * (foreign && !oe ? 1 : 0)) + (0.04 * Math.Min(years, 20) * (oe ? 1 : 0)) + (0.3 * post) + (0.3 * woman)
                                    - (age >= 65 ? 0.3 : 0.0) + (0.03 * t);
        mu[(int)Dimension.Wellbeing] = 1.0 - (age is >= 20 and <= 64 ? 0.6 * (1 - employed) : 0.0) - (0.4 * lowIncome) - (0.2 * (oe && years < 4 ? 1 : 0)) + (0.2 * z);
        mu[(int)Dimension.Economy] = 0.9 + (0.6 * z) - (1.5 * lowIncome) - (1.0 * assistance) - (2.9 * (oe ? recent : 0)) - (0.7 * (oe && recent == 0 ? 1 : 0))
                                     - (0.3 * (foreign && !oe ? 1 : 0)) + (age >= 65 ? 0.3 : 0.0) - (0.5 * secondGenOe);
        mu[(int)Dimension.Climate] = 0.5 - (0.3 * (oe ? 1 : 0)) + (0.1 * post) - (0.02 * t);
        mu[(int)Dimension.Generic] = 0.0;

        // Host-society module: the native-born meet people of another origin less often, more so the old and those
        // without higher education; the foreign-born meet the majority more as they work and stay.
        mu[(int)Dimension.OtherOriginContact] = foreign
            ? -0.1 + (0.5 * employed) + (0.04 * Math.Min(years, 15)) + (0.2 * z)
            : -0.7 + (0.4 * post) - (0.3 * primary) - (age >= 65 ? 0.5 : 0.0) + (age < 30 ? 0.4 : 0.0) + (0.2 * z) + (0.02 * t);
        mu[(int)Dimension.ImmigrationAttitude] = foreign
            ? 0.9 + (0.2 * post) - (0.2 * (oe ? 0 : 1))
            : 0.0 + (0.6 * post) - (0.4 * primary) - (age >= 65 ? 0.3 : 0.0) + (0.1 * woman) - (0.3 * lowIncome) - (0.02 * t);

        if (_municipalityShift is { } shift)
        {
            var own = shift[r.Municipality[i]];
            for (var d = 0; d < DimensionCount; d++)
            {
                mu[d] += own[d];
            }
        }
    }

    internal sealed class Session
    {
        private readonly AnswerModel _model;
        private readonly int _wave;
        private readonly MemoisedFormulas?[] _filters;
        private readonly double[] _theta = new double[DimensionCount];

        public Session(AnswerModel model, int wave)
        {
            _model = model;
            _wave = wave;
            var values = new PersonValues(model._catalogue, model._variables, wave);
            _filters = model._items.Select(p => p.Item.Filter is { } filter
                ? new MemoisedFormulas(model._catalogue, values, new RawDependencies(model._catalogue).Of(filter), lookup => [filter.Evaluate(lookup)])
                : null).ToArray();
        }

        /// <summary>
        /// Fills the person's answer codes (-1 where the item is not asked). No item nonresponse: the survey adds it.
        /// </summary>
        public void Answers(int person, Span<int> answers)
        {
            var m = _model;
            m.Means(person, _wave, _theta);
            for (var d = 0; d < DimensionCount; d++)
            {
                _theta[d] += 0.8 * RegisterOutcomeGenerator.Normal(StreamKey.Uniform(m._seed, Phase.Latent, (ulong)person, (ulong)(100 + d)));
            }

            var random = new RandomStream(m._seed, Phase.Answers, (ulong)person, (ulong)_wave);
            var r = m._variables.Register;
            var recentForeign = r.IsForeignBorn(person) && _wave - 1 - r.ImmigrationYear[person] < 4;
            for (var k = 0; k < m._items.Length; k++)
            {
                var plan = m._items[k];
                var u1 = random.NextDouble();
                var u2 = random.NextDouble();
                if (_filters[k] is { } filter && !(filter.Evaluate(person, answers[..k]) is [{ Kind: Catalogue.Expressions.ValueKind.Boolean, Boolean: true }]))
                {
                    answers[k] = -1;
                    continue;
                }

                if (plan.Item.Id == "q_employed_now")
                {
                    var employed = m._variables.Outcomes.Employed[person] == Flag.Yes;
                    answers[k] = (u1 < 0.97 ? employed : !employed) ? plan.Substantive[0] : plan.Substantive[^1];
                    continue;
                }

                var pDontKnow = (plan.Correct >= 0 ? 0.0 : 0.015) + (recentForeign ? 0.03 : 0.0);
                if (plan.NotApplicable >= 0 && u2 < 0.04)
                {
                    answers[k] = plan.NotApplicable;
                    continue;
                }

                if (plan.DontKnow >= 0 && u2 > 1 - pDontKnow)
                {
                    answers[k] = plan.DontKnow;
                    continue;
                }

                var theta = _theta[(int)plan.Spec.Dimension];
                var latent = (plan.Spec.Sign * theta) + plan.Spec.Location + Logit(u1);
                if (plan.Correct >= 0)
                {
                    if (latent > 0)
                    {
                        answers[k] = plan.Correct;
                    }
                    else
                    {
                        // A wrong answer or "don't know", half and half.
                        var wrong = plan.Wrong;
                        answers[k] = u2 < 0.5 && plan.DontKnow >= 0 ? plan.DontKnow : wrong[(int)(u2 * 2 % 1 * wrong.Length) % wrong.Length];
                    }

                    continue;
                }

                if (plan.YesNo)
                {
                    answers[k] = latent > 0 ? plan.Substantive[0] : plan.Substantive[1];
                    continue;
                }

                var categories = plan.Substantive.Length;
                var spacing = categories > 6 ? 0.55 : 1.2;
                var index = (int)Math.Floor((latent / spacing) + (categories / 2.0));
                answers[k] = plan.Substantive[Math.Clamp(index, 0, categories - 1)];
            }
        }

        private static double Logit(double u) => Math.Log((u + 1e-12) / (1 - u + 1e-12));
    }

    private sealed record ItemPlan(SurveyItem Item, ItemSpec Spec, int[] Substantive, int DontKnow, int NoAnswer, int NotApplicable, int Correct, bool YesNo)
    {
        /// <summary>The substantive codes other than the correct one (quiz items).</summary>
        public int[] Wrong { get; } = Substantive.Where(c => c != Correct).ToArray();
    }
}
