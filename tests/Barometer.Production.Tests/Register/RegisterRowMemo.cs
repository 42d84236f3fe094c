using Barometer.Catalogue.Evaluation;
using Barometer.Catalogue.Expressions;

namespace Barometer.Production.Tests.Register;

/// <summary>
/// The catalogue's <see cref="RawValueMemo{T}"/> over rows of raw register values: each column's values get codes in
/// the order they are first seen, and the codes of a row's dependency columns make its key. A row whose code does not
/// fit the bits its column has (a continuous amount with very many values) is computed without the memo, so results
/// are the same either way.
/// </summary>
internal sealed class RegisterRowMemo<T>
{
    private readonly int[] _columns;
    private readonly Dictionary<Value, int>[] _codes;
    private readonly int _maxCode;
    private readonly RawValueMemo<T> _memo;

    public RegisterRowMemo(IReadOnlyList<int> columns)
    {
        _columns = [.. columns];
        _codes = _columns.Select(_ => new Dictionary<Value, int>()).ToArray();
        var bits = Math.Min(30, 128 / Math.Max(1, _columns.Length));
        _maxCode = (1 << bits) - 1;
        _memo = new RawValueMemo<T>(_columns.Select(_ => _maxCode));
    }

    public T Get(Value[] row, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(compute);
        UInt128 key = 0;
        for (var k = 0; k < _columns.Length; k++)
        {
            var value = row[_columns[k]];
            if (!_codes[k].TryGetValue(value, out var code))
            {
                code = _codes[k].Count + 1;
                if (code > _maxCode)
                {
                    return compute();
                }

                _codes[k][value] = code;
            }

            key = _memo.Append(key, k, code);
        }

        return _memo.TryGet(key, out var known) ? known : _memo.Remember(key, compute());
    }
}
