using System.Globalization;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>
/// A cube laid out as a two-dimensional table: the stub dimensions down the side, the heading dimensions across the
/// top (the last of each varies fastest), as PX, CSV, XLSX and HTML show it. Also knows how a cell is shown: its
/// number rounded to the decimals of its contents value, or the status symbol that hides it.
/// </summary>
internal sealed class CubeLayout
{
    private readonly int[] _rowOffsets;
    private readonly int[] _columnOffsets;
    private readonly int[] _decimalsOfCell;
    private readonly Dictionary<string, CubeSymbol> _symbols;

    public CubeLayout(Cube cube)
    {
        Cube = cube;
        var order = cube.Stub.Concat(cube.Heading).ToList();
        if (order.Count != cube.Dimensions.Count || order.Distinct(StringComparer.Ordinal).Count() != order.Count
            || order.Any(code => cube.Dimensions.All(d => d.Code != code)))
        {
            throw new ArgumentException(
                $"stub ({string.Join(",", cube.Stub)}) and heading ({string.Join(",", cube.Heading)}) must list every dimension of cube {cube.TableId} once.",
                nameof(cube));
        }

        var strides = new int[cube.Dimensions.Count];
        var stride = 1;
        for (var i = cube.Dimensions.Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= cube.Dimensions[i].Values.Count;
        }

        Stub = [.. cube.Stub.Select(cube.Dimension)];
        Heading = [.. cube.Heading.Select(cube.Dimension)];
        _rowOffsets = Offsets(Stub, cube, strides);
        _columnOffsets = Offsets(Heading, cube, strides);
        _symbols = cube.Symbols.GroupBy(s => s.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        ContentsIndex = -1;
        for (var i = 0; i < cube.Dimensions.Count; i++)
        {
            if (cube.Dimensions[i].Role == DimensionRole.Contents)
            {
                ContentsIndex = i;
                break;
            }
        }

        _decimalsOfCell = ContentsIndex < 0
            ? []
            : [.. cube.Dimensions[ContentsIndex].Values.Select(v => v.Decimals ?? -1)];
        ContentsStride = ContentsIndex < 0 ? 0 : strides[ContentsIndex];
    }

    public Cube Cube { get; }

    public IReadOnlyList<CubeDimension> Stub { get; }

    public IReadOnlyList<CubeDimension> Heading { get; }

    public int RowCount => _rowOffsets.Length;

    public int ColumnCount => _columnOffsets.Length;

    /// <summary>The position of the contents dimension in <see cref="Cube.Dimensions"/>, or -1.</summary>
    public int ContentsIndex { get; }

    private int ContentsStride { get; }

    /// <summary>The cube's row-major cell index of a table cell.</summary>
    public int CellIndex(int row, int column) => _rowOffsets[row] + _columnOffsets[column];

    /// <summary>The value index of each stub dimension for a row (or heading dimension for a column).</summary>
    public static int[] Positions(IReadOnlyList<CubeDimension> dimensions, int ordinal)
    {
        var positions = new int[dimensions.Count];
        for (var i = dimensions.Count - 1; i >= 0; i--)
        {
            var count = dimensions[i].Values.Count;
            positions[i] = ordinal % count;
            ordinal /= count;
        }

        return positions;
    }

    /// <summary>The decimals of a cell (its contents value's), or null when the cube does not say.</summary>
    public int? Decimals(int cell)
    {
        if (ContentsIndex < 0)
        {
            return null;
        }

        var decimals = _decimalsOfCell[cell / ContentsStride % _decimalsOfCell.Length];
        return decimals < 0 ? null : decimals;
    }

    /// <summary>The largest decimals of any contents value (0 when none says).</summary>
    public int MaxDecimals => _decimalsOfCell.Length == 0 ? 0 : Math.Max(0, _decimalsOfCell.Max());

    /// <summary>The symbol of the cell's status, or null when it has none. A status the cube does not explain hides the value when the value is null.</summary>
    public CubeSymbol? Symbol(int cell)
    {
        var status = Cube.Status[cell];
        if (status is null)
        {
            return null;
        }

        return _symbols.TryGetValue(status, out var symbol)
            ? symbol
            : new CubeSymbol(status, new LocalizedText(status, status), Cube.Values[cell] is null);
    }

    /// <summary>
    /// Whether the cell shows its symbol instead of a number: its status hides the value, or it has no value at all.
    /// </summary>
    public bool ShowsSymbol(int cell, out string text)
    {
        var symbol = Symbol(cell);
        if (Cube.Values[cell] is null || (symbol is not null && symbol.HidesValue))
        {
            text = symbol?.Symbol ?? "..";
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>The cell's number in invariant culture, rounded to its decimals when known.</summary>
    public string FormatNumber(int cell)
    {
        var value = Cube.Values[cell]!.Value;
        var decimals = Decimals(cell);
        return decimals is { } d
            ? Math.Round(value, d, MidpointRounding.AwayFromZero).ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The cell as shown: the symbol or the formatted number.</summary>
    public string FormatCell(int cell) => ShowsSymbol(cell, out var symbol) ? symbol : FormatNumber(cell);

    /// <summary>A value as <paramref name="labels"/> asks: its code, its label, or "code label".</summary>
    public static string ValueText(CubeValue value, CsvLabels labels, Language language) => labels switch
    {
        CsvLabels.Code => value.Code,
        CsvLabels.Text => value.Label[language],
        _ => $"{value.Code} {value.Label[language]}",
    };

    /// <summary>The symbols that occur in the cube's cells, in the order the cube explains them.</summary>
    public IReadOnlyList<CubeSymbol> UsedSymbols()
    {
        var used = new HashSet<string>(Cube.Status.Where(s => s is not null)!, StringComparer.Ordinal);
        var explained = Cube.Symbols.Where(s => used.Contains(s.Symbol)).ToList();
        foreach (var unexplained in used.Where(s => !_symbols.ContainsKey(s)).Order(StringComparer.Ordinal))
        {
            explained.Add(new CubeSymbol(unexplained, new LocalizedText(unexplained, unexplained), HidesValue: true));
        }

        return explained;
    }

    private static int[] Offsets(IReadOnlyList<CubeDimension> dimensions, Cube cube, int[] strides)
    {
        var count = dimensions.Aggregate(1, (n, d) => n * d.Values.Count);
        var offsets = new int[count];
        var dimensionStrides = dimensions.Select(d => strides[IndexOf(cube, d)]).ToArray();
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            var positions = Positions(dimensions, ordinal);
            var offset = 0;
            for (var i = 0; i < positions.Length; i++)
            {
                offset += positions[i] * dimensionStrides[i];
            }

            offsets[ordinal] = offset;
        }

        return offsets;
    }

    private static int IndexOf(Cube cube, CubeDimension dimension)
    {
        for (var i = 0; i < cube.Dimensions.Count; i++)
        {
            if (ReferenceEquals(cube.Dimensions[i], dimension))
            {
                return i;
            }
        }

        return -1;
    }
}
