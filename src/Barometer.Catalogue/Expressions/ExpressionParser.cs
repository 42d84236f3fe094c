using System.Globalization;

namespace Barometer.Catalogue.Expressions;

/// <summary>A problem found in an expression's text, at a place in it.</summary>
public sealed record ExpressionProblem(TextSpan Span, string Message);

/// <summary>
/// Parses the catalogue's expression language: <c>or</c>, <c>and</c>, <c>not</c>; comparisons
/// (<c>== != &lt; &lt;= &gt; &gt;=</c>); membership <c>x in [1, 2, 4..5]</c> and <c>x not in [...]</c>;
/// arithmetic (<c>+ - * /</c>); numbers, "quoted codes", <c>true</c>/<c>false</c>, variable names and calls of
/// <see cref="Functions"/>. Precedence, lowest first: or, and, not, comparison, + -, * /, unary minus.
/// </summary>
public static class ExpressionParser
{
    public static (Expression Expression, IReadOnlyList<ExpressionProblem> Problems) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ExpressionProblem>();
        var tokens = Lexer.Tokenize(text, problems);
        if (problems.Count > 0)
        {
            return (new InvalidExpression(new TextSpan(0, text.Length)), problems);
        }

        var parser = new TokenParser(tokens);
        try
        {
            var expression = parser.ParseOr();
            if (parser.Current.Kind != TokenKind.End)
            {
                throw new SyntaxError(parser.Current.Span, $"unexpected '{parser.Current.Text}' after a complete expression");
            }

            return (expression, problems);
        }
        catch (SyntaxError error)
        {
            problems.Add(new ExpressionProblem(error.Span, error.Message));
            return (new InvalidExpression(new TextSpan(0, text.Length)), problems);
        }
    }

    private enum TokenKind
    {
        Number,
        Text,
        Identifier,
        Symbol,
        End,
    }

    private sealed record Token(TokenKind Kind, string Text, TextSpan Span);

    private sealed class SyntaxError(TextSpan span, string message) : Exception(message)
    {
        public TextSpan Span { get; } = span;
    }

    private static class Lexer
    {
        private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "..", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ","];

        public static List<Token> Tokenize(string text, List<ExpressionProblem> problems)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                var start = i;
                if (char.IsAsciiDigit(c))
                {
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }

                    // A fraction needs a digit after the point, so that "1..5" stays a range.
                    if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                    {
                        i++;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }

                    tokens.Add(new Token(TokenKind.Number, text[start..i], new TextSpan(start, i - start)));
                }
                else if (c is '"' or '\'')
                {
                    i++;
                    while (i < text.Length && text[i] != c)
                    {
                        i++;
                    }

                    if (i >= text.Length)
                    {
                        problems.Add(new ExpressionProblem(new TextSpan(start, text.Length - start), "a quoted code is not closed"));
                        return tokens;
                    }

                    i++;
                    tokens.Add(new Token(TokenKind.Text, text[(start + 1)..(i - 1)], new TextSpan(start, i - start)));
                }
                else if (char.IsAsciiLetter(c) || c == '_')
                {
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Identifier, text[start..i], new TextSpan(start, i - start)));
                }
                else
                {
                    var symbol = Array.Find(Symbols, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
                    if (symbol is null)
                    {
                        var hint = c == '=' ? " (write == to compare)" : c == '&' || c == '|' || c == '!' ? " (write and, or, not)" : string.Empty;
                        problems.Add(new ExpressionProblem(new TextSpan(i, 1), $"unexpected character '{c}'{hint}"));
                        i++;
                        continue;
                    }

                    i += symbol.Length;
                    tokens.Add(new Token(TokenKind.Symbol, symbol, new TextSpan(start, symbol.Length)));
                }
            }

            tokens.Add(new Token(TokenKind.End, "end of expression", new TextSpan(text.Length, 0)));
            return tokens;
        }
    }

    private sealed class TokenParser(List<Token> tokens)
    {
        private int _position;

        public Token Current => tokens[_position];

        public Expression ParseOr()
        {
            var left = ParseAnd();
            while (IsKeyword("or"))
            {
                Advance();
                var right = ParseAnd();
                left = new BinaryExpression(BinaryOperator.Or, left, right, TextSpan.Cover(left.Span, right.Span));
            }

            return left;
        }

        private Expression ParseAnd()
        {
            var left = ParseNot();
            while (IsKeyword("and"))
            {
                Advance();
                var right = ParseNot();
                left = new BinaryExpression(BinaryOperator.And, left, right, TextSpan.Cover(left.Span, right.Span));
            }

            return left;
        }

        private Expression ParseNot()
        {
            if (IsKeyword("not"))
            {
                var start = Advance().Span;
                var operand = ParseNot();
                return new UnaryExpression(UnaryOperator.Not, operand, TextSpan.Cover(start, operand.Span));
            }

            return ParseComparison();
        }

        private Expression ParseComparison()
        {
            var left = ParseAdditive();
            if (IsKeyword("in") || (IsKeyword("not") && Peek(1) is { Kind: TokenKind.Identifier, Text: "in" }))
            {
                var negated = IsKeyword("not");
                if (negated)
                {
                    Advance();
                }

                Advance();
                var (items, end) = ParseList();
                return new MembershipExpression(left, items, negated, TextSpan.Cover(left.Span, end));
            }

            BinaryOperator? op = Current is { Kind: TokenKind.Symbol } ? Current.Text switch
            {
                "==" => BinaryOperator.Equal,
                "!=" => BinaryOperator.NotEqual,
                "<" => BinaryOperator.Less,
                "<=" => BinaryOperator.LessOrEqual,
                ">" => BinaryOperator.Greater,
                ">=" => BinaryOperator.GreaterOrEqual,
                _ => null,
            } : null;
            if (op is null)
            {
                return left;
            }

            Advance();
            var right = ParseAdditive();
            if (Current is { Kind: TokenKind.Symbol, Text: "==" or "!=" or "<" or "<=" or ">" or ">=" })
            {
                throw new SyntaxError(Current.Span, "comparisons do not chain: write a < b and b < c");
            }

            return new BinaryExpression(op.Value, left, right, TextSpan.Cover(left.Span, right.Span));
        }

        private (IReadOnlyList<MembershipItem> Items, TextSpan End) ParseList()
        {
            Expect("[", "a list in square brackets after 'in', e.g. in [4, 5]");
            var items = new List<MembershipItem>();
            while (true)
            {
                var token = Current;
                if (token.Kind == TokenKind.Text)
                {
                    Advance();
                    items.Add(new MembershipItem(Value.Of(token.Text), null, token.Span));
                }
                else if (token.Kind == TokenKind.Number || (token is { Kind: TokenKind.Symbol, Text: "-" } && Peek(1)?.Kind == TokenKind.Number))
                {
                    var (low, lowSpan) = ParseSignedNumber();
                    if (Current is { Kind: TokenKind.Symbol, Text: ".." })
                    {
                        Advance();
                        var (high, highSpan) = ParseSignedNumber();
                        if (high < low)
                        {
                            throw new SyntaxError(TextSpan.Cover(lowSpan, highSpan), $"the range {Format(low)}..{Format(high)} is empty");
                        }

                        items.Add(new MembershipItem(Value.Of(low), high, TextSpan.Cover(lowSpan, highSpan)));
                    }
                    else
                    {
                        items.Add(new MembershipItem(Value.Of(low), null, lowSpan));
                    }
                }
                else
                {
                    throw new SyntaxError(token.Span, $"expected a number, a range a..b or a quoted code in the list, found '{token.Text}'");
                }

                if (Current is { Kind: TokenKind.Symbol, Text: "," })
                {
                    Advance();
                    continue;
                }

                var end = Expect("]", "',' or ']' in the list");
                return (items, end);
            }
        }

        private (double Value, TextSpan Span) ParseSignedNumber()
        {
            var start = Current.Span;
            var sign = 1.0;
            if (Current is { Kind: TokenKind.Symbol, Text: "-" })
            {
                sign = -1;
                Advance();
            }

            var number = Current;
            if (number.Kind != TokenKind.Number)
            {
                throw new SyntaxError(number.Span, $"expected a number, found '{number.Text}'");
            }

            Advance();
            return (sign * double.Parse(number.Text, CultureInfo.InvariantCulture), TextSpan.Cover(start, number.Span));
        }

        private Expression ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Current is { Kind: TokenKind.Symbol, Text: "+" or "-" })
            {
                var op = Advance().Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract;
                var right = ParseMultiplicative();
                left = new BinaryExpression(op, left, right, TextSpan.Cover(left.Span, right.Span));
            }

            return left;
        }

        private Expression ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Current is { Kind: TokenKind.Symbol, Text: "*" or "/" })
            {
                var op = Advance().Text == "*" ? BinaryOperator.Multiply : BinaryOperator.Divide;
                var right = ParseUnary();
                left = new BinaryExpression(op, left, right, TextSpan.Cover(left.Span, right.Span));
            }

            return left;
        }

        private Expression ParseUnary()
        {
            if (Current is { Kind: TokenKind.Symbol, Text: "-" })
            {
                var start = Advance().Span;
                var operand = ParseUnary();
                return new UnaryExpression(UnaryOperator.Negate, operand, TextSpan.Cover(start, operand.Span));
            }

            return ParsePrimary();
        }

        private Expression ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return new NumberLiteral(double.Parse(token.Text, CultureInfo.InvariantCulture), token.Span);
                case TokenKind.Text:
                    Advance();
                    return new TextLiteral(token.Text, token.Span);
                case TokenKind.Identifier when token.Text is "true" or "false":
                    Advance();
                    return new BooleanLiteral(token.Text == "true", token.Span);
                case TokenKind.Identifier when token.Text is "and" or "or" or "not" or "in":
                    throw new SyntaxError(token.Span, $"expected a value, found the keyword '{token.Text}'");
                case TokenKind.Identifier:
                    Advance();
                    if (Current is { Kind: TokenKind.Symbol, Text: "(" })
                    {
                        return ParseCall(token);
                    }

                    return new VariableReference(token.Text, token.Span);
                case TokenKind.Symbol when token.Text == "(":
                    Advance();
                    var inner = ParseOr();
                    Expect(")", "')'");
                    return inner;
                default:
                    throw new SyntaxError(token.Span, $"expected a value, found '{token.Text}'");
            }
        }

        private FunctionCall ParseCall(Token name)
        {
            Advance();
            var arguments = new List<Expression>();
            if (Current is not { Kind: TokenKind.Symbol, Text: ")" })
            {
                arguments.Add(ParseOr());
                while (Current is { Kind: TokenKind.Symbol, Text: "," })
                {
                    Advance();
                    arguments.Add(ParseOr());
                }
            }

            var end = Expect(")", "',' or ')' in the argument list");
            return new FunctionCall(name.Text, arguments, TextSpan.Cover(name.Span, end));
        }

        private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Identifier && Current.Text == keyword;

        private Token? Peek(int ahead) => _position + ahead < tokens.Count ? tokens[_position + ahead] : null;

        private Token Advance()
        {
            var token = tokens[_position];
            if (token.Kind != TokenKind.End)
            {
                _position++;
            }

            return token;
        }

        private TextSpan Expect(string symbol, string what)
        {
            if (Current is { Kind: TokenKind.Symbol } && Current.Text == symbol)
            {
                return Advance().Span;
            }

            throw new SyntaxError(Current.Span, $"expected {what}, found '{Current.Text}'");
        }

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
