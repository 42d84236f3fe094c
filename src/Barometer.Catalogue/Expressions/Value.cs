using System.Globalization;

namespace Barometer.Catalogue.Expressions;

/// <summary>What a value is: missing, a number, a text code or a truth value.</summary>
public enum ValueKind
{
    /// <summary>No value: not asked, not answered, "don't know" after recoding, or not applicable.</summary>
    Missing = 0,

    /// <summary>A number (survey answer codes are numbers too).</summary>
    Number,

    /// <summary>A text code of a classification, e.g. kön "1" or kommun "0180".</summary>
    Text,

    /// <summary>A truth value.</summary>
    Boolean,
}

/// <summary>One value of a variable for one person, as the expression language sees it.</summary>
public readonly record struct Value
{
    private readonly double _number;
    private readonly string? _text;
    private readonly bool _boolean;

    private Value(ValueKind kind, double number, string? text, bool boolean)
    {
        Kind = kind;
        _number = number;
        _text = text;
        _boolean = boolean;
    }

    /// <summary>The missing value.</summary>
    public static Value Missing => default;

    public ValueKind Kind { get; }

    public bool IsMissing => Kind == ValueKind.Missing;

    /// <summary>The number; throws when the value is not a number.</summary>
    public double Number => Kind == ValueKind.Number ? _number : throw Mismatch(ValueKind.Number);

    /// <summary>The text code; throws when the value is not text.</summary>
    public string Text => Kind == ValueKind.Text ? _text! : throw Mismatch(ValueKind.Text);

    /// <summary>The truth value; throws when the value is not a truth value.</summary>
    public bool Boolean => Kind == ValueKind.Boolean ? _boolean : throw Mismatch(ValueKind.Boolean);

    public static Value Of(double number) =>
        double.IsNaN(number) ? Missing : new Value(ValueKind.Number, number, null, false);

    public static Value Of(string? text) => text is null ? Missing : new Value(ValueKind.Text, 0, text, false);

    public static Value Of(bool boolean) => new(ValueKind.Boolean, 0, null, boolean);

    public override string ToString() => Kind switch
    {
        ValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Text => _text!,
        ValueKind.Boolean => _boolean ? "true" : "false",
        _ => "missing",
    };

    private InvalidOperationException Mismatch(ValueKind wanted) =>
        new($"the value is {Kind.ToString().ToLowerInvariant()}, not {wanted.ToString().ToLowerInvariant()}");
}
