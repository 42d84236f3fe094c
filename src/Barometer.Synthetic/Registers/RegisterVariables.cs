using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Population;
using Barometer.Synthetic.Randomness;

namespace Barometer.Synthetic.Registers;

/// <summary>
/// The register variables of the catalogue (catalogue/register-variables.yaml), each bound to the generated
/// population and outcomes: a typed column for the register file and a <see cref="Value"/> getter for evaluating
/// the catalogue's formulas (truth files). A catalogue variable the generator cannot produce is an error.
/// </summary>
internal sealed class RegisterVariables
{
    /// <summary>Earned income above which a person counts as self-sufficient (SEK, about 3.4 price base amounts of 2024).</summary>
    public const int SelfSufficiencyThreshold = 195_000;

    private readonly Dictionary<string, Func<int, Value>> _values = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ushort[]>> _encoded = new(StringComparer.Ordinal);

    public RegisterVariables(IndicatorCatalogue catalogue, PopulationRegister r, RegisterOutcomes o, ulong seed)
    {
        Register = r;
        Outcomes = o;
        var sorted = o.DisposableIncomePerUnit.ToArray();
        Array.Sort(sorted);
        MedianDisposableIncomePerUnit = sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * ((double)sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
        var countries = r.Countries.Select(c => c.Code).ToArray();
        string? Country(short index) => index switch
        {
            PopulationRegister.Sweden => "SE",
            PopulationRegister.MissingCountry => null,
            _ => countries[index],
        };
        var kommuner = r.Municipalities.Select(m => m.Code).ToArray();
        string Ground(int i)
        {
            var profile = r.Countries[r.Country[i]];
            return r.Ground[i] switch
            {
                ResidenceGround.Refugee => r.ImmigrationYear[i] - r.BirthYear[i] < 18 || StreamKey.Uniform(seed, Phase.Registers, (ulong)i, 77) < 0.3 ? "2" : "1",
                ResidenceGround.Family => "3",
                ResidenceGround.Work => "4",
                ResidenceGround.Study => "5",
                ResidenceGround.EuEes => "7",
                _ => profile.World == WorldRegion.Nordic || r.ImmigrationYear[i] < 1980 ? "9" : "6",
            };
        }

        static string Education(byte level) => level switch
        {
            (byte)EducationLevel.Primary => "1",
            (byte)EducationLevel.UpperSecondary => "2",
            (byte)EducationLevel.PostSecondary => "3",
            _ => "9",
        };

        static bool? Optional(Flag f) => f switch { Flag.Yes => true, Flag.No => false, _ => null };
        var householdIncome = new Func<int, double>(i =>
        {
            var size = o.HouseholdSize[i];
            var units = 1.0 + (size >= 2 ? 0.51 : 0.0) + (Math.Max(0, size - 2) * 0.55);
            return o.DisposableIncomePerUnit[i] * units / size;
        });
        var low = 0.6 * MedianDisposableIncomePerUnit;
        var sexCodes = new[] { "", "1", "2" };
        var areaCodes = new[] { "", "1", "2", "3", "4", "5" };
        var areaType = o.AreaType;
        var definitions = new Dictionary<string, Binding>(StringComparer.Ordinal)
        {
            ["person_id"] = Binding.Whole(i => i + 1),
            ["sex"] = Binding.Code(i => sexCodes[r.Sex[i]]),
            ["age"] = Binding.Whole(r.Age),
            ["birth_country"] = Binding.Code(i => Country(r.Country[i])),
            ["mother_birth_country"] = Binding.Code(i => Country(r.MotherCountry[i])),
            ["father_birth_country"] = Binding.Code(i => Country(r.FatherCountry[i])),
            ["years_in_sweden"] = Binding.Whole(i => r.IsForeignBorn(i) ? r.YearsInSweden(i) : ColumnSpec.MissingInteger),
            ["age_at_immigration"] = Binding.Whole(i => r.IsForeignBorn(i) ? r.ImmigrationYear[i] - r.BirthYear[i] : ColumnSpec.MissingInteger),
            ["residence_ground"] = Binding.Code(i => r.IsForeignBorn(i) ? Ground(i) : null),
            ["swedish_citizen"] = Binding.Flag(i => r.Citizenship[i] == PopulationRegister.Sweden),
            ["kommun"] = Binding.Code(i => kommuner[r.Municipality[i]]),
            ["regso_area_type"] = Binding.Code(i => areaCodes[areaType[i]]),
            ["education_level"] = Binding.Code(i => Education((byte)r.Education[i])),
            ["parents_education_level"] = Binding.Code(i => Education(o.ParentsEducation[i])),
            ["employed"] = Binding.Flag(i => o.Employed[i] == Flag.Yes),
            ["in_labour_force"] = Binding.Flag(i => o.Employed[i] == Flag.Yes || o.UnemploymentSpellMonths[i] > 0),
            ["long_term_unemployed"] = Binding.Flag(i => o.UnemploymentSpellMonths[i] >= 12),
            ["self_sufficient"] = Binding.Flag(i => o.EarnedIncome[i] != RegisterOutcomes.Missing && o.EarnedIncome[i] > SelfSufficiencyThreshold),
            ["earned_income"] = Binding.Number(i => o.EarnedIncome[i] == RegisterOutcomes.Missing ? 0 : o.EarnedIncome[i]),
            ["disposable_income"] = Binding.Number(i => Math.Round(householdIncome(i))),
            ["social_assistance"] = Binding.Number(i => o.SocialAssistance[i] == RegisterOutcomes.Missing ? 0 : o.SocialAssistance[i]),
            ["low_economic_standard"] = Binding.Flag(i => o.DisposableIncomePerUnit[i] < low),
            ["qualified_occupation"] = Binding.OptionalFlag(i => o.Employed[i] == Flag.Yes ? o.QualifiedJob[i] == Flag.Yes : null),
            ["crowded_housing"] = Binding.Flag(i => o.Crowded[i] == Flag.Yes),
            ["sfi_started"] = Binding.Flag(i => o.SfiStartYear[i] == r.ReferenceYear - 2),
            ["sfi_passed_within_2y"] = Binding.OptionalFlag(i => o.SfiStartYear[i] == r.ReferenceYear - 2
                ? o.SfiPassed[i] == Flag.Yes && o.SfiMonthsToPass[i] <= 24 : null),
            ["sfi_months_to_pass"] = Binding.OptionalNumber(i => o.SfiPassed[i] == Flag.Yes ? o.SfiMonthsToPass[i] : double.NaN),
            ["eligible_riksdag"] = Binding.Flag(i => o.VotedRiksdag[i] != Flag.Missing),
            ["eligible_municipal"] = Binding.Flag(i => o.VotedMunicipal[i] != Flag.Missing),
            ["voted_riksdag"] = Binding.OptionalFlag(i => Optional(o.VotedRiksdag[i])),
            ["voted_regional"] = Binding.OptionalFlag(i => Optional(o.VotedRegion[i])),
            ["voted_municipal"] = Binding.OptionalFlag(i => Optional(o.VotedMunicipal[i])),
            ["elected_municipal"] = Binding.Flag(i => o.ElectedRepresentative[i] == Flag.Yes),
            ["grade9_leaver"] = Binding.Flag(i => o.EligibleUpperSecondary[i] != Flag.Missing),
            ["eligible_upper_secondary"] = Binding.OptionalFlag(i => Optional(o.EligibleUpperSecondary[i])),
            ["merit_value"] = Binding.OptionalNumber(i => o.MeritValue[i] == RegisterOutcomes.Missing ? double.NaN : o.MeritValue[i]),
            ["upper_secondary_leaver"] = Binding.Flag(i => o.UpperSecondaryLeaver[i] == Flag.Yes),
            ["eligible_higher_education"] = Binding.OptionalFlag(i => Optional(o.EligibleHigherEducation[i])),
            ["upper_secondary_start_cohort"] = Binding.Flag(i => o.UpperSecondaryStartCohort[i] == Flag.Yes),
            ["upper_secondary_completed_4y"] = Binding.OptionalFlag(i => Optional(o.CompletedUpperSecondary[i])),
            ["upper_secondary_graduate_3y_ago"] = Binding.Flag(i => o.UpperSecondaryGraduate3YearsAgo[i] == Flag.Yes),
            ["entered_higher_education"] = Binding.OptionalFlag(i => Optional(o.StartedHigherEducation[i])),
            ["neet"] = Binding.Flag(i => o.Neet[i] == Flag.Yes),
        };

        var unknown = catalogue.RegisterVariables.Where(v => !definitions.ContainsKey(v.Name)).Select(v => v.Name).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"the catalogue asks for register variables the generator does not produce: {string.Join(", ", unknown)}");
        }

