using Barometer.Testing;

namespace Barometer.Cli.Tests.Commands.Publish;

/// <summary>
/// A test that needs a PostgreSQL server: skipped with the reason when <c>BAROMETER_TEST_POSTGRES</c> is not set,
/// unless <c>BAROMETER_REQUIRE_POSTGRES=1</c>, when it runs and fails on the missing server.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (PostgresTestDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
