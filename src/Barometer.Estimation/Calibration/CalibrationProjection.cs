using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Barometer.Estimation.Calibration;

/// <summary>
/// What the variance of a calibrated estimator needs (R's <c>greg_calibration</c> object that <c>calibrate()</c>
/// stores and <c>svyrecvar</c> uses): influence values zᵢ are replaced by the residuals of their regression on the
/// calibration variables, eᵢ = zᵢ - gᵢ dᵢ xᵢᵀ B with B = (Σ dᵢ xᵢ xᵢᵀ)⁻ Σ xᵢ zᵢ / gᵢ, where dᵢ are the design
/// weights before calibration and gᵢ the g-weights (R: <c>qr.resid(qr(mm * sqrt(d)), z / (g sqrt(d))) * g sqrt(d)</c>).
/// </summary>
internal sealed class CalibrationProjection
{
    public CalibrationProjection(CalibrationModel model, double[] designWeights, double[] g)
    {
        Model = model;
        DesignWeights = designWeights;
        G = g;
        var p = model.ColumnCount;
        GramInverse = PseudoInverse(model.WeightedCrossProduct(designWeights), p);
    }

    public CalibrationModel Model { get; }

    public double[] DesignWeights { get; }

    public double[] G { get; }

    /// <summary>A generalised inverse of Σ d x xᵀ (row-major p × p); the fitted values do not depend on which.</summary>
    public double[] GramInverse { get; }

    public int P => Model.ColumnCount;

    /// <summary>Adds gᵢ dᵢ xᵢ to <paramref name="target"/> (the row's contribution to a unit's total of g d x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddFitted(int row, Span<double> target)
    {
        var model = Model;
        var slots = model.SlotCount;
        var at = row * slots;
        var gd = G[row] * DesignWeights[row];
        for (var q = 0; q < slots; q++)
        {
            var c = model.ColumnOfSlot[at + q];
            if (c >= 0)
            {
                target[c] += gd * model.ValueOfSlot[at + q];
            }
        }
    }

    /// <summary>B = GramInverse · S for every statistic, where S (p × K, column k contiguous) holds Σ xᵢ zᵢₖ / gᵢ.</summary>
    public double[] Coefficients(double[] crossTotals, int statistics)
    {
        var p = P;
        var b = new double[statistics * p];
        for (var k = 0; k < statistics; k++)
        {
            for (var a = 0; a < p; a++)
            {
                var sum = 0.0;
                for (var c = 0; c < p; c++)
                {
                    sum += GramInverse[(a * p) + c] * crossTotals[(k * p) + c];
                }

                b[(k * p) + a] = sum;
            }
        }

        return b;
    }

    /// <summary>Equilibrated SVD pseudo-inverse: D (D G D)⁺ D with D = diag(1/√Gⱼⱼ).</summary>
    private static double[] PseudoInverse(double[] gram, int p)
    {
        var d = new double[p];
        for (var j = 0; j < p; j++)
        {
            var diagonal = gram[(j * p) + j];
            d[j] = diagonal > 0 ? 1 / Math.Sqrt(diagonal) : 0;
        }

        var scaled = Matrix<double>.Build.Dense(p, p, (r, c) => gram[(r * p) + c] * d[r] * d[c]);
        var svd = scaled.Svd(true);
        var s = svd.S;
        var cutoff = 1e-13 * s[0];
        var inverse = new double[p * p];
        for (var k = 0; k < p; k++)
        {
            if (!(s[k] > cutoff))
            {
                continue;
            }

            for (var r = 0; r < p; r++)
            {
                var left = svd.VT[k, r] / s[k];
                for (var c = 0; c < p; c++)
                {
                    inverse[(r * p) + c] += left * svd.U[c, k] * d[r] * d[c];
                }
            }
        }

        return inverse;
    }
}
