using System.Globalization;

namespace Barometer.Catalogue.Expressions;

/// <summary>
/// Checks a parsed expression against the variables in scope: unknown variables (with the nearest known name),
/// operand types, and codes that are not in the compared variable's classification or answer scale.
/// </summary>
public static class ExpressionChecker
{
    public static (ExpressionType Type, IReadOnlyList<ExpressionProblem> Problems) Check(Expression expression, IVariableScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<ExpressionProblem>();
        var type = new Walker(scope, problems).TypeOf(expression);
        return (type, problems);
    }

    /// <summary>The names of the variables an expression reads, in order of first use.</summary>
    public static IReadOnlyList<string> Variables(Expression expression)
    {
        var names = new List<string>();
        Collect(expression, names);
        return names;
    }

    private static void Collect(Expression expression, List<string> names)
    {
        switch (expression)
        {
            case VariableReference v when !names.Contains(v.Name):
                names.Add(v.Name);
                break;
            case UnaryExpression u:
                Collect(u.Operand, names);
                break;
            case BinaryExpression b:
                Collect(b.Left, names);
                Collect(b.Right, names);
                break;
            case MembershipExpression m:
                Collect(m.Operand, names);
                break;
            case FunctionCall f:
                foreach (var argument in f.Arguments)
                {
                    Collect(argument, names);
                }

                break;
        }
    }

    private sealed class Walker(IVariableScope scope, List<ExpressionProblem> problems)
    {
        public ExpressionType TypeOf(Expression expression) => expression switch
        {
            NumberLiteral => ExpressionType.Number,
            TextLiteral => ExpressionType.Code,
            BooleanLiteral => ExpressionType.Boolean,
            VariableReference v => Variable(v),
            UnaryExpression u => Unary(u),
            BinaryExpression b => Binary(b),
            MembershipExpression m => Membership(m),
            FunctionCall f => Call(f),
            _ => ExpressionType.Unknown,
        };

