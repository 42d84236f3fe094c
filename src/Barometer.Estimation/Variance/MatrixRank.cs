namespace Barometer.Estimation.Variance;

/// <summary>
/// The numerical rank R's <c>qr(X, tol = 1e-5)$rank</c> reports (LINPACK <c>dqrdc2</c>: columns taken in order, a
/// column dropped when its norm after removing the kept columns falls below tol times its original norm), computed
/// from the cross-product matrix XᵀX by a Cholesky factorisation that skips such columns.
/// </summary>
internal static class MatrixRank
{
    public const double Tolerance = 1e-5;

    /// <summary>The rank of X given XᵀX (row-major, m × m).</summary>
    public static int FromCrossProduct(double[] gram, int m)
    {
        ArgumentNullException.ThrowIfNull(gram);
        var l = new double[m * m];
        var kept = new List<int>();
        var tolerance2 = Tolerance * Tolerance;
        for (var j = 0; j < m; j++)
        {
            var original = gram[(j * m) + j];
            if (!(original > 0))
            {
                continue;
            }

            var residual = original;
            foreach (var c in kept)
            {
                var sum = gram[(j * m) + c];
                foreach (var e in kept)
                {
                    if (e == c)
                    {
                        break;
                    }

                    sum -= l[(j * m) + e] * l[(c * m) + e];
                }

                var value = sum / l[(c * m) + c];
                l[(j * m) + c] = value;
                residual -= value * value;
            }

            if (residual > tolerance2 * original)
            {
                l[(j * m) + j] = Math.Sqrt(residual);
                kept.Add(j);
            }
        }

        return kept.Count;
    }
}
