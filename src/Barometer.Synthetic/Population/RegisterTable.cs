using Barometer.Synthetic.Output;

namespace Barometer.Synthetic.Population;

/// <summary>The background columns of the population register file.</summary>
internal static class RegisterTable
{
    public static readonly IReadOnlyList<(string, Label)> SexCodes =
    [
        ("1", new Label("Män", "Men")),
        ("2", new Label("Kvinnor", "Women")),
    ];

    public static readonly IReadOnlyList<(string, Label)> BackgroundCodes =
    [
        ("1", new Label("Utrikes född", "Foreign-born")),
        ("2", new Label("Inrikes född med två utrikes födda föräldrar", "Born in Sweden with two foreign-born parents")),
        ("3", new Label("Inrikes född med en inrikes och en utrikes född förälder", "Born in Sweden with one Swedish-born and one foreign-born parent")),
        ("4", new Label("Inrikes född med två inrikes födda föräldrar", "Born in Sweden with two Swedish-born parents")),
    ];

    public static readonly IReadOnlyList<(string, Label)> GroundCodes =
    [
        ("1", new Label("Skyddsbehövande och deras anhöriga", "Refugees and their relatives")),
        ("2", new Label("Familjeskäl", "Family reasons")),
        ("3", new Label("Arbete", "Work")),
        ("4", new Label("Studier", "Studies")),
        ("5", new Label("EU/EES", "EU/EEA")),
        ("6", new Label("Övrigt", "Other")),
    ];

    public static readonly IReadOnlyList<(string, Label)> EducationCodes =
    [
        ("1", new Label("Förgymnasial utbildning", "Primary and lower secondary education")),
        ("2", new Label("Gymnasial utbildning", "Upper secondary education")),
        ("3", new Label("Eftergymnasial utbildning", "Post-secondary education")),
        ("9", new Label("Uppgift saknas", "Not known")),
    ];

    public static string BackgroundCode(BackgroundGroup group) => group switch
    {
        BackgroundGroup.ForeignBorn => "1",
        BackgroundGroup.SwedishTwoForeignParents => "2",
        BackgroundGroup.SwedishOneForeignParent => "3",
        _ => "4",
    };

    public static List<ColumnSpec> Columns(PopulationRegister r)
    {
        var countryCodes = r.Countries.Select(c => c.Code).ToArray();
        string? Country(short index) => index switch
        {
            PopulationRegister.Sweden => "SE",
            PopulationRegister.MissingCountry => null,
            _ => countryCodes[index],
        };
        var kommun = r.Municipalities.Select(m => m.Code).ToArray();
        var county = r.Municipalities.Select(m => m.CountyCode).ToArray();
        var background = Enum.GetValues<BackgroundGroup>().Select(BackgroundCode).ToArray();
        return
        [
            ColumnSpec.Whole("person_id", new Label("Löpnummer för personen", "Person sequence number"), i => i + 1),
            ColumnSpec.Whole("sex", new Label("Kön", "Sex"), i => r.Sex[i], codes: SexCodes),
            ColumnSpec.Whole("birth_year", new Label("Födelseår", "Year of birth"), i => r.BirthYear[i]),
            ColumnSpec.Whole("age", new Label("Ålder vid årets slut", "Age at the end of the year"), r.Age, unit: "år/years"),
            ColumnSpec.Text("birth_country", new Label("Födelseland", "Country of birth"), i => Country(r.Country[i]), classification: "countries"),
            ColumnSpec.Text("mother_birth_country", new Label("Moderns födelseland (saknas om okänt)", "Mother's country of birth (missing when unknown)"),
                i => Country(r.MotherCountry[i]), nullable: true, classification: "countries"),
            ColumnSpec.Text("father_birth_country", new Label("Faderns födelseland (saknas om okänt)", "Father's country of birth (missing when unknown)"),
                i => Country(r.FatherCountry[i]), nullable: true, classification: "countries"),
            ColumnSpec.Text("background", new Label("Svensk/utländsk bakgrund", "Swedish/foreign background"),
                i => background[(int)r.Background[i]], codes: BackgroundCodes),
            ColumnSpec.Whole("immigration_year", new Label("År för senaste invandring (saknas för inrikes födda)", "Year of latest immigration (missing for the Swedish-born)"),
                i => r.IsForeignBorn(i) ? r.ImmigrationYear[i] : ColumnSpec.MissingInteger, nullable: true),
            ColumnSpec.Whole("years_in_sweden", new Label("Vistelsetid i Sverige, år (saknas för inrikes födda)", "Years since latest immigration (missing for the Swedish-born)"),
                i => r.IsForeignBorn(i) ? r.YearsInSweden(i) : ColumnSpec.MissingInteger, nullable: true, unit: "år/years"),
            ColumnSpec.Whole("residence_ground", new Label("Grund för bosättning (saknas för inrikes födda)", "Grounds for residence (missing for the Swedish-born)"),
                i => r.IsForeignBorn(i) ? (int)r.Ground[i] : ColumnSpec.MissingInteger, nullable: true, codes: GroundCodes),
            ColumnSpec.Text("citizenship", new Label("Medborgarskap", "Citizenship"), i => Country(r.Citizenship[i]), classification: "countries"),
            ColumnSpec.Text("county", new Label("Län", "County"), i => county[r.Municipality[i]], classification: "lan"),
            ColumnSpec.Text("municipality", new Label("Kommun", "Municipality"), i => kommun[r.Municipality[i]], classification: "kommuner"),
            ColumnSpec.Whole("education", new Label("Utbildningsnivå (saknas under 16 år)", "Education level (missing under 16)"),
                i => r.Education[i] == EducationLevel.NotApplicable ? ColumnSpec.MissingInteger : (int)r.Education[i], nullable: true, codes: EducationCodes),
        ];
    }
}
