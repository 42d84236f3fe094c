namespace Barometer.Synthetic.Population;

/// <summary>A kommun with its county, its synthetic population weight and its foreign-born share.</summary>
internal sealed record Municipality(string Code, string CountyCode, double Population, double ForeignShare);

/// <summary>
/// Population sizes and foreign-born shares for the 290 kommuner. County totals and the populations of the larger
/// kommuner are rounded SCB figures (2024, thousands); the other kommuner of a county share its remainder with
/// deterministic pseudo-random weights. Foreign-born shares follow the known pattern: highest in the metropolitan
/// suburbs (Botkyrka, Södertälje), high in the three metropolitan cities and larger towns, low in rural kommuner.
/// They are scaled so that the national foreign-born share is reproduced.
/// </summary>
internal static class Municipalities
{
    private static readonly Dictionary<string, double> CountyPopulation = new(StringComparer.Ordinal)
    {
        ["01"] = 2454,
        ["03"] = 403,
        ["04"] = 302,
        ["05"] = 469,
        ["06"] = 370,
        ["07"] = 204,
        ["08"] = 247,
        ["09"] = 61,
        ["10"] = 157,
        ["12"] = 1425,
        ["13"] = 346,
        ["14"] = 1757,
        ["17"] = 283,
        ["18"] = 307,
        ["19"] = 280,
        ["20"] = 288,
        ["21"] = 288,
        ["22"] = 244,
        ["23"] = 132,
        ["24"] = 280,
        ["25"] = 250,
    };

    // code → (population in thousands, foreign-born share)
    private static readonly Dictionary<string, (double Population, double Share)> Known = new(StringComparer.Ordinal)
    {
        ["0180"] = (988, 0.26),
        ["0182"] = (110, 0.2),
        ["0126"] = (116, 0.31),
        ["0127"] = (98, 0.43),
        ["0181"] = (102, 0.41),
        ["0136"] = (96, 0.26),
        ["0184"] = (86, 0.3),
        ["0123"] = (85, 0.31),
        ["0163"] = (77, 0.25),
        ["0160"] = (75, 0.2),
        ["0188"] = (64, 0.12),
        ["0183"] = (55, 0.33),
        ["0186"] = (48, 0.19),
        ["0120"] = (47, 0.13),
        ["0138"] = (50, 0.2),
        ["0114"] = (48, 0.3),
        ["0117"] = (48, 0.15),
        ["0191"] = (50, 0.31),
        ["0162"] = (33, 0.18),
        ["0115"] = (35, 0.16),
        ["0380"] = (245, 0.21),
        ["0580"] = (167, 0.2),
        ["0581"] = (146, 0.22),
        ["0680"] = (146, 0.2),
        ["0780"] = (97, 0.21),
        ["0880"] = (72, 0.16),
        ["0980"] = (61, 0.08),
        ["1080"] = (67, 0.15),
        ["1280"] = (362, 0.36),
        ["1281"] = (128, 0.24),
        ["1283"] = (152, 0.26),
        ["1290"] = (87, 0.2),
        ["1282"] = (47, 0.28),
        ["1287"] = (47, 0.17),
        ["1380"] = (105, 0.19),
        ["1384"] = (86, 0.12),
        ["1383"] = (67, 0.12),
        ["1480"] = (607, 0.28),
        ["1481"] = (71, 0.22),
        ["1490"] = (115, 0.21),
        ["1488"] = (60, 0.23),
        ["1485"] = (58, 0.19),
        ["1496"] = (58, 0.17),
        ["1402"] = (41, 0.19),
        ["1401"] = (39, 0.14),
        ["1780"] = (96, 0.16),
        ["1880"] = (160, 0.22),
        ["1980"] = (159, 0.24),
        ["2080"] = (60, 0.12),
        ["2081"] = (53, 0.19),
        ["2180"] = (104, 0.19),
        ["2281"] = (100, 0.16),
        ["2284"] = (56, 0.09),
        ["2380"] = (65, 0.1),
        ["2480"] = (133, 0.14),
        ["2482"] = (77, 0.1),
        ["2580"] = (80, 0.13),
        ["2583"] = (10, 0.38),
        ["0484"] = (108, 0.25),
        ["0480"] = (58, 0.16),
    };

    /// <summary>Builds the municipality table for the given kommun codes and county codes.</summary>
    public static IReadOnlyList<Municipality> Build(IEnumerable<(string Code, string CountyCode)> kommuner, double nationalForeignShare)
    {
        var list = kommuner.ToList();
        var result = new List<Municipality>(list.Count);
        foreach (var county in list.GroupBy(k => k.CountyCode, StringComparer.Ordinal))
        {
            var countyPop = CountyPopulation.TryGetValue(county.Key, out var p) ? p * 1000 : 100_000;
            var known = county.Where(k => Known.ContainsKey(k.Code)).ToList();
            var knownPop = known.Sum(k => Known[k.Code].Population * 1000);
            var others = county.Where(k => !Known.ContainsKey(k.Code)).ToList();
            var weights = others.Select(k => 0.4 + PseudoWeight(k.Code)).ToList();
            var remainder = Math.Max(countyPop - knownPop, 5_000.0 * others.Count);
            var metropolitan = county.Key is "01" || county.Key is "12" || county.Key is "14";
            foreach (var k in county)
            {
                if (Known.TryGetValue(k.Code, out var known1))
                {
                    result.Add(new Municipality(k.Code, k.CountyCode, known1.Population * 1000, known1.Share));
                }
                else
                {
                    var index = others.IndexOf(k);
                    var pop = remainder * weights[index] / weights.Sum();
                    var share = county.Key is "01" ? 0.2 : metropolitan ? 0.15 : pop > 30_000 ? 0.15 : 0.11;
                    result.Add(new Municipality(k.Code, k.CountyCode, pop, share));
                }
            }
        }

        // Scale shares so the national foreign-born share holds, keeping every share in a plausible range.
        var total = result.Sum(m => m.Population);
        var factor = 1.0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var foreign = result.Sum(m => m.Population * Math.Min(0.6, m.ForeignShare * factor));
            factor *= nationalForeignShare * total / foreign;
        }

        return result
            .Select(m => m with { ForeignShare = Math.Min(0.6, m.ForeignShare * factor) })
            .OrderBy(m => m.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static double PseudoWeight(string code)
    {
        var h = 2166136261u;
        foreach (var c in code)
        {
            h = (h ^ c) * 16777619u;
        }

        // Log-normal-like spread: small kommuner are common, a few are three times the typical size.
        var u = (h % 10_000) / 10_000.0;
        return Math.Exp(1.2 * (u - 0.5) * 2);
    }
}
