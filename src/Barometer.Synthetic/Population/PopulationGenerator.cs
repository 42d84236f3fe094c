using Barometer.Synthetic.Randomness;

namespace Barometer.Synthetic.Population;

/// <summary>
/// Generates the population register. Group × sex × age counts are apportioned exactly from SCB's population
/// figures for 31 December 2024 (<see cref="PopulationTargets"/>; so totals, background groups, regions of birth and mean ages hold by construction at every scale, up to
/// rounding), the cell labels are shuffled so person ids carry no information, and every other attribute is drawn
/// per person from chunk-keyed random streams. Citizenship of the foreign-born follows a logistic model whose
/// intercept is solved so the expected number of foreign-born Swedish citizens matches SCB.
/// </summary>
internal sealed class PopulationGenerator
{
    private readonly ulong _seed;
    private readonly double _scale;
    private readonly IReadOnlyList<CountryProfile> _countries;
    private readonly IReadOnlyList<Municipality> _municipalities;
    private readonly double[][] _countryCumulativeByRegion;
    private readonly short[][] _countryIndexByRegion;
    private readonly double[] _parentCumulativeMixed;
    private readonly double[] _parentCumulativeSecondGeneration;
    private readonly double[] _foreignMunicipalityCumulative;
    private readonly double[] _nativeMunicipalityCumulative;

    public PopulationGenerator(ulong seed, double scale, IReadOnlyList<CountryProfile> countries, IReadOnlyList<Municipality> municipalities)
    {
        _seed = seed;
        _scale = scale;
        _countries = countries;
        _municipalities = municipalities;
        var regions = Enum.GetValues<BirthRegion>();
        _countryCumulativeByRegion = new double[regions.Length][];
        _countryIndexByRegion = new short[regions.Length][];
        foreach (var region in regions)
        {
            var indexes = Enumerable.Range(0, countries.Count).Where(i => countries[i].Region == region).Select(i => (short)i).ToArray();
            _countryIndexByRegion[(int)region] = indexes;
            _countryCumulativeByRegion[(int)region] = Cumulative(indexes.Select(i => countries[i].Weight));
        }

        _parentCumulativeMixed = Cumulative(countries.Select(c => c.ParentWeight));
        var parentTotal = countries.Sum(c => c.ParentWeight);
        var stockTotal = countries.Sum(c => c.Weight);
        _parentCumulativeSecondGeneration = Cumulative(countries.Select(c =>
            (0.5 * c.ParentWeight / parentTotal) + (0.5 * c.Weight / stockTotal * RecentArrivalShare(c))));
        _foreignMunicipalityCumulative = Cumulative(municipalities.Select(m => m.Population * m.ForeignShare));
        _nativeMunicipalityCumulative = Cumulative(municipalities.Select(m => m.Population * (1 - m.ForeignShare)));
    }

    public PopulationRegister Generate(IGenerationProgress progress)
    {
        const string phase = "population";
        var cells = BuildCells(out var total);
        progress.Start(phase, total);
        var register = new PopulationRegister(total, _countries, _municipalities, PopulationTargets.ReferenceYear);
        var labels = ShuffledLabels(cells, total);
        Chunking.ForEachChunk(total, (chunk, start, end) =>
        {
            var random = new RandomStream(_seed, Phase.Population, (ulong)chunk);
            Span<double> groundShares = stackalloc double[6];
            for (var i = start; i < end; i++)
            {
                var cell = cells[labels[i]];
                Person(register, i, cell, ref random, groundShares);
            }
        }, n => progress.Advance(phase, n));
        AssignCitizenship(register);
        progress.Complete(phase);
        return register;
    }

