using Barometer.Estimation.Calibration;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Calibration;

public class DistanceFunctionTests
{
    public static TheoryData<CalibrationMethod, double, double> Functions() => new()
    {
        { CalibrationMethod.Linear, double.NegativeInfinity, double.PositiveInfinity },
        { CalibrationMethod.Raking, double.NegativeInfinity, double.PositiveInfinity },
        { CalibrationMethod.Logit, 0.5, 2.5 },
        { CalibrationMethod.Linear, 0.7, 1.6 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Fm1_AtZero_GivesWeightOne(CalibrationMethod method, double lower, double upper)
    {
        var f = DistanceFunction.Create(method, double.IsInfinity(lower) ? null : new GWeightBounds(lower, upper));
        Assert.Equal(0.0, f.Fm1(0), 14);
        Assert.Equal(1.0, f.DF(0), 12);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void DF_InsideBounds_IsDerivativeOfFm1(CalibrationMethod method, double lower, double upper)
    {
        var f = DistanceFunction.Create(method, double.IsInfinity(lower) ? null : new GWeightBounds(lower, upper));
        foreach (var u in new[] { -0.2, 0.05, 0.3 })
        {
            const double h = 1e-6;
            var numeric = (f.Fm1(u + h) - f.Fm1(u - h)) / (2 * h);
            Assert.Equal(numeric, f.DF(u), 6);
        }
    }

    [Fact]
    public void Fm1_Logit_StaysStrictlyInsideBounds()
    {
        var f = DistanceFunction.Create(CalibrationMethod.Logit, new GWeightBounds(0.6, 1.8));
        foreach (var u in new[] { -5.0, -1, 0, 1, 5 })
        {
            var g = 1 + f.Fm1(u);
            Assert.True(g > 0.6 && g < 1.8, $"g({u}) = {g}");
        }
    }
}
