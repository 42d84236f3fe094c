using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Barometer.Catalogue.Evaluation;

/// <summary>The packing rule of <see cref="RawValueMemo{T}"/>'s keys.</summary>
public static class RawValueMemo
{
    /// <summary>Keys of at most this many bits index a flat table instead of a dictionary.</summary>
    public const int TableBits = 16;

    /// <summary>The number of bits a packed key needs for codes 0..<paramref name="maxCode"/>.</summary>
    public static int BitsFor(int maxCode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCode);
        return Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)maxCode));
    }
}

/// <summary>
/// Remembers what catalogue formulas give for each distinct combination of the raw values they depend on (see
/// <see cref="Variables.RawDependencies"/>), so that the catalogue's evaluator runs once per combination (a few
/// hundred for most formulas) instead of once per person. The caller encodes each raw value as a small whole number
/// (0 to the dependency's largest code) and packs the codes into one key with <see cref="Append"/>; a key of at most
/// <see cref="RawValueMemo.TableBits"/> bits indexes a flat table, a wider one a dictionary. When a dependency is not
/// discrete (an amount) or the key would not fit 128 bits, nothing is memoised and the caller evaluates every time.
/// A result depends only on its key, so results are the same with or without the memo. Not thread-safe, except for
/// the optional shared cache.
/// </summary>
/// <typeparam name="T">The remembered result.</typeparam>
public sealed class RawValueMemo<T>
{
    private readonly int[] _bits;
    private readonly Dictionary<UInt128, T> _known = [];
    private readonly T[]? _table;
    private readonly bool[]? _tabled;
    private readonly ConcurrentDictionary<UInt128, T>? _shared;

    /// <param name="maxCodes">The largest code of each dependency in key order, or -1 for one that is not discrete.</param>
    /// <param name="shared">
    /// A cache shared with other memos of the same formulas and dependencies (other threads, other waves), used when
    /// the key is too wide for a flat table; the results depend only on the key, so sharing is safe.
    /// </param>
    public RawValueMemo(IEnumerable<int> maxCodes, ConcurrentDictionary<UInt128, T>? shared = null)
    {
        ArgumentNullException.ThrowIfNull(maxCodes);
        _bits = maxCodes.Select(m => m < 0 ? -1 : RawValueMemo.BitsFor(m)).ToArray();
        Memoisable = _bits.All(b => b > 0) && _bits.Sum() <= 128;
        if (Memoisable && _bits.Sum() <= RawValueMemo.TableBits)
        {
            _table = new T[1 << _bits.Sum()];
            _tabled = new bool[_table.Length];
        }

        _shared = shared;
    }

    /// <summary>Whether results are memoised (every dependency discrete and the packed key fits 128 bits).</summary>
    public bool Memoisable { get; }

    /// <summary>Whether the key is narrow enough for a flat table (every distinct key is then cheap to hold).</summary>
    public bool Tabled => _table is not null;

    /// <summary>The bits of each dependency in a packed key (-1 for a dependency that is not discrete).</summary>
    public IReadOnlyList<int> Bits => _bits;

    /// <summary>The key so far with the code of dependency <paramref name="dependency"/> appended (start from 0).</summary>
    public UInt128 Append(UInt128 key, int dependency, int code) => (key << _bits[dependency]) | (uint)code;

    /// <summary>The remembered result for <paramref name="key"/>, if any.</summary>
    public bool TryGet(UInt128 key, [MaybeNullWhen(false)] out T result)
    {
        if (_table is not null)
        {
            result = _table[(int)key];
            return _tabled![(int)key];
        }

        return _shared is not null ? _shared.TryGetValue(key, out result) : _known.TryGetValue(key, out result);
    }

    /// <summary>Remembers <paramref name="result"/> for <paramref name="key"/> and returns it.</summary>
    public T Remember(UInt128 key, T result)
    {
        if (_table is not null)
        {
            _table[(int)key] = result;
            _tabled![(int)key] = true;
        }
        else if (_shared is not null)
        {
            _shared.TryAdd(key, result);
        }
        else
        {
            _known[key] = result;
        }

        return result;
    }
}
