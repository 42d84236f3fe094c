namespace Barometer.Synthetic.Population;

/// <summary>Education level (SUN 2000 grouped as SCB publishes it).</summary>
internal enum EducationLevel : byte
{
    /// <summary>Under 16: not in the education register.</summary>
    NotApplicable = 0,

    /// <summary>Förgymnasial.</summary>
    Primary = 1,

    /// <summary>Gymnasial.</summary>
    UpperSecondary = 2,

    /// <summary>Eftergymnasial.</summary>
    PostSecondary = 3,

    /// <summary>Uppgift saknas.</summary>
    Missing = 9,
}

/// <summary>
/// The synthetic population register (RTB) on the reference date, column by column: one array per variable,
/// index = person. Country columns hold indexes into <see cref="Countries"/>; <see cref="Sweden"/> and
/// <see cref="MissingCountry"/> mark Sweden and an unknown parent.
/// </summary>
internal sealed class PopulationRegister
{
    public const short Sweden = -1;
    public const short MissingCountry = -2;

    public PopulationRegister(int count, IReadOnlyList<CountryProfile> countries, IReadOnlyList<Municipality> municipalities, int referenceYear)
    {
        Count = count;
        Countries = countries;
        Municipalities = municipalities;
        ReferenceYear = referenceYear;
        Sex = new byte[count];
        BirthYear = new short[count];
        Background = new BackgroundGroup[count];
        Country = new short[count];
        MotherCountry = new short[count];
        FatherCountry = new short[count];
        ImmigrationYear = new short[count];
        Ground = new ResidenceGround[count];
        Citizenship = new short[count];
        Municipality = new short[count];
        Education = new EducationLevel[count];
    }

    public int Count { get; }

    public int ReferenceYear { get; }

    public IReadOnlyList<CountryProfile> Countries { get; }

    public IReadOnlyList<Municipality> Municipalities { get; }

    /// <summary>1 man, 2 woman (SCB's codes).</summary>
    public byte[] Sex { get; }

    public short[] BirthYear { get; }

    public BackgroundGroup[] Background { get; }

    public short[] Country { get; }

    public short[] MotherCountry { get; }

    public short[] FatherCountry { get; }

    /// <summary>Year of latest immigration; 0 for the Swedish-born.</summary>
    public short[] ImmigrationYear { get; }

    public ResidenceGround[] Ground { get; }

    /// <summary>Country of citizenship (index) or <see cref="Sweden"/>.</summary>
    public short[] Citizenship { get; }

    /// <summary>Index into <see cref="Municipalities"/>.</summary>
    public short[] Municipality { get; }

    public EducationLevel[] Education { get; }

    public int Age(int person) => ReferenceYear - BirthYear[person];

    public bool IsForeignBorn(int person) => Background[person] == BackgroundGroup.ForeignBorn;

    /// <summary>Years since latest immigration on the reference date; -1 for the Swedish-born.</summary>
    public int YearsInSweden(int person) => IsForeignBorn(person) ? ReferenceYear - ImmigrationYear[person] : -1;

    public BirthRegion Region(int person) => Country[person] < 0 ? BirthRegion.Sweden : Countries[Country[person]].Region;

    public WorldRegion World(int person) => Country[person] < 0 ? WorldRegion.Sweden : Countries[Country[person]].World;
}