    private void Person(PopulationRegister r, int i, PopulationCell cell, ref RandomStream random, Span<double> groundShares)
    {
        r.Sex[i] = cell.Sex;
        var birthYear = PopulationTargets.ReferenceYear - cell.Age;
        r.BirthYear[i] = (short)birthYear;
        r.Background[i] = cell.Group.Background;
        r.Citizenship[i] = PopulationRegister.Sweden;
        switch (cell.Group.Background)
        {
            case BackgroundGroup.SwedishTwoSwedishParents:
                r.Country[i] = PopulationRegister.Sweden;
                r.MotherCountry[i] = random.NextBool(cell.Age > 70 ? 0.02 : 0.005) ? PopulationRegister.MissingCountry : PopulationRegister.Sweden;
                r.FatherCountry[i] = random.NextBool(cell.Age > 70 ? 0.05 : 0.015) ? PopulationRegister.MissingCountry : PopulationRegister.Sweden;
                r.Municipality[i] = (short)random.NextCategory(_nativeMunicipalityCumulative);
                break;
            case BackgroundGroup.SwedishOneForeignParent:
                {
                    r.Country[i] = PopulationRegister.Sweden;
                    var foreignParent = (short)random.NextCategory(_parentCumulativeMixed);
                    var otherParent = random.NextBool(0.03) ? PopulationRegister.MissingCountry : PopulationRegister.Sweden;
                    var motherForeign = random.NextBool(0.5);
                    r.MotherCountry[i] = motherForeign ? foreignParent : otherParent;
                    r.FatherCountry[i] = motherForeign ? otherParent : foreignParent;
                    r.Municipality[i] = (short)random.NextCategory(random.NextBool(0.5) ? _foreignMunicipalityCumulative : _nativeMunicipalityCumulative);
                    break;
                }

            case BackgroundGroup.SwedishTwoForeignParents:
                {
                    r.Country[i] = PopulationRegister.Sweden;
                    var father = (short)random.NextCategory(_parentCumulativeSecondGeneration);
                    r.FatherCountry[i] = father;
                    r.MotherCountry[i] = random.NextBool(0.82) ? father : (short)random.NextCategory(_parentCumulativeSecondGeneration);
                    r.Municipality[i] = (short)random.NextCategory(_foreignMunicipalityCumulative);
                    if (random.NextBool(0.03))
                    {
                        r.Citizenship[i] = father;
                    }

                    break;
                }

            default:
                {
                    var region = (int)cell.Group.Region;
                    var country = _countryIndexByRegion[region][random.NextCategory(_countryCumulativeByRegion[region])];
                    r.Country[i] = country;
                    var profile = _countries[country];
                    var arrival = ArrivalYear(profile, birthYear, ref random);
                    r.ImmigrationYear[i] = (short)arrival;
                    r.MotherCountry[i] = ParentOfForeignBorn(country, ref random);
                    r.FatherCountry[i] = ParentOfForeignBorn(country, ref random);
                    CountryProfiles.GroundShares(profile.GroundsProfile, arrival, groundShares);
                    if (arrival - birthYear < 18 && profile.GroundsProfile is 'R' or 'M')
                    {
                        // Children arriving with refugee parents are registered as relatives of protected persons.
                        groundShares[0] += 0.3;
                    }

                    r.Ground[i] = (ResidenceGround)(1 + Draw(groundShares, ref random));
                    r.Municipality[i] = (short)random.NextCategory(_foreignMunicipalityCumulative);
                    break;
                }
        }

        r.Education[i] = Education(r, i, cell, ref random);
    }

    private static int Draw(ReadOnlySpan<double> weights, ref RandomStream random)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var u = random.NextDouble() * total;
        for (var k = 0; k < weights.Length; k++)
        {
            u -= weights[k];
            if (u < 0)
            {
                return k;
            }
        }

