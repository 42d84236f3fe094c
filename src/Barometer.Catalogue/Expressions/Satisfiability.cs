namespace Barometer.Catalogue.Expressions;

/// <summary>
/// Decides whether a conjunction of conditions can ever hold, so that a population that is always empty (an age
/// range 70–20, <c>sex == "1" and sex == "2"</c>, <c>years_in_sweden &gt;= 10</c> for the native-born only...) is
/// reported when the catalogue is loaded. The conditions are brought to disjunctive normal form; each conjunct
/// is checked variable by variable against the variable's domain (its codes, answer codes, minimum, maximum,
/// whole numbers, whether it can be missing). Atoms it cannot reason about (comparisons of two variables,
/// arithmetic, functions other than missing()) are taken as satisfiable, so the answer "never" is always right
/// and "maybe" may miss a contradiction.
/// </summary>
internal static class Satisfiability
{
    private const int MaxConjuncts = 512;

    public static bool CanHold(IEnumerable<Expression> conjunction, IVariableScope scope)
    {
        List<List<Atom>> dnf = [[]];
        foreach (var expression in conjunction)
        {
            var next = Product(dnf, ToDnf(expression, negated: false));
            if (next is null)
            {
                return true;
            }

            dnf = next;
        }

        return dnf.Exists(conjunct => Consistent(conjunct, scope));
    }

    private abstract record Atom(string Variable);

    private sealed record Comparison(string Variable, BinaryOperator Operator, Value Literal) : Atom(Variable);

    private sealed record Membership(string Variable, IReadOnlyList<MembershipItem> Items, bool Negated) : Atom(Variable);

    private sealed record Presence(string Variable, bool Missing) : Atom(Variable);

