using Barometer.Estimation.Variance;

namespace Barometer.Estimation.Tests.Variance;

public class MatrixRankTests
{
    [Fact]
    public void Dqrdc2_IndependentColumns_FullRank()
    {
        double[] x = [1, 0, 0, 1, 1, 0, 1, 1, 1]; // 3 × 3, column-major
        Assert.Equal(3, MatrixRank.Dqrdc2(x, 3, 3));
    }

    [Fact]
    public void Dqrdc2_ColumnSumOfOthers_DropsIt()
    {
        double[] x = [1, 2, 3, 4, 0, 1, 0, 1, 1, 3, 3, 5]; // third column = first + second
        Assert.Equal(2, MatrixRank.Dqrdc2(x, 4, 3));
    }

    [Fact]
    public void Dqrdc2_DifferenceBelowTolerance_CountsAsDependent()
    {
        // R: qr(cbind(c(1,2,3), c(1,2,3+1e-6)), tol = 1e-5)$rank is 1; with 1e-3 it is 2.
        double[] nearly = [1, 2, 3, 1, 2, 3 + 1e-6];
        double[] apart = [1, 2, 3, 1, 2, 3 + 1e-3];
        Assert.Equal(1, MatrixRank.Dqrdc2(nearly, 3, 2));
        Assert.Equal(2, MatrixRank.Dqrdc2(apart, 3, 2));
    }

    [Fact]
    public void Dqrdc2_MoreColumnsThanRows_RankAtMostRows()
    {
        var random = new Random(7);
        var x = Enumerable.Range(0, 2 * 5).Select(_ => random.NextDouble()).ToArray();
        Assert.Equal(2, MatrixRank.Dqrdc2(x, 2, 5));
    }
}