        private ExpressionType Variable(VariableReference reference)
        {
            var domain = scope.Find(reference.Name);
            if (domain is null)
            {
                var suggestion = NameSuggestion.Nearest(reference.Name, scope.Names);
                problems.Add(new ExpressionProblem(reference.Span, $"unknown variable '{reference.Name}'" +
                    (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")));
                return ExpressionType.Unknown;
            }

            return domain.Type;
        }

        private ExpressionType Unary(UnaryExpression unary)
        {
            var wanted = unary.Operator == UnaryOperator.Not ? ExpressionType.Boolean : ExpressionType.Number;
            Require(unary.Operand, TypeOf(unary.Operand), wanted, unary.Operator == UnaryOperator.Not ? "'not'" : "unary '-'");
            return wanted;
        }

        private ExpressionType Binary(BinaryExpression binary)
        {
            var left = TypeOf(binary.Left);
            var right = TypeOf(binary.Right);
            switch (binary.Operator)
            {
                case BinaryOperator.And or BinaryOperator.Or:
                    var name = binary.Operator == BinaryOperator.And ? "'and'" : "'or'";
                    Require(binary.Left, left, ExpressionType.Boolean, name);
                    Require(binary.Right, right, ExpressionType.Boolean, name);
                    return ExpressionType.Boolean;
                case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide:
                    Require(binary.Left, left, ExpressionType.Number, "arithmetic");
                    Require(binary.Right, right, ExpressionType.Number, "arithmetic");
                    return ExpressionType.Number;
                case BinaryOperator.Equal or BinaryOperator.NotEqual:
                    if (left != ExpressionType.Unknown && right != ExpressionType.Unknown && left != right)
                    {
                        problems.Add(new ExpressionProblem(binary.Span, $"cannot compare {Describe(left)} with {Describe(right)}" + CodeHint(left, right)));
                    }
                    else
                    {
                        CheckLiteralAgainst(binary.Left, binary.Right);
                        CheckLiteralAgainst(binary.Right, binary.Left);
                    }

                    return ExpressionType.Boolean;
                default:
                    Require(binary.Left, left, ExpressionType.Number, "an order comparison");
                    Require(binary.Right, right, ExpressionType.Number, "an order comparison");
                    return ExpressionType.Boolean;
            }
        }

        private ExpressionType Membership(MembershipExpression membership)
        {
            var operand = TypeOf(membership.Operand);
            if (operand is ExpressionType.Boolean)
            {
                problems.Add(new ExpressionProblem(membership.Operand.Span, "'in' needs a number or a code on its left, not a truth value"));
                return ExpressionType.Boolean;
            }

            var domain = membership.Operand is VariableReference v ? scope.Find(v.Name) : null;
            foreach (var item in membership.Items)
            {
                var itemType = item.Value.Kind == ValueKind.Text ? ExpressionType.Code : ExpressionType.Number;
                if (operand != ExpressionType.Unknown && itemType != operand)
                {
                    problems.Add(new ExpressionProblem(item.Span, $"the list holds {Describe(itemType)} but '{Text(membership.Operand)}' is {Describe(operand)}" + CodeHint(operand, itemType)));
                    continue;
                }

                if (domain is null)
                {
                    continue;
                }

                CheckCode(domain, item.Value, item.Span);
                if (item.UpTo is { } upTo)
                {
                    CheckCode(domain, Value.Of(upTo), item.Span);
                }
            }

            return ExpressionType.Boolean;
        }

        private ExpressionType Call(FunctionCall call)
        {
            switch (call.Name)
            {
                case Functions.IsMissing:
                    if (call.Arguments is not [VariableReference reference])
                    {
                        problems.Add(new ExpressionProblem(call.Span, "missing() takes exactly one variable name"));
                    }
                    else
                    {
                        TypeOf(reference);
                    }

                    return ExpressionType.Boolean;
                case Functions.Mean or Functions.Sum or Functions.Min or Functions.Max or Functions.MeanOfAnswered:
                    var values = call.Arguments;
                    if (call.Name == Functions.MeanOfAnswered)
                    {
                        if (values is not [NumberLiteral { Value: >= 1 } count, ..] || count.Value != Math.Floor(count.Value))
                        {
                            problems.Add(new ExpressionProblem(call.Span, "mean_of_answered(k, ...) needs a whole number k ≥ 1 first: how many answers are needed"));
                        }
                        else if (count.Value > values.Count - 1)
                        {
                            problems.Add(new ExpressionProblem(call.Span, $"mean_of_answered needs {count.Value.ToString(CultureInfo.InvariantCulture)} answers but lists only {values.Count - 1} values"));
                        }

                        values = values.Skip(1).ToList();
                    }

                    if (values.Count == 0)
                    {
                        problems.Add(new ExpressionProblem(call.Span, $"{call.Name}() needs at least one value"));
                    }

                    foreach (var argument in values)
                    {
                        Require(argument, TypeOf(argument), ExpressionType.Number, $"{call.Name}()");
                    }

                    return ExpressionType.Number;
                default:
                    var suggestion = NameSuggestion.Nearest(call.Name, Functions.All);
                    problems.Add(new ExpressionProblem(call.Span, $"unknown function '{call.Name}'" +
                        (suggestion is null ? $"; the functions are {string.Join(", ", Functions.All)}" : $" (did you mean '{suggestion}'?)")));
                    foreach (var argument in call.Arguments)
                    {
                        TypeOf(argument);
                    }

                    return ExpressionType.Unknown;
            }
        }

        private void CheckLiteralAgainst(Expression variable, Expression literal)
        {
            if (variable is not VariableReference reference || scope.Find(reference.Name) is not { } domain)
            {
                return;
            }

            switch (literal)
            {
                case TextLiteral text:
                    CheckCode(domain, Value.Of(text.Value), literal.Span);
                    break;
                case NumberLiteral number:
                    CheckCode(domain, Value.Of(number.Value), literal.Span);
                    break;
            }
        }

        private void CheckCode(VariableDomain domain, Value value, TextSpan span)
        {
            if (value.Kind == ValueKind.Text && domain.Codes is { } codes && !codes.Contains(value.Text))
            {
                problems.Add(new ExpressionProblem(span, $"code \"{value.Text}\" is not in classification '{domain.Classification}' of variable '{domain.Name}'"));
            }
            else if (value.Kind == ValueKind.Number && domain.NumericCodes is { } numeric && !numeric.Contains(value.Number))
            {
                var list = string.Join(", ", numeric.Order().Select(c => c.ToString(CultureInfo.InvariantCulture)));
                problems.Add(new ExpressionProblem(span, $"{value} is not an answer code of '{domain.Name}' (its codes are {list})"));
            }
        }

        private void Require(Expression expression, ExpressionType actual, ExpressionType wanted, string context)
        {
            if (actual != ExpressionType.Unknown && actual != wanted)
            {
                problems.Add(new ExpressionProblem(expression.Span, $"{context} needs {Describe(wanted)}, but '{Text(expression)}' is {Describe(actual)}"));
            }
        }

        private static string CodeHint(ExpressionType a, ExpressionType b) =>
            (a, b) is (ExpressionType.Code, ExpressionType.Number) or (ExpressionType.Number, ExpressionType.Code)
                ? " (classification codes are text: write them in quotes, e.g. \"1\")"
                : string.Empty;

        private static string Text(Expression expression) => expression switch
        {
            VariableReference v => v.Name,
            NumberLiteral n => n.Value.ToString(CultureInfo.InvariantCulture),
            TextLiteral t => $"\"{t.Value}\"",
            FunctionCall f => f.Name + "(...)",
            _ => "the expression",
        };
    }

    internal static string Describe(ExpressionType type) => type switch
    {
        ExpressionType.Boolean => "a truth value",
        ExpressionType.Number => "a number",
        ExpressionType.Code => "a code",
        _ => "unknown",
    };
}
