using Barometer.Catalogue.Expressions;

namespace Barometer.Production.Variables;

/// <summary>
/// Remembers a result computed from a few raw columns of a row, keyed on those columns' values, so that a catalogue
/// formula is evaluated once per distinct combination (a few hundred for most) instead of once per person. When a
/// memo grows past <see cref="Capacity"/> (a continuous input such as income) it stops remembering and computes every
/// time, so memory stays bounded; results are the same either way.
/// </summary>
public sealed class RawValueMemo<T>(IReadOnlyList<int> columns)
{
    public const int Capacity = 200_000;

    private readonly int[] _columns = [.. columns];
    private readonly Dictionary<ulong, (Value[] Key, T Result)> _known = [];
    private bool _full;

    public T Get(Value[] row, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(compute);
        var hash = 1469598103934665603UL;
        foreach (var c in _columns)
        {
            hash = (hash ^ (uint)row[c].GetHashCode()) * 1099511628211UL;
            hash ^= hash >> 29;
        }

        if (_known.TryGetValue(hash, out var entry) && Same(entry.Key, row))
        {
            return entry.Result;
        }

        var result = compute();
        if (!_full && !_known.ContainsKey(hash))
        {
            var key = new Value[_columns.Length];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = row[_columns[i]];
            }

            _known[hash] = (key, result);
            _full = _known.Count >= Capacity;
        }

        return result;
    }

    private bool Same(Value[] key, Value[] row)
    {
        for (var i = 0; i < key.Length; i++)
        {
            if (!key[i].Equals(row[_columns[i]]))
            {
                return false;
            }
        }

        return true;
    }
}
