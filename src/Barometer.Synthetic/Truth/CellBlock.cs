using System.Runtime.InteropServices;
using Barometer.Catalogue.Evaluation;

namespace Barometer.Synthetic.Truth;

/// <summary>
/// Sums of persons by fine cell for one block of breakdown variables: a cell is the crossing of the block's
/// breakdown codes, the side of every comparison and the sex. Each person is added to one cell per block and
/// indicator, and every cell is spread over the published slots once (<see cref="Expand"/>) instead of every
/// person over every slot. Breakdowns are split into blocks so that no block crosses so many variables that nearly
/// every person has a cell of their own. Not thread-safe: one instance per worker.
/// </summary>
internal sealed class CellBlock
{
    /// <summary>A block's possible cells (codes × sides × sex) are kept below this many.</summary>
    public const long MaximumCombinations = 1L << 20;

    private readonly int[] _breakdowns;
    private readonly int[] _bits;
    private readonly int _comparisons;
    private readonly int _indicators;
    private readonly Dictionary<UInt128, int> _cells = [];
    private readonly List<int> _cellCodes = [];
    private long[] _numerator = [];
    private long[] _denominator = [];
    private long[] _persons = [];

    /// <param name="breakdowns">The plan's breakdown variables (by index) crossed in this block.</param>
    /// <param name="codeCounts">The number of codes of every plan breakdown variable.</param>
    /// <param name="comparisons">The number of the plan's comparisons.</param>
    /// <param name="indicators">The number of indicators summed.</param>
    public CellBlock(int[] breakdowns, IReadOnlyList<int> codeCounts, int comparisons, int indicators)
    {
        _breakdowns = breakdowns;
        _bits = breakdowns.Select(b => RawValueMemo.BitsFor(codeCounts[b])).ToArray();
        _comparisons = comparisons;
        _indicators = indicators;
        if (2 + _bits.Sum() + (2 * comparisons) > 128)
        {
            throw new InvalidOperationException("a block of breakdowns does not fit a 128-bit cell key");
        }
    }

    /// <summary>
    /// Splits the plan's breakdown variables, in order, into blocks whose possible cells stay below
    /// <see cref="MaximumCombinations"/>.
    /// </summary>
    public static List<int[]> Partition(IReadOnlyList<int> codeCounts, int comparisons)
    {
        var sidesAndSex = 4 * (long)Math.Pow(3, comparisons);
        var blocks = new List<int[]>();
        var current = new List<int>();
        var product = sidesAndSex;
        for (var b = 0; b < codeCounts.Count; b++)
        {
            var size = codeCounts[b] + 1L;
            if (current.Count > 0 && product * size > MaximumCombinations)
            {
                blocks.Add([.. current]);
                current.Clear();
                product = sidesAndSex;
            }

            current.Add(b);
            product *= size;
        }

        blocks.Add([.. current]);
        return blocks;
    }

    /// <summary>The person's cell, from the code of every plan breakdown (-1 = missing), every side and the sex.</summary>
    public int Cell(ReadOnlySpan<int> codes, ReadOnlySpan<int> sides, int sexIndex)
    {
        UInt128 key = (uint)(sexIndex + 1);
        for (var k = 0; k < _breakdowns.Length; k++)
        {
            key = (key << _bits[k]) | (uint)(codes[_breakdowns[k]] + 1);
        }

        for (var c = 0; c < sides.Length; c++)
        {
            key = (key << 2) | (uint)sides[c];
        }

        if (_cells.TryGetValue(key, out var cell))
        {
            return cell;
        }

        cell = _cells.Count;
        _cells[key] = cell;
        foreach (var b in _breakdowns)
        {
            _cellCodes.Add(codes[b]);
        }

        _cellCodes.AddRange(sides);
        _cellCodes.Add(sexIndex);
        var needed = _cells.Count * _indicators;
        if (needed > _persons.Length)
        {
            var size = Math.Max(needed, _persons.Length * 2);
            Array.Resize(ref _numerator, size);
            Array.Resize(ref _denominator, size);
            Array.Resize(ref _persons, size);
        }

        return cell;
    }

    /// <summary>Adds one person's contribution to indicator <paramref name="indicator"/> in a cell.</summary>
    public void Add(int cell, int indicator, long numerator, long denominator)
    {
        var at = (cell * _indicators) + indicator;
        _numerator[at] += numerator;
        _denominator[at] += denominator;
        _persons[at]++;
    }

    /// <summary>
    /// Calls <paramref name="spread"/> for every cell and indicator with persons: the cell's codes of this block's
    /// breakdowns, the sides, the sex index and the sums.
    /// </summary>
    public void Expand(CellVisitor spread)
    {
        var stride = _breakdowns.Length + _comparisons + 1;
        var codes = CollectionsMarshal.AsSpan(_cellCodes);
        for (var cell = 0; cell < _cells.Count; cell++)
        {
            var cellCodes = codes.Slice(cell * stride, stride);
            for (var n = 0; n < _indicators; n++)
            {
                var at = (cell * _indicators) + n;
                if (_persons[at] > 0)
                {
                    spread(n, cellCodes[.._breakdowns.Length], cellCodes.Slice(_breakdowns.Length, _comparisons), cellCodes[^1], _numerator[at], _denominator[at], _persons[at]);
                }
            }
        }
    }

    /// <summary>Receives one cell's sums for one indicator.</summary>
    public delegate void CellVisitor(int indicator, ReadOnlySpan<int> codes, ReadOnlySpan<int> sides, int sexIndex, long numerator, long denominator, long persons);
}
