using Barometer.Publishing.Cubes;

namespace Barometer.Web.Dashboard.Tables;

/// <summary>Reads one cell of a cube by the codes of its dimensions (any dimension not named must have one value).</summary>
public sealed class CubeCells
{
    private readonly Cube _cube;
    private readonly Dictionary<string, int> _dimensionIndex;

    public CubeCells(Cube cube)
    {
        _cube = cube ?? throw new ArgumentNullException(nameof(cube));
        _dimensionIndex = [];
        for (var d = 0; d < cube.Dimensions.Count; d++)
        {
            _dimensionIndex[cube.Dimensions[d].Code] = d;
        }
    }

    public Cube Cube => _cube;

    public bool Has(string dimension, string code) =>
        _dimensionIndex.TryGetValue(dimension, out var d) && _cube.Dimensions[d].IndexOf(code) >= 0;

    public IReadOnlyList<CubeValue> Values(string dimension) =>
        _dimensionIndex.TryGetValue(dimension, out var d) ? _cube.Dimensions[d].Values : [];

    /// <summary>The value and status of the cell with these codes; (null, ".") when a code is not in the cube.</summary>
    public CubeCell Get(params (string Dimension, string Code)[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Span<int> indexes = stackalloc int[_cube.Dimensions.Count];
        indexes.Clear();
        foreach (var (dimension, code) in codes)
        {
            if (!_dimensionIndex.TryGetValue(dimension, out var d))
            {
                continue;
            }

            var i = _cube.Dimensions[d].IndexOf(code);
            if (i < 0)
            {
                return new CubeCell(null, ".");
            }

            indexes[d] = i;
        }

        var index = _cube.IndexOf(indexes);
        return new CubeCell(_cube.Values[index], _cube.Status[index]);
    }
}

/// <summary>A cell's value (null when hidden) and its status symbol (null when it has none).</summary>
public readonly record struct CubeCell(double? Value, string? Status)
{
    public bool HasValue => Value is not null;
}
