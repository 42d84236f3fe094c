namespace Barometer.Catalogue.Expressions;

/// <summary>
/// Evaluates a checked expression for one person. Missing values follow SQL-like three-valued logic:
/// arithmetic, comparisons and membership with a missing operand are missing; <c>false and missing</c> is false,
/// <c>true or missing</c> is true, otherwise <c>and</c>/<c>or</c> with a missing operand are missing; division by
/// zero is missing. A filter or population condition that evaluates to missing does not include the person.
/// </summary>
public static class ExpressionEvaluator
{
    public static Value Evaluate(Expression expression, Func<string, Value> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        return Eval(expression, variables);
    }

    private static Value Eval(Expression expression, Func<string, Value> variables) => expression switch
    {
        NumberLiteral n => Value.Of(n.Value),
        TextLiteral t => Value.Of(t.Value),
        BooleanLiteral b => Value.Of(b.Value),
        VariableReference v => variables(v.Name),
        UnaryExpression u => Unary(u, Eval(u.Operand, variables)),
        BinaryExpression { Operator: BinaryOperator.And } b => And(Eval(b.Left, variables), Eval(b.Right, variables)),
        BinaryExpression { Operator: BinaryOperator.Or } b => Or(Eval(b.Left, variables), Eval(b.Right, variables)),
        BinaryExpression b => Binary(b.Operator, Eval(b.Left, variables), Eval(b.Right, variables)),
        MembershipExpression m => Membership(m, Eval(m.Operand, variables)),
        FunctionCall f => Call(f, variables),
        _ => throw new InvalidOperationException("the expression did not parse and cannot be evaluated"),
    };

    private static Value Unary(UnaryExpression unary, Value operand)
    {
        if (operand.IsMissing)
        {
            return Value.Missing;
        }

        return unary.Operator == UnaryOperator.Not ? Value.Of(!operand.Boolean) : Value.Of(-operand.Number);
    }

    private static Value And(Value left, Value right)
    {
        if ((left.Kind == ValueKind.Boolean && !left.Boolean) || (right.Kind == ValueKind.Boolean && !right.Boolean))
        {
            return Value.Of(false);
        }

        return left.IsMissing || right.IsMissing ? Value.Missing : Value.Of(true);
    }

    private static Value Or(Value left, Value right)
    {
        if ((left.Kind == ValueKind.Boolean && left.Boolean) || (right.Kind == ValueKind.Boolean && right.Boolean))
        {
            return Value.Of(true);
        }

        return left.IsMissing || right.IsMissing ? Value.Missing : Value.Of(false);
    }

    private static Value Binary(BinaryOperator op, Value left, Value right)
    {
        if (left.IsMissing || right.IsMissing)
        {
            return Value.Missing;
        }

        return op switch
        {
            BinaryOperator.Equal => Value.Of(left == right),
            BinaryOperator.NotEqual => Value.Of(left != right),
            BinaryOperator.Less => Value.Of(left.Number < right.Number),
            BinaryOperator.LessOrEqual => Value.Of(left.Number <= right.Number),
            BinaryOperator.Greater => Value.Of(left.Number > right.Number),
            BinaryOperator.GreaterOrEqual => Value.Of(left.Number >= right.Number),
            BinaryOperator.Add => Value.Of(left.Number + right.Number),
            BinaryOperator.Subtract => Value.Of(left.Number - right.Number),
            BinaryOperator.Multiply => Value.Of(left.Number * right.Number),
            BinaryOperator.Divide => right.Number == 0 ? Value.Missing : Value.Of(left.Number / right.Number),
            _ => throw new InvalidOperationException($"operator {op} is not binary arithmetic or comparison"),
        };
    }

    private static Value Membership(MembershipExpression membership, Value operand)
    {
        if (operand.IsMissing)
        {
            return Value.Missing;
        }

        var found = membership.Items.Any(item => item.Contains(operand));
        return Value.Of(found != membership.Negated);
    }

    private static Value Call(FunctionCall call, Func<string, Value> variables)
    {
        if (call.Name == Functions.IsMissing)
        {
            return Value.Of(Eval(call.Arguments[0], variables).IsMissing);
        }

        var arguments = call.Name == Functions.MeanOfAnswered ? call.Arguments.Skip(1) : call.Arguments;
        var values = arguments.Select(a => Eval(a, variables)).ToList();
        if (call.Name == Functions.MeanOfAnswered)
        {
            var needed = ((NumberLiteral)call.Arguments[0]).Value;
            var present = values.Where(v => !v.IsMissing).Select(v => v.Number).ToList();
            return present.Count >= needed ? Value.Of(present.Average()) : Value.Missing;
        }

        if (values.Any(v => v.IsMissing))
        {
            return Value.Missing;
        }

        var numbers = values.Select(v => v.Number).ToList();
        return call.Name switch
        {
            Functions.Mean => Value.Of(numbers.Average()),
            Functions.Sum => Value.Of(numbers.Sum()),
            Functions.Min => Value.Of(numbers.Min()),
            Functions.Max => Value.Of(numbers.Max()),
            _ => throw new InvalidOperationException($"unknown function '{call.Name}'"),
        };
    }
}
