using System.CommandLine;
using System.Globalization;
using Barometer.Cli.Hosting;
using Barometer.Publishing.Results;
using Barometer.Storage;

namespace Barometer.Cli.Commands.Publish;

/// <summary>
/// <c>barometer publish --store PATH --postgres CONNECTION</c>: copies every released version of the store and its
/// results (never unreleased runs, never microdata) to the PostgreSQL published-results backend, in one transaction.
/// Publishing again adds only releases PostgreSQL does not hold yet; versions due in the future are copied but stay
/// hidden until their release time, because the API applies the embargo when it reads.
/// </summary>
internal static class PublishCommand
{
    /// <summary>The environment variable read when <c>--postgres</c> is not given (keeps a password off the command line).</summary>
    public const string ConnectionVariable = "BAROMETER_POSTGRES";

    public static Command Create()
    {
        var storeOption = new Option<string>("--store")
        {
            Description = "The store file (DuckDB) whose released versions are published.",
            DefaultValueFactory = _ => BarometerStore.DefaultPath,
        };
        var postgresOption = new Option<string?>("--postgres")
        {
            Description = "The PostgreSQL connection string, e.g. \"Host=db;Port=5432;Database=barometer;Username=publisher\" " +
                $"(add \"Search Path=SCHEMA\" for another schema than public). [default: the {ConnectionVariable} environment variable]",
        };
        var command = new Command(
            "publish",
            "Copy the store's released versions and their results to PostgreSQL, the published-results backend for API " +
            "instances behind a load balancer (Publication:Backend=postgres). One transaction; publishing again only adds new releases.")
        {
            storeOption, postgresOption,
        };
        command.SetAction(parse =>
        {
            var connection = parse.GetValue(postgresOption) ?? Environment.GetEnvironmentVariable(ConnectionVariable);
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new UserErrorException($"--postgres: give the PostgreSQL connection string (or set {ConnectionVariable}). Nothing was published.");
            }

            Execute(parse.GetValue(storeOption)!, connection, parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static PostgresPublishOutcome Execute(string storePath, string connectionString, TextWriter output)
    {
        PostgresPublisher publisher;
        try
        {
            publisher = new PostgresPublisher(connectionString);
        }
        catch (PublishedResultsException ex)
        {
            throw new UserErrorException($"--postgres: {ex.Message} Nothing was published.", ex);
        }

        PublishedSnapshot snapshot;
        try
        {
            snapshot = new DuckDbPublishedResults(storePath).Load();
        }
        catch (PublishedResultsException ex)
        {
            throw new UserErrorException($"--store: {ex.Message} Nothing was published.", ex);
        }

        PostgresPublishOutcome outcome;
        try
        {
            outcome = publisher.Publish(snapshot);
        }
        catch (PublishedResultsException ex)
        {
            throw new UserErrorException(ex.Message.Contains("Nothing was written", StringComparison.Ordinal) ? ex.Message : ex.Message + " Nothing was published.", ex);
        }

        Report(outcome, snapshot, publisher.Description, output);
        return outcome;
    }

    private static void Report(PostgresPublishOutcome outcome, PublishedSnapshot snapshot, string target, TextWriter output)
    {
        if (snapshot.AllReleases.Count == 0)
        {
            output.WriteLine($"The store has no released version yet (release a wave with `barometer release`); {target} is unchanged.");
        }
        else if (outcome.Added.Count == 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target} already holds all {outcome.AlreadyPublished} released version(s) of the store; nothing to publish."));
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Published {outcome.Added.Count} released version(s) with {outcome.ResultRows:N0} result rows to {target} ({outcome.AlreadyPublished} already there):"));
            foreach (var release in outcome.Added)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  wave {release.Wave} version {release.Version} (run {release.RunId}), public from {release.ReleaseTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC"));
            }

            output.WriteLine("Versions whose release time is still ahead are stored but not served before it: the API applies the embargo when it reads.");
        }

        if (outcome.OnlyInPostgres.Count > 0)
        {
            output.WriteLine(
                $"Note: PostgreSQL also holds {outcome.OnlyInPostgres.Count} released version(s) this store does not " +
                $"({string.Join(", ", outcome.OnlyInPostgres.Select(r => string.Create(CultureInfo.InvariantCulture, $"wave {r.Wave} version {r.Version}")))}); they were kept.");
        }
    }
}
