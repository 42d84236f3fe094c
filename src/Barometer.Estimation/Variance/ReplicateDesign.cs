using Barometer.Estimation.Data;
using Barometer.Estimation.Designs;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Variance;

/// <summary>
/// Replicate weights and their variance scale, as R's <c>svrepdesign</c> (supplied columns, combined weights) or
/// <c>as.svrepdesign(type = "JK1" / "JKn")</c> (generated from the design). The variance of a statistic is
/// scale · Σ_r rscale_r (θ_r - θ̄)² with θ̄ the mean of the replicates (<c>mse = FALSE</c>, survey 4.1's default).
/// </summary>
internal sealed class ReplicateDesign
{
    private readonly double[][]? _columns;
    private readonly Jackknife[]? _jackknife;
    private readonly int[] _psuOfRow;
    private readonly int[] _stratumOfRow;

    private ReplicateDesign(ReplicateType type, double scale, double[] rscales, double[][]? columns, Jackknife[]? jackknife, SurveyDesign design)
    {
        Type = type;
        Scale = scale;
        RScales = rscales;
        _columns = columns;
        _jackknife = jackknife;
        _psuOfRow = design.FirstStage.UnitOfRow;
        _stratumOfRow = new int[design.RowCount];
        for (var i = 0; i < _stratumOfRow.Length; i++)
        {
            _stratumOfRow[i] = design.StratumOf(i);
        }

        PsuCount = design.FirstStage.UnitCount;
    }

    public ReplicateType Type { get; }

    public int Count => RScales.Length;

    public double Scale { get; }

    public double[] RScales { get; }

    /// <summary>Whether the weights are generated multipliers of the design weights (R's <c>combined.weights = FALSE</c>).</summary>
    public bool IsGenerated => _jackknife is not null;

    private int PsuCount { get; }

