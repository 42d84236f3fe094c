using System.Runtime.CompilerServices;
namespace Barometer.Estimation.Intervals;

/// <summary>
/// R's <c>svyciprop(method = "logit")</c> fits <c>svyglm(y ~ 1, family = quasibinomial)</c>, i.e. <c>glm.fit</c>'s
/// iteratively reweighted least squares, which stops when the deviance changes by less than 1e-8 relative, so its
/// logit(p̂) carries an error of up to about 1e-8. To reproduce R to 1e-10 this class replays exactly those
/// iterations for an intercept-only model (starting values <c>(w y + 1/2)/(w + 1)</c>, R's logit link with its
/// ±30 thresholds, the deviance stopping rule) instead of using logit(p̂) itself.
/// </summary>
internal static class LogitFit
{
    private const double Threshold = 30;
    private const double Epsilon = 1e-8;
    private const int MaxIterations = 25;
    private const double DoubleEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// The full-sample fit: <paramref name="weights"/> and 0/1 <paramref name="y"/> of the respondents used, with
    /// <paramref name="normaliser"/> the mean weight over all rows of the design the fit sees (svyglm rescales
    /// weights to mean 1, and the stopping rule is not scale free).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double FullSample(ReadOnlySpan<double> weights, ReadOnlySpan<double> y, double normaliser)
    {
        var n = weights.Length;
        var mu = new double[n];
        var eta = new double[n];
        var devold = 0.0;
        for (var i = 0; i < n; i++)
        {
            var pw = weights[i] / normaliser;
            if (!(pw > 0))
            {
                continue;
            }

            var yi = y[i];
            mu[i] = ((pw * yi) + 0.5) / (pw + 1);
            eta[i] = Math.Log(mu[i] / (1 - mu[i]));
            devold += Deviance(pw, yi, mu[i]);
        }

        var beta = 0.0;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var sw = 0.0;
            var swz = 0.0;
            for (var i = 0; i < n; i++)
            {
                var pw = weights[i] / normaliser;
                if (!(pw > 0))
                {
                    continue;
                }

                var e = iteration == 1 ? eta[i] : beta;
                var m = iteration == 1 ? mu[i] : LinkInverse(beta);
                var muEta = MuEta(e);
                var z = e + ((y[i] - m) / muEta);
                var w2 = pw * muEta * muEta / (m * (1 - m));
                sw += w2;
                swz += w2 * z;
            }

            beta = swz / sw;
            var fitted = LinkInverse(beta);
            var dev = 0.0;
            for (var i = 0; i < n; i++)
            {
                var pw = weights[i] / normaliser;
                if (pw > 0)
                {
                    dev += Deviance(pw, y[i], fitted);
                }
            }

            if (Math.Abs(dev - devold) / (0.1 + Math.Abs(dev)) < Epsilon)
            {
                break;
            }

            devold = dev;
        }

        return beta;
    }

    /// <summary>
    /// A replicate's fit as <c>svyglm</c> on a replicate design does it: <c>glm.fit</c> from the full-sample
    /// coefficient with the replicate weights scaled to sum 1, for which only the replicate proportion matters.
    /// </summary>
    public static double Replicate(double proportion, double start)
    {
        if (double.IsNaN(proportion))
        {
            return double.NaN;
        }

        var beta = start;
        var devold = ScaledDeviance(proportion, LinkInverse(beta));
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var m = LinkInverse(beta);
            var muEta = MuEta(beta);
            // Weighted mean of z = β + (y - m)/μ'(β) with equal working weights.
            beta += (proportion - m) / muEta;
            var dev = ScaledDeviance(proportion, LinkInverse(beta));
            if (Math.Abs(dev - devold) / (0.1 + Math.Abs(dev)) < Epsilon)
            {
                break;
            }

            devold = dev;
        }

        return beta;
    }

    /// <summary>R's <c>C_logit_mu_eta</c>: dμ/dη, DBL_EPSILON beyond ±30.</summary>
    public static double MuEta(double eta)
    {
        if (eta > Threshold || eta < -Threshold)
        {
            return DoubleEpsilon;
        }

        var opexp = 1 + Math.Exp(eta);
        return Math.Exp(eta) / (opexp * opexp);
    }

    /// <summary>survey's <c>expit</c>: exp(η)/(1 + exp(η)).</summary>
    public static double Expit(double eta) => Math.Exp(eta) / (1 + Math.Exp(eta));

    /// <summary>R's <c>C_logit_linkinv</c>.</summary>
    public static double LinkInverse(double eta)
    {
        var tmp = eta < -Threshold ? DoubleEpsilon : eta > Threshold ? 1 / DoubleEpsilon : Math.Exp(eta);
        return tmp / (1 + tmp);
    }

    /// <summary>R's <c>binomial()$dev.resids</c> for one row.</summary>
    private static double Deviance(double weight, double y, double mu) => 2 * weight * (YLogY(y, mu) + YLogY(1 - y, 1 - mu));

    /// <summary>The deviance of weights summing to one with weighted proportion p.</summary>
    private static double ScaledDeviance(double p, double mu) => 2 * ((p > 0 ? p * Math.Log(1 / mu) : 0) + (p < 1 ? (1 - p) * Math.Log(1 / (1 - mu)) : 0));

    private static double YLogY(double y, double mu) => y != 0 ? y * Math.Log(y / mu) : 0;
}

/// <summary>Fits R's logistic coefficient for every visible statistic of a logit-interval estimate.</summary>
internal static class LogitCoefficients
{
    /// <summary>
    /// β per visible statistic. svyglm sees the domain's subset design: its rows are the domain's rows (a calibrated
    /// linearization design keeps every row with weight 0 outside), and it rescales weights to mean 1 over them.
    /// </summary>
    public static double[] Compute(Estimators.EstimatePlan plan, double[] weights, bool keepsAllRows)
    {
        var domains = plan.Domains;
        var n = weights.Length;
        var sumWeights = new double[domains.Count];
        var rows = new int[domains.Count];
        for (var i = 0; i < n; i++)
        {
            var d = domains.DomainOfRow[i];
            if (d >= 0)
            {
                sumWeights[d] += weights[i];
                rows[d]++;
            }
        }

        // The respondents of each output domain, gathered once.
        var members = new List<int>[plan.DomainCount];
        for (var d = 0; d < members.Length; d++)
        {
            members[d] = [];
        }

        for (var i = 0; i < n; i++)
        {
            var d = plan.DomainOfRow[i];
            if (d >= 0)
            {
                members[d].Add(i);
            }
        }

        var result = new double[plan.VisibleCount];
        for (var k = 0; k < result.Length; k++)
        {
            var d = plan.DomainIndexOfStatistic(k);
            var rowsOfDomain = members[d];
            var w = new double[rowsOfDomain.Count];
            var y = new double[rowsOfDomain.Count];
            for (var r = 0; r < w.Length; r++)
            {
                w[r] = weights[rowsOfDomain[r]];
                y[r] = plan.Indicator(rowsOfDomain[r], k);
            }

            var normaliser = sumWeights[d] / (keepsAllRows ? n : rows[d]);
            result[k] = LogitFit.FullSample(w, y, normaliser);
        }

        return result;
    }
}
