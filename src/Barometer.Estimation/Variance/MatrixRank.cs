using System.Runtime.CompilerServices;
namespace Barometer.Estimation.Variance;

/// <summary>
/// The numerical rank R reports as <c>qr(X, tol = 1e-5)$rank</c>: LINPACK's <c>dqrdc2</c> as modified for R, a
/// Householder QR that takes columns left to right and moves a column to the end when its norm, after removing the
/// columns already taken, falls below tol times its original norm ("limited pivoting"). Replayed step by step,
/// because near-collinear replicate weights make any shortcut (e.g. via XᵀX) decide differently.
/// </summary>
internal static class MatrixRank
{
    public const double Tolerance = 1e-5;

    /// <summary>The rank of the n × p matrix <paramref name="x"/> (column-major; overwritten).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Dqrdc2(double[] x, int n, int p, double tol = Tolerance)
    {
        ArgumentNullException.ThrowIfNull(x);
        var qraux = new double[p];
        var work1 = new double[p];
        var work2 = new double[p];
        var order = new int[p];
        for (var j = 0; j < p; j++)
        {
            order[j] = j;
            var norm = Norm(x.AsSpan(j * n, n));
            qraux[j] = norm;
            work1[j] = norm;
            work2[j] = norm == 0 ? 1 : norm;
        }

        // Columns are addressed through `order` so moving one to the end is a permutation, not a copy.
        var lup = Math.Min(n, p);
        var k = p + 1;
        for (var l = 0; l < lup; l++)
        {
            while (l + 1 < k && qraux[l] < work2[l] * tol)
            {
                var moved = order[l];
                var (q, w1, w2) = (qraux[l], work1[l], work2[l]);
                for (var j = l + 1; j < p; j++)
                {
                    order[j - 1] = order[j];
                    qraux[j - 1] = qraux[j];
                    work1[j - 1] = work1[j];
                    work2[j - 1] = work2[j];
                }

                order[p - 1] = moved;
                qraux[p - 1] = q;
                work1[p - 1] = w1;
                work2[p - 1] = w2;
                k--;
            }

            if (l == n - 1)
            {
                break;
            }

            var cl = x.AsSpan((order[l] * n) + l, n - l);
            var nrmxl = Norm(cl);
            if (nrmxl == 0)
            {
                continue;
            }

            if (cl[0] != 0)
            {
                nrmxl = Math.CopySign(nrmxl, cl[0]);
            }

            var inverse = 1 / nrmxl;
            for (var i = 0; i < cl.Length; i++)
            {
                cl[i] *= inverse;
            }

            cl[0] += 1;
            for (var j = l + 1; j < p; j++)
            {
                var cj = x.AsSpan((order[j] * n) + l, n - l);
                var t = -Dot(cl, cj) / cl[0];
                for (var i = 0; i < cj.Length; i++)
                {
                    cj[i] += t * cl[i];
                }

                if (qraux[j] == 0)
                {
                    continue;
                }

                var ratio = Math.Abs(cj[0]) / qraux[j];
                var tt = Math.Max(1 - (ratio * ratio), 0);
                if (Math.Abs(tt) < 1e-6)
                {
                    qraux[j] = Norm(cj[1..]);
                    work1[j] = qraux[j];
                }
                else
                {
                    qraux[j] *= Math.Sqrt(tt);
                }
            }

            qraux[l] = cl[0];
            cl[0] = -nrmxl;
        }

        return Math.Min(k - 1, n);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The Euclidean norm with scaling, as BLAS <c>dnrm2</c>, so large weights do not overflow.</summary>
    private static double Norm(ReadOnlySpan<double> v)
    {
        var scale = 0.0;
        var ssq = 1.0;
        foreach (var value in v)
        {
            if (value == 0)
            {
                continue;
            }

            var absolute = Math.Abs(value);
            if (scale < absolute)
            {
                ssq = 1 + (ssq * (scale / absolute) * (scale / absolute));
                scale = absolute;
            }
            else
            {
                ssq += (absolute / scale) * (absolute / scale);
            }
        }

        return scale * Math.Sqrt(ssq);
    }
}
