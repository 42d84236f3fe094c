namespace Barometer.Catalogue.Expressions;

/// <summary>A stretch of an expression's source text (offsets in characters).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan Cover(TextSpan first, TextSpan last) => new(first.Start, last.End - first.Start);
}

/// <summary>A node of a parsed expression. See docs/catalogue.md for the language.</summary>
public abstract record Expression(TextSpan Span);

public sealed record NumberLiteral(double Value, TextSpan Span) : Expression(Span);

public sealed record TextLiteral(string Value, TextSpan Span) : Expression(Span);

public sealed record BooleanLiteral(bool Value, TextSpan Span) : Expression(Span);

public sealed record VariableReference(string Name, TextSpan Span) : Expression(Span);

public enum UnaryOperator
{
    Not,
    Negate,
}

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand, TextSpan Span) : Expression(Span);

public enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

public sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right, TextSpan Span)
    : Expression(Span);

/// <summary>One entry of an <c>in [...]</c> list: a literal, or a closed numeric range <c>a..b</c> when <see cref="UpTo"/> is set.</summary>
public sealed record MembershipItem(Value Value, double? UpTo, TextSpan Span)
{
    public bool Contains(Value value)
    {
        if (UpTo is { } upTo)
        {
            return value.Kind == ValueKind.Number && value.Number >= Value.Number && value.Number <= upTo;
        }

        return value == Value;
    }
}

/// <summary><c>x in [a, b, c..d]</c>, or <c>x not in [...]</c> when <see cref="Negated"/>.</summary>
public sealed record MembershipExpression(Expression Operand, IReadOnlyList<MembershipItem> Items, bool Negated, TextSpan Span)
    : Expression(Span);

/// <summary>A call of one of the built-in functions (see <see cref="Functions"/>).</summary>
public sealed record FunctionCall(string Name, IReadOnlyList<Expression> Arguments, TextSpan Span) : Expression(Span);

/// <summary>Stands in for text that did not parse; a catalogue holding one is never handed out.</summary>
internal sealed record InvalidExpression(TextSpan Span) : Expression(Span);

/// <summary>The built-in functions of the expression language.</summary>
public static class Functions
{
    /// <summary><c>missing(x)</c>: true when the variable has no value; never missing itself.</summary>
    public const string IsMissing = "missing";

    /// <summary><c>mean(a, b, ...)</c>: the mean, missing when any argument is missing.</summary>
    public const string Mean = "mean";

    /// <summary><c>mean_of_answered(k, a, b, ...)</c>: the mean of the non-missing arguments when at least k are present.</summary>
    public const string MeanOfAnswered = "mean_of_answered";

    /// <summary><c>sum(a, b, ...)</c>: the sum, missing when any argument is missing.</summary>
    public const string Sum = "sum";

    /// <summary><c>min(a, b, ...)</c>: the smallest, missing when any argument is missing.</summary>
    public const string Min = "min";

    /// <summary><c>max(a, b, ...)</c>: the largest, missing when any argument is missing.</summary>
    public const string Max = "max";

    public static IReadOnlyList<string> All { get; } = [IsMissing, Mean, MeanOfAnswered, Sum, Min, Max];
}
