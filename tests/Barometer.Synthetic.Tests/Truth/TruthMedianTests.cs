using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic.Tests.Truth;

public class TruthMedianTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 1000)]
    [InlineData(17, 5)]
    [InlineData(18, 5)]
    [InlineData(1001, 1_000_000)]
    [InlineData(5000, 3)]
    [InlineData(5001, 1_000_000_000)]
    public void Median_RandomValues_EqualsTheMiddleOfTheSortedValues(int count, int range)
    {
        var random = new Random(count + range);
        for (var trial = 0; trial < 20; trial++)
        {
            var values = Enumerable.Range(0, count).Select(_ => (long)random.Next(-range, range)).ToArray();
            var sorted = values.Order().ToArray();
            var expected = count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[(count / 2) - 1] + sorted[count / 2]);

            var actual = TruthCalculator.Median(values);

            // Both are the same long (or half of the same sum of two longs): exact.
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Median_SortedAndReversedInput_EqualsTheMiddleValue()
    {
        var ascending = Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray();
        var descending = ascending.Reverse().ToArray();

        Assert.Equal(4999.5, TruthCalculator.Median(ascending));
        Assert.Equal(4999.5, TruthCalculator.Median(descending));
    }
}