    private static List<List<Atom>>? ToDnf(Expression expression, bool negated)
    {
        switch (expression)
        {
            case UnaryExpression { Operator: UnaryOperator.Not } not:
                return ToDnf(not.Operand, !negated);
            case BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } logical:
                var left = ToDnf(logical.Left, negated);
                var right = ToDnf(logical.Right, negated);
                if (left is null || right is null)
                {
                    return null;
                }

                var conjunction = (logical.Operator == BinaryOperator.And) != negated;
                return conjunction ? Product(left, right) : [.. left, .. right];
            case BooleanLiteral literal:
                return literal.Value != negated ? [[]] : [];
            case VariableReference variable:
                return [[new Comparison(variable.Name, BinaryOperator.Equal, Value.Of(!negated))]];
            case BinaryExpression comparison when Compared(comparison) is { } atom:
                return [[negated ? atom with { Operator = Complement(atom.Operator) } : atom]];
            case MembershipExpression { Operand: VariableReference variable } membership:
                return [[new Membership(variable.Name, membership.Items, membership.Negated != negated)]];
            case FunctionCall { Name: Functions.IsMissing, Arguments: [VariableReference variable] }:
                return [[new Presence(variable.Name, !negated)]];
            default:
                return [[]];
        }
    }

    private static Comparison? Compared(BinaryExpression comparison)
    {
        if (comparison.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less
            or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual))
        {
            return null;
        }

        return (comparison.Left, comparison.Right) switch
        {
            (VariableReference v, var literal) when Literal(literal) is { } value => new Comparison(v.Name, comparison.Operator, value),
            (var literal, VariableReference v) when Literal(literal) is { } value => new Comparison(v.Name, Mirror(comparison.Operator), value),
            _ => null,
        };
    }

    private static Value? Literal(Expression expression) => expression switch
    {
        NumberLiteral n => Value.Of(n.Value),
        UnaryExpression { Operator: UnaryOperator.Negate, Operand: NumberLiteral n } => Value.Of(-n.Value),
        TextLiteral t => Value.Of(t.Value),
        BooleanLiteral b => Value.Of(b.Value),
        _ => null,
    };

    private static BinaryOperator Mirror(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterOrEqual => BinaryOperator.LessOrEqual,
        _ => op,
    };

    // Under three-valued logic "not (x < 3)" holds when x is present and x >= 3: the complement of the operator.
    private static BinaryOperator Complement(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => BinaryOperator.NotEqual,
        BinaryOperator.NotEqual => BinaryOperator.Equal,
        BinaryOperator.Less => BinaryOperator.GreaterOrEqual,
        BinaryOperator.LessOrEqual => BinaryOperator.Greater,
        BinaryOperator.Greater => BinaryOperator.LessOrEqual,
        _ => BinaryOperator.Less,
    };

    private static List<List<Atom>>? Product(List<List<Atom>> left, List<List<Atom>>? right)
    {
        if (right is null || (long)left.Count * right.Count > MaxConjuncts)
        {
            return null;
        }

        return [.. left.SelectMany(l => right.Select(r => (List<Atom>)[.. l, .. r]))];
    }

    private static bool Consistent(List<Atom> conjunct, IVariableScope scope)
    {
        foreach (var group in conjunct.GroupBy(a => a.Variable, StringComparer.Ordinal))
        {
            if (scope.Find(group.Key) is not { } domain)
            {
                continue;
            }

            var mustBeMissing = group.Any(a => a is Presence { Missing: true });
            var mustBePresent = group.Any(a => a is not Presence { Missing: true });
            if (mustBeMissing)
            {
                if (mustBePresent || !domain.MissingAllowed)
                {
                    return false;
                }

                continue;
            }

            var holds = domain.Type switch
            {
                ExpressionType.Number => NumberConsistent(group, domain),
                ExpressionType.Code or ExpressionType.Boolean => DiscreteConsistent(group, domain),
                _ => true,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool DiscreteConsistent(IEnumerable<Atom> atoms, VariableDomain domain)
    {
        HashSet<Value>? allowed = domain.Type == ExpressionType.Boolean
            ? [Value.Of(true), Value.Of(false)]
            : domain.Codes?.Select(Value.Of).ToHashSet();
        var excluded = new HashSet<Value>();
        foreach (var atom in atoms)
        {
            switch (atom)
            {
                case Comparison { Operator: BinaryOperator.Equal } c:
                    allowed = allowed is null ? [c.Literal] : allowed.Contains(c.Literal) ? [c.Literal] : [];
                    break;
                case Comparison { Operator: BinaryOperator.NotEqual } c:
                    excluded.Add(c.Literal);
                    break;
                case Membership { Negated: false } m:
                    var listed = m.Items.Where(i => i.UpTo is null).Select(i => i.Value).ToHashSet();
                    allowed = allowed is null ? listed : [.. allowed.Where(listed.Contains)];
                    break;
                case Membership { Negated: true } m:
                    excluded.UnionWith(m.Items.Where(i => i.UpTo is null).Select(i => i.Value));
                    break;
            }
        }

        return allowed is null || allowed.Any(v => !excluded.Contains(v));
    }

    private readonly record struct Interval(double Low, bool LowOpen, double High, bool HighOpen);

    private static bool NumberConsistent(IEnumerable<Atom> atoms, VariableDomain domain)
    {
        var bounds = new Interval(domain.Min ?? double.NegativeInfinity, false, domain.Max ?? double.PositiveInfinity, false);
        List<Interval>? allowed = domain.NumericCodes?.Select(c => new Interval(c, false, c, false)).ToList();
        var excluded = new List<Interval>();
        foreach (var atom in atoms)
        {
            switch (atom)
            {
                case Comparison { Literal.Kind: ValueKind.Number } c:
                    var v = c.Literal.Number;
                    switch (c.Operator)
                    {
                        case BinaryOperator.Equal:
                            allowed = Intersect(allowed, [new Interval(v, false, v, false)]);
                            break;
                        case BinaryOperator.NotEqual:
                            excluded.Add(new Interval(v, false, v, false));
                            break;
                        case BinaryOperator.Less or BinaryOperator.LessOrEqual:
                            bounds = Narrow(bounds, new Interval(double.NegativeInfinity, false, v, c.Operator == BinaryOperator.Less));
                            break;
                        default:
                            bounds = Narrow(bounds, new Interval(v, c.Operator == BinaryOperator.Greater, double.PositiveInfinity, false));
                            break;
                    }

                    break;
                case Membership m:
                    var items = m.Items.Where(i => i.Value.Kind == ValueKind.Number)
                        .Select(i => new Interval(i.Value.Number, false, i.UpTo ?? i.Value.Number, false)).ToList();
                    if (m.Negated)
                    {
                        excluded.AddRange(items);
                    }
                    else
                    {
                        allowed = Intersect(allowed, items);
                    }

                    break;
            }
        }

        var candidates = Intersect(allowed, [bounds]) ?? [bounds];
        return candidates.Exists(candidate => HasPoint(candidate, excluded, domain.WholeNumbers));
    }

    private static List<Interval>? Intersect(List<Interval>? current, List<Interval> with)
    {
        if (current is null)
        {
            return with;
        }

        return [.. current.SelectMany(a => with.Select(b => Narrow(a, b))).Where(i => !Empty(i, integer: false))];
    }

    private static Interval Narrow(Interval a, Interval b)
    {
        var (low, lowOpen) = a.Low > b.Low ? (a.Low, a.LowOpen) : a.Low < b.Low ? (b.Low, b.LowOpen) : (a.Low, a.LowOpen || b.LowOpen);
        var (high, highOpen) = a.High < b.High ? (a.High, a.HighOpen) : a.High > b.High ? (b.High, b.HighOpen) : (a.High, a.HighOpen || b.HighOpen);
        return new Interval(low, lowOpen, high, highOpen);
    }

    private static bool Empty(Interval i, bool integer)
    {
        if (integer)
        {
            var (first, last) = IntegerRange(i);
            return first > last;
        }

        return i.Low > i.High || (i.Low == i.High && (i.LowOpen || i.HighOpen));
    }

    private static (double First, double Last) IntegerRange(Interval i)
    {
        var first = i.LowOpen ? Math.Floor(i.Low) + 1 : Math.Ceiling(i.Low);
        var last = i.HighOpen ? Math.Ceiling(i.High) - 1 : Math.Floor(i.High);
        return (first, last);
    }

    private static bool HasPoint(Interval candidate, List<Interval> excluded, bool integer)
    {
        if (Empty(candidate, integer))
        {
            return false;
        }

        bool IsExcluded(double x) => excluded.Exists(e => x >= e.Low && x <= e.High);
        if (integer)
        {
            var (first, last) = IntegerRange(candidate);
            if (last - first > 10_000)
            {
                return true;
            }

            for (var x = first; x <= last; x++)
            {
                if (!IsExcluded(x))
                {
                    return true;
                }
            }

            return false;
        }

        // A continuous interval with room in it survives finitely many excluded points; a single point may not.
        return candidate.Low < candidate.High
            ? !excluded.Exists(e => e.Low <= candidate.Low && e.High >= candidate.High)
            : !IsExcluded(candidate.Low);
    }
}