        var columns = new List<ColumnSpec>();
        foreach (var variable in catalogue.RegisterVariables)
        {
            var binding = definitions[variable.Name];
            columns.Add(binding.Column(variable, catalogue));
            _values[variable.Name] = binding.Value;
        }

        Columns = columns;
    }

    public PopulationRegister Register { get; }

    public RegisterOutcomes Outcomes { get; }

    /// <summary>The national median of disposable income per consumption unit (the low-standard line is 60 % of it).</summary>
    public double MedianDisposableIncomePerUnit { get; }

    /// <summary>The columns of the register file, in catalogue order.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>
    /// A discrete variable encoded once for every person (built on first use, in parallel, then shared), so
    /// formula memos and truth cells read an array instead of evaluating the binding.
    /// </summary>
    /// <param name="name">The variable.</param>
    /// <param name="encode">The encoding of one person (at most 65535).</param>
    public ushort[] EncodedColumn(string name, Func<int, int> encode) =>
        _encoded.GetOrAdd(name, _ => new Lazy<ushort[]>(() =>
        {
            var column = new ushort[Register.Count];
            Parallel.For(0, Chunking.ChunkCount(column.Length), chunk =>
            {
                var end = Math.Min(column.Length, (chunk + 1) * Chunking.ChunkSize);
                for (var i = chunk * Chunking.ChunkSize; i < end; i++)
                {
                    column[i] = checked((ushort)encode(i));
                }
            });
            return column;
        })).Value;

    /// <summary>A getter of the variable's value by person, for formula evaluation.</summary>
    public Func<int, Value> Getter(string name) => _values[name];

    private sealed class Binding
    {
        private Func<int, int>? _whole;
        private Func<int, double>? _number;
        private Func<int, string?>? _code;
        private Func<int, bool>? _flag;
        private Func<int, bool?>? _optionalFlag;

        public Func<int, Value> Value { get; private init; } = _ => Catalogue.Expressions.Value.Missing;

        public static Binding Whole(Func<int, int> f) => new()
        {
            _whole = f,
            Value = i => f(i) is var v && v == ColumnSpec.MissingInteger ? Catalogue.Expressions.Value.Missing : Catalogue.Expressions.Value.Of(v),
        };

        public static Binding Number(Func<int, double> f) => new() { _number = f, Value = i => Catalogue.Expressions.Value.Of(f(i)) };

        public static Binding OptionalNumber(Func<int, double> f) => new()
        {
            _number = f,
            Value = i => f(i) is var v && double.IsNaN(v) ? Catalogue.Expressions.Value.Missing : Catalogue.Expressions.Value.Of(v),
        };

        public static Binding Code(Func<int, string?> f) => new() { _code = f, Value = i => Catalogue.Expressions.Value.Of(f(i)) };

        public static Binding Flag(Func<int, bool> f) => new() { _flag = f, Value = i => Catalogue.Expressions.Value.Of(f(i)) };

        public static Binding OptionalFlag(Func<int, bool?> f) => new()
        {
            _optionalFlag = f,
            Value = i => f(i) is { } b ? Catalogue.Expressions.Value.Of(b) : Catalogue.Expressions.Value.Missing,
        };

        public ColumnSpec Column(RegisterVariable v, IndicatorCatalogue catalogue)
        {
            var description = new Label(v.Description.Sv, v.Description.En);
            IReadOnlyList<(string, Label)>? codes = null;
            string? classification = null;
            if (v.Classification is { } id)
            {
                var c = catalogue.Classification(id);
                if (c.Codes.Count <= 30)
                {
                    codes = c.Codes.Select(x => (x.Code, new Label(x.Label.Sv, x.Label.En))).ToList();
                }
                else
                {
                    classification = id;
                }
            }

            return v.Type switch
            {
                VariableType.Identifier or VariableType.WholeNumber => ColumnSpec.Whole(v.Name, description, _whole!, nullable: v.MissingAllowed, unit: v.Unit),
                VariableType.Number => ColumnSpec.Num(v.Name, description, _number!, nullable: v.MissingAllowed, unit: v.Unit),
                VariableType.Code => ColumnSpec.Text(v.Name, description, _code!, nullable: v.MissingAllowed, codes: codes, classification: classification),
                _ when v.MissingAllowed => ColumnSpec.OptionalFlag(v.Name, description, _optionalFlag ?? (i => _flag!(i))),
                _ => ColumnSpec.Flag(v.Name, description, _flag ?? (i => _optionalFlag!(i) ?? false)),
            };
        }
    }
}
