using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;
using Barometer.Production.Variables;
using Barometer.Storage;

namespace Barometer.Production.Register;

/// <summary>What a translated expression yields in SQL.</summary>
internal enum SqlKind
{
    /// <summary>Always NULL (a variable the register does not hold).</summary>
    Null,
    Number,
    Text,
    Boolean,
}

/// <summary>A DuckDB SQL expression over the register (alias <c>r</c>) and what it yields.</summary>
internal readonly record struct SqlExpression(string Text, SqlKind Kind)
{
    public static readonly SqlExpression Null = new("NULL", SqlKind.Null);
}

/// <summary>
/// Translates the catalogue's expression language into DuckDB SQL over one register table, so that register
/// indicators are aggregated by DuckDB over the whole register instead of person by person in .NET.
/// <para>
/// The translation keeps the evaluator's semantics (see <see cref="ExpressionEvaluator"/>): missing is NULL, and
/// SQL's three-valued logic is the evaluator's (<c>false and missing</c> is false, <c>true or missing</c> is true,
/// comparisons, arithmetic and membership with a missing operand are missing); division by zero and NaN are missing;
/// <c>min</c>, <c>max</c>, <c>sum</c> and <c>mean</c> are missing when any argument is; numbers are compared and
/// computed as DOUBLE, in the evaluator's order of operations.
/// </para>
/// <para>
/// Derived variables defined by an expression are translated inline. Every other catalogue variable (mappings
/// between classifications, bands, the svensk/utländsk bakgrund rule, recodes) and every code of a breakdown that is
/// not stored as text is computed by the catalogue's own evaluator once per distinct combination of the raw columns
/// it depends on, and joined in from a temporary lookup table: one definition of every variable, in the catalogue.
/// </para>
/// </summary>
internal sealed class RegisterSql : IDisposable
{
    public const string Alias = "r";

    private readonly StoreSession _session;
    private readonly IndicatorCatalogue _catalogue;
    private readonly string _table;
    private readonly RawDependencies _dependencies;
    private readonly Dictionary<string, string> _types;
    private readonly Dictionary<string, DerivedVariable> _derived;
    private readonly Dictionary<string, SqlExpression> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly List<Lookup> _lookups = [];
    private readonly Dictionary<string, (SqlExpression Value, string Code)> _lookupOf = new(StringComparer.Ordinal);
    private readonly string _prefix = "register_lookup_" + Guid.NewGuid().ToString("N")[..12];

    private sealed record Lookup(string Table, string Join);

