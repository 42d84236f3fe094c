using System.Globalization;

namespace Barometer.Synthetic.Population;

/// <summary>Grounds for residence (skäl till invandring / grund för bosättning) as the generator models them.</summary>
internal enum ResidenceGround : byte
{
    /// <summary>Not foreign-born.</summary>
    NotApplicable = 0,

    /// <summary>Skyddsbehövande och deras anhöriga.</summary>
    Refugee = 1,

    /// <summary>Familjeskäl (ej anhöriga till skyddsbehövande).</summary>
    Family = 2,

    /// <summary>Arbete.</summary>
    Work = 3,

    /// <summary>Studier.</summary>
    Study = 4,

    /// <summary>EU/EES (registered until 2014).</summary>
    EuEes = 5,

    /// <summary>Övrigt, including Nordic citizens and grounds not registered.</summary>
    Other = 6,
}

/// <summary>The world regions of SCB's eight-region breakdown, with unknown.</summary>
internal enum WorldRegion : byte
{
    Sweden = 0,
    Nordic = 1,
    EuExceptNordic = 2,
    EuropeOutsideEu = 3,
    Africa = 4,
    Asia = 5,
    NorthAmerica = 6,
    SouthAmerica = 7,
    Oceania = 8,
    Unknown = 9,
}

/// <summary>
/// One country of birth: its region, its weight within the region (approximate stock in thousands), when its
/// migrants came (a mixture of normal distributions over the year of latest immigration), the mix of grounds for
/// residence, and a parent weight for Swedish-born children of immigrants (older migration weighs more).
/// </summary>
internal sealed record CountryProfile(
    string Code,
    WorldRegion World,
    double Weight,
    (double Year, double Sd, double Weight)[] Arrivals,
    char GroundsProfile,
    double ParentWeight)
{
    public BirthRegion Region => World switch
    {
        WorldRegion.Sweden => BirthRegion.Sweden,
        WorldRegion.Nordic => BirthRegion.Nordic,
        WorldRegion.EuExceptNordic => BirthRegion.EuExceptNordic,
        WorldRegion.EuropeOutsideEu => BirthRegion.EuropeOutsideEu,
        WorldRegion.Africa => BirthRegion.Africa,
        WorldRegion.Asia => BirthRegion.Asia,
        _ => BirthRegion.AmericasOceaniaUnknown,
    };

    /// <summary>Born outside Europe (the group with the largest gaps in SCB, Integration – en beskrivning av läget i Sverige (2019)).</summary>
    public bool OutsideEurope => World is WorldRegion.Africa or WorldRegion.Asia or WorldRegion.NorthAmerica
        or WorldRegion.SouthAmerica or WorldRegion.Oceania or WorldRegion.Unknown;
}

