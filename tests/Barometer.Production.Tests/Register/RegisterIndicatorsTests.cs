using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Disclosure;
using Barometer.Production.Register;
using Barometer.Production.Variables;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Register;

/// <summary>
/// The register indicators aggregated by DuckDB (<see cref="RegisterIndicators"/>) against the person-by-person
/// evaluation with the catalogue's own evaluator (<see cref="EvaluatorRegisterIndicators"/>) on synthetic Sweden, and
/// the SQL translation of the expression language against the evaluator on a register made of edge cases.
/// </summary>
[Collection(ProducedStoreGroup.Name)]
public sealed class RegisterIndicatorsTests(ProducedStore produced)
{
    [Fact]
    public void Levels_EqualThePersonByPersonEvaluation_InEveryCell()
    {
        var (sql, evaluated) = BothLevels();
        Assert.True(sql.Count > 5000, $"only {sql.Count} register levels");
        var expected = evaluated.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var actual = sql.ToDictionary(r => r.Key, StringComparer.Ordinal);
        Assert.Empty(expected.Keys.Except(actual.Keys).Take(5));
        Assert.Empty(actual.Keys.Except(expected.Keys).Take(5));
        foreach (var (key, row) in actual)
        {
            var other = expected[key];
            Assert.True(other.Respondents == row.Respondents, $"{key}: {row.Respondents} persons, evaluated {other.Respondents}");
            Assert.True(other.Population == row.Population, $"{key}: {row.Population} with the property, evaluated {other.Population}");
            Assert.True(SameValue(other.Estimate, row.Estimate), $"{key}: {row.Estimate}, evaluated {other.Estimate}");
        }

        // Every statistic the catalogue's register indicators use is covered.
        var statistics = actual.Values.Select(r => produced.Catalogue.Indicator(r.Indicator).Statistic).Distinct().ToList();
        Assert.Equal(Enum.GetValues<StatisticKind>().Order(), statistics.Order());
    }

    [Fact]
    public void Compute_SuppressesAndComputesGaps_ExactlyAsThePersonByPersonEvaluation()
    {
        var (sql, evaluated) = BothLevels();
        var indicators = RegisterIndicatorsOf();
        var rules = produced.Catalogue.Quality.Register;
        var fromSql = RegisterIndicators.Finish(sql, indicators, rules, NestedBreakdowns.From(produced.Catalogue)).ToDictionary(r => r.Key + "/" + r.Measure, StringComparer.Ordinal);
        var fromEvaluation = RegisterIndicators.Finish(evaluated, indicators, rules, NestedBreakdowns.From(produced.Catalogue)).ToDictionary(r => r.Key + "/" + r.Measure, StringComparer.Ordinal);
        Assert.Equal(fromEvaluation.Count, fromSql.Count);
        Assert.Contains(fromSql.Values, r => r.SuppressionRule == SuppressionRules.RegisterComplementary);
        foreach (var (key, row) in fromSql)
        {
            var other = fromEvaluation[key];
            Assert.True(other.SuppressionRule == row.SuppressionRule, $"{key}: rule {row.SuppressionRule}, evaluated {other.SuppressionRule}");
            Assert.True(SameValue(other.Estimate, row.Estimate), $"{key}: {row.Estimate}, evaluated {other.Estimate}");
        }
    }