    public RegisterSql(StoreSession session, IndicatorCatalogue catalogue, string table)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _dependencies = new RawDependencies(catalogue);
        _types = session.Query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
            r => (Name: r.GetString(0), Type: r.GetString(1)), ("t", table)).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        _derived = catalogue.DerivedVariables.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The register and the lookups <paramref name="expressions"/> use (joining the others costs a pass each).</summary>
    public string FromFor(string expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        return $"{SqlText.Identifier(_table)} {Alias}" +
            string.Concat(_lookups.Where(l => expressions.Contains(l.Table + ".", StringComparison.Ordinal)).Select(l => l.Join));
    }

    /// <summary>True when the condition evaluates to true (missing and false both exclude), as in <see cref="Formula.Holds"/>.</summary>
    public string Holds(Formula formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return $"({Translate(formula.Root).Text}) IS TRUE";
    }

    public SqlExpression Translate(Formula formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return Translate(formula.Root);
    }


    /// <summary>A catalogue variable: a stored column, a derived variable, or NULL when the register does not hold it.</summary>
    public SqlExpression Variable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_variables.TryGetValue(name, out var known))
        {
            return known;
        }

        SqlExpression result;
        if (_derived.TryGetValue(name, out var derived) && derived.Derivation is ExpressionDerivation expression)
        {
            result = Translate(expression.Formula.Root);
        }
        else if (_derived.ContainsKey(name) || !_types.ContainsKey(name))
        {
            // Derived by mapping, bands or rule, or a recode: the evaluator's value per combination of raw inputs.
            // A name that is neither derived nor stored is missing for everyone, as for the evaluator.
            result = _derived.ContainsKey(name) || IsCatalogueDerived(name) ? LookupOf(name).Value : SqlExpression.Null;
        }
        else
        {
            result = Column(name);
        }

        _variables[name] = result;
        return result;
    }

    /// <summary>A breakdown's code as text (NULL when missing), as <see cref="IndicatorMeasurement.Code"/> writes it.</summary>
    public string Code(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_codes.TryGetValue(name, out var known))
        {
            return known;
        }

        var variable = Variable(name);
        var code = variable.Kind switch
        {
            SqlKind.Text => variable.Text,
            SqlKind.Null => "CAST(NULL AS VARCHAR)",
            _ => LookupOf(name).Code,
        };
        _codes[name] = code;
        return code;
    }

    public void Dispose()
    {
        foreach (var lookup in _lookups)
        {
            if (!_session.TryExecute($"DROP TABLE IF EXISTS {lookup.Table}"))
            {
                // The transaction failed before: its rollback removes the temporary tables, and the first error is the one to report.
                break;
            }
        }

        _lookups.Clear();
    }

    private bool IsCatalogueDerived(string name) =>
        _catalogue.Questionnaire.Items.Any(i => i.Recodes.Any(r => r.Name == name)) || _catalogue.Questionnaire.Derived.Any(d => d.Name == name);

    private SqlExpression Column(string name)
    {
        var quoted = Alias + "." + SqlText.Identifier(name);
        var type = _types[name];
        return type switch
        {
            "VARCHAR" => new SqlExpression(quoted, SqlKind.Text),
            "BOOLEAN" => new SqlExpression(quoted, SqlKind.Boolean),
            "FLOAT" or "DOUBLE" => new SqlExpression($"NULLIF(CAST({quoted} AS DOUBLE), {NaN})", SqlKind.Number),
            _ when IsNumeric(type) => new SqlExpression($"CAST({quoted} AS DOUBLE)", SqlKind.Number),
            _ => throw new ProductionException($"register column '{name}' has type {type}, which register indicators cannot use (expected text, a number or a truth value)"),
        };
    }

    private static bool IsNumeric(string type) =>
        type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT"
        || type.StartsWith("DECIMAL", StringComparison.Ordinal);

    private (SqlExpression Value, string Code) LookupOf(string name)
    {
        if (!_lookupOf.TryGetValue(name, out var lookup))
        {
            lookup = CreateLookup(name);
            _lookupOf[name] = lookup;
        }

        return lookup;
    }

    /// <summary>
    /// Evaluates <paramref name="name"/> with the catalogue's evaluator for every distinct combination of the raw
    /// columns it depends on, into a temporary table joined to the register on those columns.
    /// </summary>
    private (SqlExpression Value, string Code) CreateLookup(string name)
    {
        var raw = _dependencies.Of([name]).Where(_types.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var table = _prefix + "_" + _lookups.Count.ToString(CultureInfo.InvariantCulture);
        var keys = raw.Select((c, i) => (Column: c, Key: "k" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var list = string.Join(", ", keys.Select(k => $"{SqlText.Identifier(k.Column)} AS {k.Key}"));
        _session.Execute(raw.Count == 0
            ? $"CREATE TEMP TABLE {table} AS SELECT 0 AS id"
            : $"CREATE TEMP TABLE {table} AS SELECT row_number() OVER () AS id, * FROM (SELECT DISTINCT {list} FROM {SqlText.Identifier(_table)})");

        var evaluated = _session.Query(
            $"SELECT id{string.Concat(keys.Select(k => ", " + k.Key))} FROM {table}",
            r =>
            {
                var values = new Dictionary<string, Value>(StringComparer.Ordinal);
                for (var c = 0; c < keys.Count; c++)
                {
                    values[keys[c].Column] = StoredValues.ToValue(r.IsDBNull(c + 1) ? null : r.GetValue(c + 1));
                }

                var get = _catalogue.Evaluator.For(n => values.TryGetValue(n, out var v) ? v : Value.Missing);
                return (Id: Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Value: get(name));
            });

        var kinds = evaluated.Where(e => !e.Value.IsMissing).Select(e => e.Value.Kind).Distinct().ToList();
        if (kinds.Count > 1)
        {
            throw new ProductionException($"variable '{name}' evaluates to values of different kinds ({string.Join(", ", kinds)}); register indicators need one kind per variable");
        }

        var kind = kinds.Count == 0 ? SqlKind.Null : kinds[0] switch
        {
            ValueKind.Number => SqlKind.Number,
            ValueKind.Boolean => SqlKind.Boolean,
            _ => SqlKind.Text,
        };
        var sqlType = kind switch
        {
            SqlKind.Number => "DOUBLE",
            SqlKind.Boolean => "BOOLEAN",
            _ => "VARCHAR",
        };
        var values = table + "_values";
        _session.Execute($"CREATE TEMP TABLE {values} (id BIGINT, v {sqlType}, code VARCHAR)");
        using (var appender = _session.TemporaryAppender(values))
        {
            foreach (var (id, value) in evaluated)
            {
                var row = appender.CreateRow().AppendValue(id);
                row = value.Kind switch
                {
                    ValueKind.Number => row.AppendValue(value.Number),
                    ValueKind.Boolean => row.AppendValue(value.Boolean),
                    ValueKind.Text => row.AppendValue(value.Text),
                    _ => row.AppendNullValue(),
                };
                var code = IndicatorMeasurement.Code(value);
                (code is null ? row.AppendNullValue() : row.AppendValue(code)).EndRow();
            }
        }

        // One table holding the raw combination, the value and the code; the values table is only a step there.
        var joined = table + "_j";
        _session.Execute($"CREATE TEMP TABLE {joined} AS SELECT l.* EXCLUDE (id), v.v, v.code FROM {table} l JOIN {values} v USING (id)");
        _session.Execute($"DROP TABLE {values}");
        _session.Execute($"DROP TABLE {table}");
        var on = keys.Count == 0
            ? "true"
            : string.Join(" AND ", keys.Select(k => $"{joined}.{k.Key} IS NOT DISTINCT FROM {Alias}.{SqlText.Identifier(k.Column)}"));
        _lookups.Add(new Lookup(joined, $" LEFT JOIN {joined} ON {on}"));
        return (new SqlExpression(joined + ".v", kind), joined + ".code");
    }

    public SqlExpression Translate(Expression expression) => expression switch
    {
        NumberLiteral n => Number(n.Value),
        TextLiteral t => new SqlExpression(SqlText.Literal(t.Value), SqlKind.Text),
        BooleanLiteral b => new SqlExpression(b.Value ? "true" : "false", SqlKind.Boolean),
        VariableReference v => Variable(v.Name),
        UnaryExpression u => Unary(u),
        BinaryExpression b => Binary(b),
        MembershipExpression m => Membership(m),
        FunctionCall f => Call(f),
        _ => throw new ProductionException($"an expression of kind {expression.GetType().Name} cannot be computed over the register"),
    };

    private static SqlExpression Number(double value) =>
        new($"CAST('{value.ToString("R", CultureInfo.InvariantCulture)}' AS DOUBLE)", SqlKind.Number);

    private SqlExpression Unary(UnaryExpression unary)
    {
        var operand = Translate(unary.Operand);
        return unary.Operator == UnaryOperator.Not
            ? new SqlExpression($"(NOT {operand.Text})", SqlKind.Boolean)
            : new SqlExpression($"(- {operand.Text})", SqlKind.Number);
    }

    private SqlExpression Binary(BinaryExpression binary)
    {
        var left = Translate(binary.Left);
        var right = Translate(binary.Right);
        string Infix(string op) => $"({left.Text} {op} {right.Text})";
        return binary.Operator switch
        {
            BinaryOperator.Or => new SqlExpression(Infix("OR"), SqlKind.Boolean),
            BinaryOperator.And => new SqlExpression(Infix("AND"), SqlKind.Boolean),
            BinaryOperator.Equal => Compare("=", left, right),
            BinaryOperator.NotEqual => Compare("<>", left, right),
            BinaryOperator.Less => new SqlExpression(Infix("<"), SqlKind.Boolean),
            BinaryOperator.LessOrEqual => new SqlExpression(Infix("<="), SqlKind.Boolean),
            BinaryOperator.Greater => new SqlExpression(Infix(">"), SqlKind.Boolean),
            BinaryOperator.GreaterOrEqual => new SqlExpression(Infix(">="), SqlKind.Boolean),
            BinaryOperator.Add => Arithmetic(Infix("+")),
            BinaryOperator.Subtract => Arithmetic(Infix("-")),
            BinaryOperator.Multiply => Arithmetic(Infix("*")),
            BinaryOperator.Divide => Arithmetic($"({left.Text} / NULLIF({right.Text}, 0))"),
            _ => throw new ProductionException($"operator {binary.Operator} cannot be computed over the register"),
        };
    }

    /// <summary>Equality is exact and typed, as the evaluator's: values of different kinds are never equal.</summary>
    private static SqlExpression Compare(string op, SqlExpression left, SqlExpression right)
    {
        if (left.Kind != right.Kind && left.Kind != SqlKind.Null && right.Kind != SqlKind.Null)
        {
            var differ = op == "<>" ? "true" : "false";
            return new SqlExpression($"(CASE WHEN {left.Text} IS NULL OR {right.Text} IS NULL THEN NULL ELSE {differ} END)", SqlKind.Boolean);
        }

        return new SqlExpression($"({left.Text} {op} {right.Text})", SqlKind.Boolean);
    }

    /// <summary>Arithmetic whose result is not a number (NaN) is missing, as <see cref="Value.Of(double)"/> makes it.</summary>
    private static SqlExpression Arithmetic(string text) => new($"NULLIF({text}, {NaN})", SqlKind.Number);

    /// <summary>DuckDB's NaN, which equals itself (so NULLIF turns it into NULL).</summary>
    private const string NaN = "CAST('NaN' AS DOUBLE)";

    private SqlExpression Membership(MembershipExpression membership)
    {
        // SQL's IN and BETWEEN are NULL for a NULL operand, as the evaluator's membership is missing; items of another
        // kind than the operand never match, as in the evaluator.
        var operand = Translate(membership.Operand);
        var literals = membership.Items.Where(i => i.UpTo is null).Select(i => Literal(i.Value))
            .Where(l => l.Kind == operand.Kind).Select(l => l.Text).ToList();
        var tests = membership.Items.Where(i => i.UpTo is not null && operand.Kind == SqlKind.Number)
            .Select(i => $"({operand.Text} BETWEEN {Number(i.Value.Number).Text} AND {Number(i.UpTo!.Value).Text})").ToList();
        if (literals.Count > 0)
        {
            tests.Insert(0, $"({operand.Text} IN ({string.Join(", ", literals)}))");
        }

        var found = tests.Count == 0
            ? $"(CASE WHEN {operand.Text} IS NULL THEN NULL ELSE false END)"
            : "(" + string.Join(" OR ", tests) + ")";
        return new SqlExpression(membership.Negated ? $"(NOT {found})" : found, SqlKind.Boolean);
    }

    private static SqlExpression Literal(Value value) => value.Kind switch
    {
        ValueKind.Number => Number(value.Number),
        ValueKind.Text => new SqlExpression(SqlText.Literal(value.Text), SqlKind.Text),
        ValueKind.Boolean => new SqlExpression(value.Boolean ? "true" : "false", SqlKind.Boolean),
        _ => SqlExpression.Null,
    };

    private SqlExpression Call(FunctionCall call)
    {
        if (call.Name == Functions.IsMissing)
        {
            return new SqlExpression($"({Translate(call.Arguments[0]).Text} IS NULL)", SqlKind.Boolean);
        }

        if (call.Name == Functions.MeanOfAnswered)
        {
            var needed = ((NumberLiteral)call.Arguments[0]).Value;
            var values = call.Arguments.Skip(1).Select(a => Translate(a).Text).ToList();
            var count = string.Join(" + ", values.Select(v => $"(CASE WHEN {v} IS NULL THEN 0 ELSE 1 END)"));
            var sum = values.Aggregate((string?)null, (acc, v) => acc is null ? $"coalesce({v}, 0.0)" : $"({acc} + coalesce({v}, 0.0))")!;
            return Arithmetic($"(CASE WHEN ({count}) >= {Number(needed).Text} THEN {sum} / ({count}) END)");
        }

        var arguments = call.Arguments.Select(a => Translate(a).Text).ToList();
        var anyMissing = string.Join(" OR ", arguments.Select(a => $"{a} IS NULL"));
        var folded = call.Name switch
        {
            Functions.Sum => Fold(arguments, "+"),
            Functions.Mean => $"({Fold(arguments, "+")} / {Number(arguments.Count).Text})",
            Functions.Min => $"least({string.Join(", ", arguments)})",
            Functions.Max => $"greatest({string.Join(", ", arguments)})",
            _ => throw new ProductionException($"function '{call.Name}' cannot be computed over the register"),
        };
        return Arithmetic($"(CASE WHEN {anyMissing} THEN NULL ELSE {folded} END)");
    }

    /// <summary>Left to right, as the evaluator adds: ((a + b) + c).</summary>
    private static string Fold(List<string> arguments, string op) =>
        arguments.Skip(1).Aggregate(arguments[0], (acc, a) => $"({acc} {op} {a})");
}