/// <summary>
/// The countries of birth the generator uses (ISO 3166-1 alpha-2; "YU" for former Yugoslavia and "XX" for unknown,
/// as SCB keeps them). Weights are rough stocks from SCB's tables of foreign-born by country of birth; the region
/// totals of SCB's population statistics for 31 December 2024 (<see cref="PopulationTargets"/>) are imposed on top, so the weights only split a region.
/// </summary>
internal static class CountryProfiles
{
    // code; world region; stock (thousands); arrival peaks year:sd:weight; grounds profile; parent weight
    // Grounds profiles: N Nordic, E EU/EES, R refugee, M mixed, L labour and study, F family.
    private const string Table = """
        FI;Nordic;135;1970:7:0.65,1998:12:0.35;N;60
        NO;Nordic;38;1995:15:1;N;6
        DK;Nordic;33;1998:14:1;N;5
        IS;Nordic;3;2005:10:1;N;0.3
        PL;EuExceptNordic;98;1983:6:0.3,2010:6:0.7;E;12
        DE;EuExceptNordic;52;1995:18:1;E;8
        RO;EuExceptNordic;30;2013:5:1;E;2
        LT;EuExceptNordic;22;2011:5:1;E;1
        IT;EuExceptNordic;20;2008:12:1;E;2
        HU;EuExceptNordic;17;1957:2:0.25,2011:6:0.75;E;3
        GR;EuExceptNordic;14;1970:5:0.5,2013:4:0.5;E;3
        BG;EuExceptNordic;13;2012:6:1;E;1
        ES;EuExceptNordic;13;2012:8:1;E;1
        FR;EuExceptNordic;13;2006:12:1;E;1
        NL;EuExceptNordic;12;2008:10:1;E;1
        HR;EuExceptNordic;11;1992:4:0.6,2014:5:0.4;E;3
        EE;EuExceptNordic;10;1944:1:0.2,2008:8:0.8;E;2
        LV;EuExceptNordic;8;2010:5:1;E;0.5
        PT;EuExceptNordic;6;2012:6:1;E;0.5
        CZ;EuExceptNordic;5;1975:10:0.3,2010:7:0.7;E;1
        AT;EuExceptNordic;5;1990:18:1;E;1
        IE;EuExceptNordic;4;2010:8:1;E;0.3
        BE;EuExceptNordic;3;2005:12:1;E;0.3
        SK;EuExceptNordic;3;2010:6:1;E;0.3
        SI;EuExceptNordic;2;2000:12:1;E;0.3
        YU;EuropeOutsideEu;62;1970:5:0.35,1992:3:0.65;M;20
        BA;EuropeOutsideEu;60;1993:2:0.85,2005:8:0.15;R;10
        UA;EuropeOutsideEu;55;2022:1:0.6,2010:6:0.4;M;1
        GB;EuropeOutsideEu;30;2002:14:1;L;3
        RU;EuropeOutsideEu;28;2005:8:1;L;2
        XK;EuropeOutsideEu;16;1999:6:1;R;2
        RS;EuropeOutsideEu;15;2000:10:1;M;2
        MK;EuropeOutsideEu;12;1992:8:1;M;2
        BY;EuropeOutsideEu;5;2010:7:1;L;0.3
        AL;EuropeOutsideEu;5;2012:6:1;M;0.3
        MD;EuropeOutsideEu;3;2012:6:1;L;0.2
        CH;EuropeOutsideEu;4;2000:14:1;L;0.5
        SO;Africa;70;2010:4:0.8,1994:4:0.2;R;10
        ER;Africa;47;2015:3:0.8,1990:5:0.2;R;5
        ET;Africa;22;2005:9:1;M;3
        MA;Africa;10;1998:12:1;F;2
        NG;Africa;11;2012:6:1;L;1
        EG;Africa;9;2008:10:1;L;1
        KE;Africa;8;2010:8:1;F;1
        GM;Africa;7;2010:7:1;F;1
        UG;Africa;6;2005:10:1;F;0.5
        CD;Africa;6;2008:8:1;R;0.5
        SD;Africa;6;2012:6:1;R;0.5
        TN;Africa;5;1995:12:1;F;1
        DZ;Africa;4;2000:10:1;F;0.5
        ZA;Africa;4;2005:12:1;L;0.3
        SY;Asia;200;2015:1.5:0.8,2005:8:0.2;R;12
        IQ;Asia;146;2007:5:0.8,1993:3:0.2;R;25
        IR;Asia;82;1987:4:0.55,2013:6:0.45;M;15
        AF;Asia;58;2015:2:0.7,2005:6:0.3;R;3
        IN;Asia;55;2017:4:1;L;2
        TH;Asia;45;2008:7:1;F;4
        CN;Asia;38;2010:7:1;L;2
        TR;Asia;55;1980:10:0.6,2012:6:0.4;M;15
        LB;Asia;26;1988:4:1;R;8
        PH;Asia;18;2012:6:1;F;1
        PK;Asia;16;2010:6:1;L;2
        VN;Asia;16;1982:5:0.5,2010:6:0.5;M;3
        BD;Asia;10;2012:6:1;L;1
        KR;Asia;9;1980:10:1;F;1
        LK;Asia;8;1995:10:1;M;1
        PS;Asia;8;2005:10:1;R;2
        JP;Asia;4;2005:12:1;L;0.3
        NP;Asia;4;2016:5:1;L;0.2
        MM;Asia;3;2010:6:1;R;0.2
        US;NorthAmerica;23;2002:15:1;L;3
        CA;NorthAmerica;6;2005:15:1;L;0.5
        MX;NorthAmerica;6;2012:8:1;L;0.5
        CU;NorthAmerica;3;2008:10:1;F;0.3
        CL;SouthAmerica;29;1976:4:0.8,2005:10:0.2;R;6
        BR;SouthAmerica;10;2012:8:1;F;1
        CO;SouthAmerica;12;2010:10:1;M;1
        PE;SouthAmerica;6;2005:10:1;F;0.5
        AR;SouthAmerica;4;2005:12:1;L;0.5
        BO;SouthAmerica;3;1990:10:1;F;0.3
        VE;SouthAmerica;3;2018:3:1;M;0.2
        AU;Oceania;4;2008:12:1;L;0.3
        NZ;Oceania;2;2008:12:1;L;0.2
        XX;Unknown;3;2010:10:1;R;0.2
        """;

