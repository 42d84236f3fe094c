using System.Globalization;
using Barometer.Catalogue.Expressions;

namespace Barometer.Storage;

/// <summary>
/// A stored cell as a value of the catalogue's expression language, the one conversion used wherever the catalogue's
/// evaluator reads the store (the survey analysis file, register lookups, the fieldwork by group). NULL is missing;
/// text, truth values and every integer and floating type keep their value (integers as numbers). NaN — which an
/// input column may hold only where its codebook says <c>allow_non_finite: true</c> — is missing too, as it is
/// everywhere else in the catalogue's semantics (docs/architecture.md: "division by zero and NaN are missing"), so a
/// NaN cell is never counted as an observed number; ±∞ stay numbers. Anything else is its invariant text.
/// </summary>
public static class StoredValues
{
    public static Value ToValue(object? cell) => cell switch
    {
        null or DBNull => Value.Missing,
        string s => Value.Of(s),
        bool b => Value.Of(b),
        double d => double.IsNaN(d) ? Value.Missing : Value.Of(d),
        float f => float.IsNaN(f) ? Value.Missing : Value.Of(f),
        long l => Value.Of(l),
        int i => Value.Of(i),
        short s16 => Value.Of(s16),
        sbyte s8 => Value.Of(s8),
        byte u8 => Value.Of(u8),
        decimal m => Value.Of((double)m),
        System.Numerics.BigInteger big => Value.Of((double)big),
        _ => Value.Of(Convert.ToString(cell, CultureInfo.InvariantCulture)),
    };
}