    public static ReplicateDesign? Create(ReplicateSpec spec, SurveyDesign design, ColumnResolver columns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(design);
        var log = columns.Log;
        if (spec.Rho is not null && spec.Type != ReplicateType.Fay)
        {
            log.Add("replicates.rho", "'rho' applies only to Fay replicates.");
            return null;
        }

        if (spec.Columns is null || spec.Columns.Count == 0)
        {
            return spec.Type switch
            {
                ReplicateType.Jk1 => GenerateJackknife(design, log, stratified: false),
                ReplicateType.Jkn => GenerateJackknife(design, log, stratified: true),
                _ => Fail(log, "replicates.columns", $"{spec.Type} replicate weights cannot be generated; supply them as columns (only JK1 and JKn are generated from the design)."),
            };
        }

        var r = spec.Columns.Count;
        var weights = new double[r][];
        var ok = true;
        for (var c = 0; c < r; c++)
        {
            var values = columns.Numeric(spec.Columns[c], $"replicates.columns[{c}]");
            if (values is null)
            {
                ok = false;
                continue;
            }

            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]) || values[i] < 0)
                {
                    log.AddRow(spec.Columns[c], i, $"A replicate weight must be a finite number ≥ 0; found {(double.IsNaN(values[i]) ? "a missing value" : values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture))}.");
                    ok = false;
                }
            }

            weights[c] = values;
        }

        if (!ok)
        {
            return null;
        }

        double scale;
        double[] rscales = Enumerable.Repeat(1.0, r).ToArray();
        switch (spec.Type)
        {
            case ReplicateType.Jk1:
                if (r < 2)
                {
                    return Fail(log, "replicates.columns", "JK1 needs at least two replicate columns.");
                }

                scale = (r - 1.0) / r;
                break;
            case ReplicateType.Bootstrap:
                if (r < 2)
                {
                    return Fail(log, "replicates.columns", "Bootstrap needs at least two replicate columns.");
                }

                scale = 1.0 / (r - 1);
                break;
            case ReplicateType.Brr:
                scale = 1.0 / r;
                break;
            case ReplicateType.Fay:
                if (spec.Rho is not { } rho || !(rho >= 0 && rho < 1))
                {
                    return Fail(log, "replicates.rho", "Fay replicates need rho in [0, 1).");
                }

                scale = 1.0 / (r * (1 - rho) * (1 - rho));
                break;
            case ReplicateType.Jkn:
                scale = 1.0;
                rscales = SuppliedJacknifeScales(weights, spec.Columns, design.Weights, log)!;
                if (rscales is null)
                {
                    return null;
                }

                break;
            default:
                return Fail(log, "replicates.type", "Unknown replicate type.");
        }

        return new ReplicateDesign(spec.Type, scale, rscales, weights, null, design);
    }

    /// <summary>Writes replicate <paramref name="r"/>'s analysis weights (before any calibration).</summary>
    public void Fill(int r, double[] designWeights, Span<double> target)
    {
        if (_columns is not null)
        {
            _columns[r].AsSpan().CopyTo(target);
            return;
        }

        var jk = _jackknife![r];
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = designWeights[i] * jk.Multiplier(_psuOfRow[i], _stratumOfRow[i]);
        }
    }

    /// <summary>
    /// The rank of the replicate analysis weights over <paramref name="rows"/> (all rows when null), for R's
    /// <c>degf = rank - 1</c>. <paramref name="analysisWeights"/>, when given, are the replicate weights (replicate-major).
    /// </summary>
    public int Rank(double[] designWeights, double[][]? analysisWeights, bool[]? rows)
    {
        var m = Count;
        if (m == 0)
        {
            return 0;
        }

        double[] matrix;
        int height;
        if (analysisWeights is null && _jackknife is not null)
        {
            // Rows of one PSU are proportional (design weight × the PSU's multipliers), so the PSU-level matrix with
            // rows √(Σ w²) · multipliers has the same column geometry, which is all the rank depends on.
            var weightSquares = new double[PsuCount];
            var stratumOfPsu = new int[PsuCount];
            for (var i = 0; i < designWeights.Length; i++)
            {
                if (rows is null || rows[i])
                {
                    weightSquares[_psuOfRow[i]] += designWeights[i] * designWeights[i];
                }

                stratumOfPsu[_psuOfRow[i]] = _stratumOfRow[i];
            }

            var used = new List<int>();
            for (var psu = 0; psu < PsuCount; psu++)
            {
                if (weightSquares[psu] > 0)
                {
                    used.Add(psu);
                }
            }

            height = used.Count;
            matrix = new double[height * m];
            for (var r = 0; r < m; r++)
            {
                for (var a = 0; a < height; a++)
                {
                    var psu = used[a];
                    matrix[(r * height) + a] = Math.Sqrt(weightSquares[psu]) * _jackknife[r].Multiplier(psu, stratumOfPsu[psu]);
                }
            }
        }
        else
        {
            var source = analysisWeights ?? _columns!;
            var selected = new List<int>();
            for (var i = 0; i < designWeights.Length; i++)
            {
                if (rows is null || rows[i])
                {
                    selected.Add(i);
                }
            }

            height = selected.Count;
            matrix = new double[height * m];
            for (var r = 0; r < m; r++)
            {
                var column = source[r];
                for (var a = 0; a < height; a++)
                {
                    matrix[(r * height) + a] = column[selected[a]];
                }
            }
        }

        return height == 0 ? 0 : MatrixRank.Dqrdc2(matrix, height, m);
    }

    private static ReplicateDesign? Fail(ProblemLog log, string key, string message)
    {
        log.Add(key, message);
        return null;
    }

    /// <summary>
    /// R's <c>jk1weights</c> / <c>jknweights</c>: one replicate per PSU, deleting it and reweighting the rest of
    /// its stratum by n_h/(n_h - 1), with rscale (1 - n_h/N_h)(n_h - 1)/n_h. Completely sampled strata get no
    /// replicate; lonely PSUs follow the lonely-PSU rule as <c>jknweights</c> does.
    /// </summary>
    private static ReplicateDesign? GenerateJackknife(SurveyDesign design, ProblemLog log, bool stratified)
    {
        if (!stratified && design.HasStrata)
        {
            return Fail(log, "replicates.type", "JK1 is for unstratified designs; use jkn for a stratified design (R: \"Can't use JK1 for a stratified design\").");
        }

        if (stratified && !design.HasStrata)
        {
            return Fail(log, "replicates.type", "JKn needs strata; use jk1 for an unstratified design.");
        }

        var stage = design.FirstStage;
        var replicates = new List<Jackknife>();
        var rscales = new List<double>();
        double scale = 1;
        var strata = stage.GroupCount;
        for (var h = 0; h < strata; h++)
        {
            var n = stage.SampledUnits[h];
            var population = stage.PopulationUnits[h];
            var correction = design.HasFpc ? (population - n) / population : 1.0;
            if (design.HasFpc && correction == 0)
            {
                continue; // survey.drop.replicates: a stratum sampled completely needs no replicate.
            }

            if (n == 1)
            {
                switch (design.LonelyPsu)
                {
                    case LonelyPsuRule.Fail:
                        return Fail(log, "design.lonely_psu", $"Stratum '{stage.GroupLabels[h]}' has only one PSU (lonely_psu: fail), so no jackknife replicate can be formed.");
                    case LonelyPsuRule.Adjust:
                        replicates.Add(new Jackknife(-1, h, 0, strata / (strata - 1.0), ZeroStratum: true));
                        rscales.Add((strata - 1.0) / strata);
                        continue;
                    default:
                        continue;
                }
            }

            for (var u = stage.GroupUnitStart[h]; u < stage.GroupUnitStart[h + 1]; u++)
            {
                replicates.Add(new Jackknife(u, stratified ? h : -1, n / (n - 1.0), 1.0, ZeroStratum: false));
                rscales.Add(stratified ? correction * (n - 1.0) / n : 1.0);
            }

            if (!stratified)
            {
                scale = correction * (n - 1.0) / n;
            }
        }

        if (replicates.Count == 0)
        {
            return Fail(log, "replicates", "Every stratum was sampled completely: there is no sampling variance to replicate.");
        }

        if (stratified && design.LonelyPsu == LonelyPsuRule.Average && replicates.Count < stage.UnitCount)
        {
            scale = (double)stage.UnitCount / replicates.Count;
        }

        return new ReplicateDesign(stratified ? ReplicateType.Jkn : ReplicateType.Jk1, scale, [.. rscales], null, [.. replicates], design);
    }

    /// <summary>
    /// Supplied JKn columns need R's <c>rscales</c>, (n_h - 1)/n_h for the stratum of each replicate. They are
    /// taken as R's <c>svrepdesign</c> guesses them from the weights: rscale_r = 1 / max_i (w_ri / w_i), the inverse
    /// of the largest replicate factor, which is n_h/(n_h - 1) for an unadjusted delete-one-PSU replicate.
    /// </summary>
    private static double[]? SuppliedJacknifeScales(double[][] weights, IReadOnlyList<string> names, double[] designWeights, ProblemLog log)
    {
        var rscales = new double[weights.Length];
        for (var r = 0; r < weights.Length; r++)
        {
            var largest = 0.0;
            for (var i = 0; i < designWeights.Length; i++)
            {
                largest = Math.Max(largest, weights[r][i] / designWeights[i]);
            }

            if (!(largest > 0) || !double.IsFinite(largest))
            {
                log.Add($"replicates.columns[{r}]", $"Replicate '{names[r]}' has no positive weight, so its JKn scale cannot be derived.");
                return null;
            }

            rscales[r] = 1 / largest;
        }

        return rscales;
    }

    /// <summary>One jackknife replicate: the PSU it deletes and the multipliers of the rest.</summary>
    /// <param name="Psu">The deleted PSU (-1 for none).</param>
    /// <param name="Stratum">The stratum whose other PSUs get <paramref name="Inside"/> (-1: every PSU, JK1).</param>
    /// <param name="Inside">Multiplier of the stratum's other PSUs.</param>
    /// <param name="Outside">Multiplier of PSUs in other strata.</param>
    /// <param name="ZeroStratum">For a lonely stratum under <c>adjust</c>: the whole stratum is deleted.</param>
    private readonly record struct Jackknife(int Psu, int Stratum, double Inside, double Outside, bool ZeroStratum)
    {
        public double Multiplier(int psu, int stratum)
        {
            if (ZeroStratum)
            {
                return stratum == Stratum ? 0 : Outside;
            }

            if (psu == Psu)
            {
                return 0;
            }

            return Stratum < 0 || stratum == Stratum ? Inside : Outside;
        }
    }
}