    public static IReadOnlyList<CountryProfile> All { get; } = Parse();

    private static List<CountryProfile> Parse()
    {
        var list = new List<CountryProfile>();
        foreach (var raw in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = raw.Split(';');
            var arrivals = f[3].Split(',').Select(p =>
            {
                var q = p.Split(':');
                return (double.Parse(q[0], CultureInfo.InvariantCulture), double.Parse(q[1], CultureInfo.InvariantCulture),
                    double.Parse(q[2], CultureInfo.InvariantCulture));
            }).ToArray();
            list.Add(new CountryProfile(
                f[0], Enum.Parse<WorldRegion>(f[1]), double.Parse(f[2], CultureInfo.InvariantCulture), arrivals, f[4][0],
                double.Parse(f[5], CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>Shares of refugee, family, work, study, EU/EES and other grounds for a profile and arrival year.</summary>
    public static void GroundShares(char profile, int arrivalYear, Span<double> shares)
    {
        shares.Clear();
        if (arrivalYear < 1980)
        {
            // Grounds were hardly registered before 1980: mostly "other", labour migration for the rest.
            shares[(int)ResidenceGround.Work - 1] = 0.35;
            shares[(int)ResidenceGround.Family - 1] = 0.15;
            shares[(int)ResidenceGround.Refugee - 1] = profile is 'R' or 'M' ? 0.2 : 0.02;
            shares[(int)ResidenceGround.Other - 1] = 0.45;
            return;
        }

        switch (profile)
        {
            case 'N':
                shares[(int)ResidenceGround.Other - 1] = 0.9;
                shares[(int)ResidenceGround.Work - 1] = 0.06;
                shares[(int)ResidenceGround.Family - 1] = 0.04;
                break;
            case 'E' when arrivalYear is >= 1995 and < 2014:
                Set(shares, refugee: 0.01, family: 0.12, work: 0.1, study: 0.05, euEes: 0.7, other: 0.02);
                break;
            case 'E' when arrivalYear >= 2014:
                Set(shares, refugee: 0.01, family: 0.15, work: 0.2, study: 0.06, euEes: 0.0, other: 0.58);
                break;
            case 'E':
                Set(shares, refugee: 0.08, family: 0.4, work: 0.3, study: 0.05, euEes: 0.0, other: 0.17);
                break;
            case 'R':
                Set(shares, refugee: 0.76, family: 0.17, work: 0.03, study: 0.02, euEes: 0.0, other: 0.02);
                break;
            case 'M':
                Set(shares, refugee: 0.38, family: 0.38, work: 0.12, study: 0.07, euEes: 0.0, other: 0.05);
                break;
            case 'L':
                Set(shares, refugee: 0.02, family: 0.4, work: 0.33, study: 0.2, euEes: 0.0, other: 0.05);
                break;
            default:
                Set(shares, refugee: 0.02, family: 0.78, work: 0.1, study: 0.06, euEes: 0.0, other: 0.04);
                break;
        }
    }

    private static void Set(Span<double> s, double refugee, double family, double work, double study, double euEes, double other)
    {
        s[0] = refugee;
        s[1] = family;
        s[2] = work;
        s[3] = study;
        s[4] = euEes;
        s[5] = other;
    }
}
