using System.Collections.Concurrent;
using Barometer.Catalogue.Evaluation;

namespace Barometer.Catalogue.Tests.Evaluation;

public class RawValueMemoTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(255, 8)]
    [InlineData(256, 9)]
    [InlineData(int.MaxValue, 31)]
    public void BitsFor_CodesUpToMax_Fit(int maxCode, int bits) => Assert.Equal(bits, RawValueMemo.BitsFor(maxCode));

    [Fact]
    public void NarrowKey_IsTabledAndRemembersEachCombination()
    {
        var memo = new RawValueMemo<string>([3, 5]);
        var calls = 0;

        string Get(int a, int b)
        {
            var key = memo.Append(memo.Append(0, 0, a), 1, b);
            if (memo.TryGet(key, out var known))
            {
                return known;
            }

            calls++;
            return memo.Remember(key, $"{a}/{b}");
        }

        Assert.True(memo.Memoisable);
        Assert.True(memo.Tabled);
        Assert.Equal([2, 3], memo.Bits);
        Assert.Equal("1/2", Get(1, 2));
        Assert.Equal("2/1", Get(2, 1));
        Assert.Equal("1/2", Get(1, 2));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void WideKey_UsesADictionaryOrTheSharedCache()
    {
        var shared = new ConcurrentDictionary<UInt128, int>();
        var first = new RawValueMemo<int>([(1 << 30) - 1], shared);
        var second = new RawValueMemo<int>([(1 << 30) - 1], shared);
        var alone = new RawValueMemo<int>([(1 << 30) - 1]);
        var key = first.Append(0, 0, 123_456);

        Assert.False(first.Tabled);
        first.Remember(key, 7);
        alone.Remember(key, 8);

        Assert.True(second.TryGet(key, out var found));
        Assert.Equal(7, found);
        Assert.True(alone.TryGet(key, out var own));
        Assert.Equal(8, own);
        Assert.False(alone.TryGet(alone.Append(0, 0, 1), out _));
    }

    [Fact]
    public void NotDiscreteOrTooWide_IsNotMemoisable()
    {
        Assert.False(new RawValueMemo<int>([3, -1]).Memoisable);
        Assert.False(new RawValueMemo<int>(Enumerable.Repeat((1 << 30) - 1, 5)).Memoisable);
        Assert.True(new RawValueMemo<int>(Enumerable.Repeat((1 << 30) - 1, 4)).Memoisable);
        Assert.True(new RawValueMemo<int>([]).Tabled);
    }
}