    [Fact]
    public void Levels_AreInAFixedOrder_WhateverTheOrderOfTheRegister()
    {
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var table = RegisterGroups.Table(session)!;
            var indicators = RegisterIndicatorsOf();
            var before = RegisterIndicators.Compute(session, produced.Catalogue, table, indicators).Select(Describe).ToList();
            session.Execute($"CREATE OR REPLACE TABLE {SqlText.Identifier(table)} AS SELECT * FROM {SqlText.Identifier(table)} ORDER BY hash(person_id)");
            var after = RegisterIndicators.Compute(session, produced.Catalogue, table, indicators).Select(Describe).ToList();
            Assert.Equal(before, after);
            return 0;
        });
    }

    [Theory]
    [InlineData("employed")]
    [InlineData("not employed")]
    [InlineData("employed and earned_income > 100000")]
    [InlineData("earned_income > 100000")]
    [InlineData("age > 30 or age < 20")]
    [InlineData("employed or missing(earned_income)")]
    [InlineData("not (employed or in_labour_force)")]
    [InlineData("earned_income / (age - 30)")]
    [InlineData("earned_income * 2 + 1 - age")]
    [InlineData("-earned_income")]
    [InlineData("age in [20..64, 70]")]
    [InlineData("age not in [0..19]")]
    [InlineData("birth_country not in [\"SE\", \"FI\"]")]
    [InlineData("kommun in [\"0180\", 1]")]
    [InlineData("kommun == 180")]
    [InlineData("kommun != 180")]
    [InlineData("age == 30")]
    [InlineData("age != 30")]
    [InlineData("age <= 30 and age >= 20 or age < 5")]
    [InlineData("swedish_citizen == true")]
    [InlineData("foreign_born")]
    [InlineData("foreign_background")]
    [InlineData("background_detail")]
    [InlineData("birth_region_4")]
    [InlineData("lan")]
    [InlineData("riksomrade == \"1\"")]
    [InlineData("years_in_sweden_4")]
    [InlineData("age_labour")]
    [InlineData("mean(age, years_in_sweden)")]
    [InlineData("sum(age, years_in_sweden, earned_income)")]
    [InlineData("min(age, years_in_sweden)")]
    [InlineData("max(age, years_in_sweden)")]
    [InlineData("mean_of_answered(2, age, years_in_sweden, earned_income)")]
    [InlineData("mean_of_answered(1, years_in_sweden, earned_income)")]
    [InlineData("earned_income / 0")]
    [InlineData("not_a_register_variable")]
    public void Translation_GivesTheEvaluatorsValue_ForEveryPerson(string text)
    {
        var (expression, problems) = ExpressionParser.Parse(text);
        Assert.Empty(problems);
        EdgeCases((session, sql, rows) =>
        {
            var translated = sql.Translate(expression);
            var values = session.Query($"SELECT {RegisterSql.Alias}.person_id, {translated.Text} FROM {sql.FromFor(translated.Text)} ORDER BY {RegisterSql.Alias}.person_id",
                r => StoredValues.ToValue(r.IsDBNull(1) ? null : r.GetValue(1)));
            Assert.Equal(rows.Count, values.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var expected = ExpressionEvaluator.Evaluate(expression, Lookup(rows[i]));
                Assert.True(SameValue(expected, values[i]), $"person {i + 1}: '{text}' is {values[i]} in SQL, {expected} evaluated");
            }
        });
    }

    [Theory]
    [InlineData("sex")]
    [InlineData("lan")]
    [InlineData("birth_region_8")]
    [InlineData("years_in_sweden_5")]
    [InlineData("age_labour")]
    [InlineData("age")]
    [InlineData("employed")]
    [InlineData("earned_income")]
    public void BreakdownCodes_AreTheEvaluatorsCodes(string variable)
    {
        EdgeCases((session, sql, rows) =>
        {
            var code = sql.Code(variable);
            var codes = session.Query($"SELECT {RegisterSql.Alias}.person_id, {code} FROM {sql.FromFor(code)} ORDER BY {RegisterSql.Alias}.person_id",
                r => r.IsDBNull(1) ? null : r.GetString(1));
            for (var i = 0; i < rows.Count; i++)
            {
                var expected = IndicatorMeasurement.Code(Lookup(rows[i])(variable));
                Assert.True(expected == codes[i], $"person {i + 1}: {variable} code '{codes[i]}' in SQL, '{expected}' evaluated");
            }
        });
    }

    private static bool SameValue(Value expected, Value actual) =>
        expected.Kind == actual.Kind && (expected.Kind == ValueKind.Number ? SameValue(expected.Number, actual.Number) : expected == actual);

    private static bool SameValue(double? expected, double? actual) =>
        expected is null ? actual is null : actual is { } a && Math.Abs(a - expected.Value) <= 1e-12 * Math.Max(1, Math.Abs(expected.Value));

    private List<Indicator> RegisterIndicatorsOf() =>
        [.. produced.Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register)];

    private static string Describe(ResultRow r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Key}/{r.Measure}={r.Estimate:R}/{r.Respondents}/{r.Population}/{r.SuppressionRule}");

    private (IReadOnlyList<ResultRow> Sql, IReadOnlyList<ResultRow> Evaluated) BothLevels()
    {
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        return store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var table = RegisterGroups.Table(session)!;
            var indicators = RegisterIndicatorsOf();
            return (RegisterIndicators.Levels(session, produced.Catalogue, table, indicators),
                EvaluatorRegisterIndicators.Levels(session, produced.Catalogue, table, indicators));
        });
    }

    private Func<string, Value> Lookup(Dictionary<string, Value> row) =>
        produced.Catalogue.Evaluator.For(name => row.TryGetValue(name, out var v) ? v : Value.Missing);

    /// <summary>
    /// A register of edge cases: missing values in every column, zero and NaN incomes, a person aged exactly 30,
    /// unknown parents, kommuner of different län.
    /// </summary>
    private void EdgeCases(Action<StoreSession, RegisterSql, List<Dictionary<string, Value>>> test)
    {
        var path = Path.Combine(produced.Root, "edge-" + Guid.NewGuid().ToString("N") + ".duckdb");
        using var store = BarometerStore.Open(path, TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            session.Execute("""
                CREATE TABLE register_edge (person_id BIGINT, sex VARCHAR, age BIGINT, birth_country VARCHAR, mother_birth_country VARCHAR,
                    father_birth_country VARCHAR, years_in_sweden BIGINT, swedish_citizen BOOLEAN, kommun VARCHAR, employed BOOLEAN,
                    in_labour_force BOOLEAN, earned_income DOUBLE)
                """);
            session.Execute("""
                INSERT INTO register_edge VALUES
                  (1, '1', 30, 'SE', 'SE', 'SE', NULL, true, '0180', true, true, 250000),
                  (2, '2', 45, 'SY', NULL, NULL, 7, false, '1280', false, true, 0),
                  (3, '1', NULL, 'SE', 'IQ', 'IQ', NULL, true, '0180', NULL, NULL, NULL),
                  (4, '2', 19, 'FI', 'FI', 'SE', 25, NULL, '2480', true, NULL, 'NaN'),
                  (5, NULL, 64, NULL, NULL, NULL, 0, true, NULL, false, false, 99999.5),
                  (6, '1', 70, 'SE', NULL, 'SO', NULL, true, '1480', true, true, 1e6),
                  (7, '2', 0, 'IQ', 'IQ', 'IQ', 3, false, '0180', NULL, false, -12.25),
                  (8, '1', 20, 'SE', 'SE', NULL, NULL, true, '0114', false, NULL, 100000)
                """);
            var rows = session.Query("SELECT * FROM register_edge ORDER BY person_id", r =>
            {
                var row = new Dictionary<string, Value>(StringComparer.Ordinal);
                for (var c = 0; c < r.FieldCount; c++)
                {
                    row[r.GetName(c)] = StoredValues.ToValue(r.IsDBNull(c) ? null : r.GetValue(c));
                }

                return row;
            });
            using var sql = new RegisterSql(session, produced.Catalogue, "register_edge");
            test(session, sql, rows);
            return 0;
        });
    }
}
