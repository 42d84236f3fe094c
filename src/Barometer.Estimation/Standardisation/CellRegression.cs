using MathNet.Numerics.LinearAlgebra;

namespace Barometer.Estimation.Standardisation;

/// <summary>
/// The persons of one cell of a regression on categorical covariates: the cell's level of each covariate, and the
/// count, Σ y and Σ y² of its persons.
/// </summary>
public readonly record struct RegressionCell(IReadOnlyList<string> Levels, long Persons, double Sum, double SumOfSquares);

/// <summary>The fit of <see cref="CellRegression"/>: the fitted value of every cell (in input order), the residual variance and the rank.</summary>
public sealed record CellRegressionFit(double[] Fitted, double ResidualVariance, int Rank, long Persons);

/// <summary>
/// Ordinary least squares of a value on the main effects of categorical covariates (an intercept and a dummy per
/// level but the first of each covariate), computed from cell totals: the persons of a cell share their covariates,
/// so X'X = Σ_c n_c x_c x_c', X'y = Σ_c x_c Σ y and RSS = Σ_c (Σ y² − 2 f_c Σ y + n_c f_c²) give the same fit as the
/// person-level regression (R's <c>lm(y ~ a + b + …)</c>). Collinear covariates (e.g. a level of one that only occurs
/// with a level of another) are handled as <c>lm</c> does: the fitted values are the projection onto the column space,
/// computed by the SVD's pseudo-inverse, and the residual variance divides by N − rank. Used for the catalogue's
/// <c>expected:</c> models (docs/methodology/expected-versus-actual.md).
/// </summary>
public static class CellRegression
{
    /// <summary>Fits the regression to the cells; throws an <see cref="ArgumentException"/> for no cells, an empty cell, or cells of different covariates.</summary>
    public static CellRegressionFit Fit(IReadOnlyList<RegressionCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            throw new ArgumentException("the regression needs at least one cell with persons.", nameof(cells));
        }

        var covariates = cells[0].Levels.Count;
        if (cells.Any(c => c.Levels.Count != covariates || c.Persons < 1 || !double.IsFinite(c.Sum) || !double.IsFinite(c.SumOfSquares)))
        {
            throw new ArgumentException("every cell needs the same number of covariate levels, at least one person and finite sums.", nameof(cells));
        }

        // Dummy columns: the levels of each covariate in ordinal order, the first one the reference.
        var columns = new List<(int Covariate, string Level)>();
        for (var k = 0; k < covariates; k++)
        {
            var at = k;
            columns.AddRange(cells.Select(c => c.Levels[at]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Skip(1).Select(level => (at, level)));
        }

        var p = 1 + columns.Count;
        var rows = cells.Select(c =>
        {
            var x = new double[p];
            x[0] = 1;
            for (var j = 0; j < columns.Count; j++)
            {
                x[j + 1] = string.Equals(c.Levels[columns[j].Covariate], columns[j].Level, StringComparison.Ordinal) ? 1 : 0;
            }

            return x;
        }).ToArray();
        var xtx = Matrix<double>.Build.Dense(p, p);
        var xty = Vector<double>.Build.Dense(p);
        long persons = 0;
        for (var c = 0; c < cells.Count; c++)
        {
            var n = cells[c].Persons;
            persons += n;
            for (var i = 0; i < p; i++)
            {
                if (rows[c][i] == 0)
                {
                    continue;
                }

                xty[i] += rows[c][i] * cells[c].Sum;
                for (var j = 0; j < p; j++)
                {
                    xtx[i, j] += n * rows[c][i] * rows[c][j];
                }
            }
        }

        // The pseudo-inverse through the SVD of the symmetric X'X: singular values below a relative tolerance are zero.
        var svd = xtx.Svd(computeVectors: true);
        var tolerance = svd.S[0] * p * 1e-12;
        var rank = svd.S.Count(s => s > tolerance);
        var inverse = Vector<double>.Build.Dense(p, i => svd.S[i] > tolerance ? 1 / svd.S[i] : 0);
        var beta = svd.VT.Transpose() * Matrix<double>.Build.DenseOfDiagonalVector(inverse) * svd.U.Transpose() * xty;

        var fitted = new double[cells.Count];
        var rss = 0.0;
        for (var c = 0; c < cells.Count; c++)
        {
            var f = 0.0;
            for (var i = 0; i < p; i++)
            {
                f += rows[c][i] * beta[i];
            }

            fitted[c] = f;
            rss += cells[c].SumOfSquares - (2 * f * cells[c].Sum) + (cells[c].Persons * f * f);
        }

        var residual = persons > rank ? Math.Max(0, rss) / (persons - rank) : double.NaN;
        return new CellRegressionFit(fitted, residual, rank, persons);
    }
}
