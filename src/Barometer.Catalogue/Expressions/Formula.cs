namespace Barometer.Catalogue.Expressions;

/// <summary>An expression as written in a catalogue file: its text, its parse tree and where it stands.</summary>
public sealed class Formula
{
    private readonly int _line;
    private readonly int _column;
    private readonly bool _singleLine;

    internal Formula(string text, Expression root, SourceLocation location, bool quoted)
    {
        Text = text;
        Root = root;
        Location = location;
        _line = location.Line;
        _column = location.Column + (quoted ? 1 : 0);
        _singleLine = !text.Contains('\n', StringComparison.Ordinal);
        Variables = ExpressionChecker.Variables(root);
    }

    public string Text { get; }

    public Expression Root { get; }

    public SourceLocation Location { get; }

    /// <summary>The variables the expression reads, in order of first use.</summary>
    public IReadOnlyList<string> Variables { get; }

    public Value Evaluate(Func<string, Value> variables) => ExpressionEvaluator.Evaluate(Root, variables);

    /// <summary>True only when the condition evaluates to true (missing and false both exclude).</summary>
    public bool Holds(Func<string, Value> variables) => Evaluate(variables) is { Kind: ValueKind.Boolean, Boolean: true };

    public override string ToString() => Text;

    /// <summary>The file position of a place inside the expression (exact for one-line expressions).</summary>
    internal SourceLocation Locate(TextSpan span) =>
        _singleLine ? Location with { Column = _column + span.Start } : Location;
}