        return weights.Length - 1;
    }

    private short ParentOfForeignBorn(short country, ref RandomStream random)
    {
        var u = random.NextDouble();
        if (u < 0.09)
        {
            return PopulationRegister.MissingCountry;
        }

        if (u < 0.11)
        {
            var region = (int)_countries[country].Region;
            return _countryIndexByRegion[region][random.NextCategory(_countryCumulativeByRegion[region])];
        }

        return u < 0.115 ? PopulationRegister.Sweden : country;
    }

    private static int ArrivalYear(CountryProfile profile, int birthYear, ref RandomStream random)
    {
        var last = PopulationTargets.ReferenceYear;
        Span<double> weights = stackalloc double[profile.Arrivals.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = profile.Arrivals[k].Weight;
        }

        for (var attempt = 0; attempt < 24; attempt++)
        {
            var (year, sd, _) = profile.Arrivals[Draw(weights, ref random)];
            var y = (int)Math.Round(year + (sd * random.NextNormal()));
            if (y >= birthYear && y <= last)
            {
                return y;
            }
        }

        // Born after the country's migration peaks: arrival any year since birth, later years likelier.
        var span = last - birthYear + 1;
        return birthYear + (int)Math.Floor(Math.Sqrt(random.NextDouble()) * span);
    }

    private static EducationLevel Education(PopulationRegister r, int i, PopulationCell cell, ref RandomStream random)
    {
        var age = cell.Age;
        if (age < 16)
        {
            return EducationLevel.NotApplicable;
        }

        var foreign = cell.Group.Background == BackgroundGroup.ForeignBorn;
        var yearsInSweden = foreign ? PopulationTargets.ReferenceYear - r.ImmigrationYear[i] : 99;
        var missing = foreign ? 0.04 + (yearsInSweden <= 2 ? 0.14 : 0.0) : 0.002;
        if (random.NextBool(missing))
        {
            return EducationLevel.Missing;
        }

        if (age < 19)
        {
            return EducationLevel.Primary;
        }

        if (age < 25)
        {
            var p1 = foreign ? 0.3 : cell.Group.Background == BackgroundGroup.SwedishTwoForeignParents ? 0.2 : 0.13;
            var p3 = age < 21 ? 0.02 : 0.12 + ((age - 21) * 0.04);
            var u0 = random.NextDouble();
            return u0 < p1 ? EducationLevel.Primary : u0 < 1 - p3 ? EducationLevel.UpperSecondary : EducationLevel.PostSecondary;
        }

        // Shares of primary and post-secondary among 25+ by background, older cohorts less educated.
        var (primary, post) = cell.Group.Region switch
        {
            BirthRegion.Sweden => cell.Group.Background == BackgroundGroup.SwedishTwoForeignParents ? (0.12, 0.38) : (0.1, 0.44),
            BirthRegion.Nordic => (0.2, 0.33),
            BirthRegion.EuExceptNordic => (0.12, 0.48),
            BirthRegion.EuropeOutsideEu => (0.17, 0.33),
            BirthRegion.Africa => (0.4, 0.24),
            BirthRegion.Asia => (0.3, 0.38),
            _ => (0.12, 0.48),
        };
        if (age >= 65)
        {
            primary += (age - 60) * 0.008;
            post -= (age - 60) * 0.006;
        }
        else if (age < 40)
        {
            primary *= 0.8;
            post += 0.05;
        }

        if (cell.Sex == 2)
        {
            post += 0.07;
        }

        var u = random.NextDouble();
        return u < primary ? EducationLevel.Primary : u < 1 - Math.Max(0.05, post) ? EducationLevel.UpperSecondary : EducationLevel.PostSecondary;
    }

    private void AssignCitizenship(PopulationRegister r)
    {
        // Linear predictor: residence of five years or more (citizenship needs it), refugees naturalise most,
        // Nordic and EU citizens least (they keep the rights without it).
        var foreignIndexes = Enumerable.Range(0, r.Count).Where(r.IsForeignBorn).ToArray();
        var eta = new float[foreignIndexes.Length];
        Chunking.ForEachChunk(foreignIndexes.Length, (_, start, end) =>
        {
            for (var k = start; k < end; k++)
            {
                eta[k] = (float)CitizenshipPredictor(r, foreignIndexes[k]);
            }
        });
        var scaleFactor = (double)foreignIndexes.Length / PopulationTargets.ForeignBorn;
        var alpha = InterceptCalibration.Solve(eta, PopulationTargets.ForeignBornSwedishCitizens * scaleFactor);
        Chunking.ForEachChunk(foreignIndexes.Length, (_, start, end) =>
        {
            for (var k = start; k < end; k++)
            {
                var i = foreignIndexes[k];
                var p = InterceptCalibration.Logistic(alpha + eta[k]);
                var u = StreamKey.Uniform(_seed, Phase.Citizenship, (ulong)i);
                r.Citizenship[i] = u < p ? PopulationRegister.Sweden : r.Country[i];
            }
        });
    }

    private static double CitizenshipPredictor(PopulationRegister r, int i)
    {
        var years = r.YearsInSweden(i);
        var eta = years < 5 ? -4.0 : years < 8 ? -0.5 : Math.Min(1.5, 0.1 * (years - 8));
        eta += r.Ground[i] switch
        {
            ResidenceGround.Refugee => 1.4,
            ResidenceGround.Family => 0.6,
            ResidenceGround.Work => -0.5,
            ResidenceGround.Study => -0.6,
            ResidenceGround.EuEes => -1.5,
            _ => 0.0,
        };
        eta += r.Region(i) switch
        {
            BirthRegion.Nordic => -1.8,
            BirthRegion.EuExceptNordic => -1.0,
            _ => 0.0,
        };
        if (r.Countries[r.Country[i]].Code is "XX")
        {
            eta -= 1.0;
        }

        return eta;
    }

    private PopulationCell[] BuildCells(out int total)
    {
        var groups = PopulationTargets.Groups;
        total = (int)Math.Round(PopulationTargets.Total * _scale);
        var groupSex = new List<(PopulationGroup Group, byte Sex, double Count)>();
        foreach (var g in groups)
        {
            groupSex.Add((g, 1, g.Total - g.Women));
            groupSex.Add((g, 2, g.Women));
        }

        var groupSexCounts = Apportionment.LargestRemainder(groupSex.Select(x => x.Count).ToList(), total);
        var cells = new List<PopulationCell>();
        for (var k = 0; k < groupSex.Count; k++)
        {
            var (group, sex, _) = groupSex[k];
            var ageCounts = Apportionment.LargestRemainder(group.BaseProfile.Tilted(group.MeanAge), groupSexCounts[k]);
            for (var age = 0; age < ageCounts.Length; age++)
            {
                if (ageCounts[age] > 0)
                {
                    cells.Add(new PopulationCell(group, sex, age, ageCounts[age]));
                }
            }
        }

        return [.. cells];
    }

    private short[] ShuffledLabels(PopulationCell[] cells, int total)
    {
        var labels = new short[total];
        var position = 0;
        for (var c = 0; c < cells.Length; c++)
        {
            Array.Fill(labels, (short)c, position, cells[c].Count);
            position += cells[c].Count;
        }

        var random = new RandomStream(_seed, Phase.Shuffle);
        for (var i = total - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (labels[i], labels[j]) = (labels[j], labels[i]);
        }

        return labels;
    }

    private static double RecentArrivalShare(CountryProfile c) =>
        c.Arrivals.Sum(a => a.Weight * (a.Year is >= 1980 and <= 2012 ? 1.0 : a.Year > 2012 ? 0.5 : 0.3)) /
        c.Arrivals.Sum(a => a.Weight);

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        for (var k = 1; k < list.Length; k++)
        {
            list[k] += list[k - 1];
        }

        return list;
    }

    private sealed record PopulationCell(PopulationGroup Group, byte Sex, int Age, int Count);
}
