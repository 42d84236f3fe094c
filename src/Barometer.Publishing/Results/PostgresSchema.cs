using Npgsql;

namespace Barometer.Publishing.Results;

/// <summary>
/// The tables of the PostgreSQL published-results backend and their migrations. <c>published_schema_version</c>
/// records every applied migration; <see cref="Migrate"/> applies the missing ones inside the caller's transaction,
/// so creating the tables and filling them commit (or roll back) together.
/// </summary>
/// <remarks>
/// <c>published_releases</c> holds every released version copied from the store, including versions whose release
/// time is still in the future: they are stored but never served, because every reader goes through
/// <see cref="PublishedSnapshot.AsOf"/>, which hides a release until its time has passed. <c>published_results</c>
/// holds the released cells of those versions only (no unreleased run and no microdata ever reaches PostgreSQL).
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>The newest schema version this build knows.</summary>
    public const int CurrentVersion = 7;

    /// <summary>Serializes publishers: one transaction-scoped advisory lock for the whole publication.</summary>
    public const long PublishLockKey = 0x4261726F6D657472; // "Barometr"

    private static readonly string[] Migrations =
    [
        // Version 1: releases and their released cells, keyed as in the store (docs/architecture.md).
        """
        CREATE TABLE published_releases (
            wave          integer     NOT NULL,
            version       integer     NOT NULL,
            run_id        integer     NOT NULL,
            release_time  timestamptz NOT NULL,
            created_at    timestamptz NOT NULL,
            note          text,
            published_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (wave, version)
        );
        COMMENT ON TABLE published_releases IS
            'Released versions copied from the barometer store by `barometer publish`. Rows whose release_time is in the future are stored but never served: the API reads every row and shows, per wave, the highest version whose release time has passed.';
        CREATE TABLE published_results (
            wave              integer NOT NULL,
            version           integer NOT NULL,
            indicator         text    NOT NULL,
            measure           text    NOT NULL CHECK (measure IN ('level', 'gap', 'standardised_gap', 'change')),
            breakdown         text    NOT NULL,
            cell              text    NOT NULL,
            comparison_group  text    NOT NULL,
            source            text    NOT NULL CHECK (source IN ('survey', 'register')),
            estimate          double precision,
            standard_error    double precision,
            ci_lower          double precision,
            ci_upper          double precision,
            respondents       bigint,
            population        double precision,
            relative_margin   double precision,
            significant       boolean,
            quality_flag      text,
            suppression_rule  text,
            PRIMARY KEY (wave, version, indicator, breakdown, cell, comparison_group, measure),
            FOREIGN KEY (wave, version) REFERENCES published_releases (wave, version)
        );
        COMMENT ON TABLE published_results IS
            'Released cells of the versions in published_releases (aggregates only; suppressed cells keep their suppression_rule and no numbers).';
        """,

        // Version 2: the checksum of each release as published (PublishedChecksum), checked when the API reads it.
        """
        ALTER TABLE published_releases ADD COLUMN results_sha256 text;
        COMMENT ON COLUMN published_releases.results_sha256 IS
            'SHA-256 of the release record and its cells as published; the API refuses a release that no longer matches. NULL for releases published before version 2.';
        """,

        // Version 3: the previous wave's version each release's changes were computed against (PublishedRelease.ChangesAgainst).
        """
        ALTER TABLE published_releases ADD COLUMN changes_against_wave integer, ADD COLUMN changes_against_version integer;
        COMMENT ON COLUMN published_releases.changes_against_version IS
            'The version of wave changes_against_wave that the release''s changes were computed against; its changes are served only while that version is the public one of its wave. NULL: no change is served.';
        """,

        // Version 4: the released run's rules (PublishedRelease.RulesJson), which the dashboard states.
        """
        ALTER TABLE published_releases ADD COLUMN rules text;
        COMMENT ON COLUMN published_releases.rules IS
            'The released run''s rules as its provenance recorded them (JSON). NULL for releases published before version 4: the dashboard then states the catalogue''s rules.';
        """,

        // Version 5: the released wave's nonresponse analysis, aggregates only (PublishedRelease.QualityJson), which the dashboard's quality section shows.
        """
        ALTER TABLE published_releases ADD COLUMN quality text;
        COMMENT ON COLUMN published_releases.quality IS
            'The released wave''s nonresponse analysis as the public may see it (JSON of PublishedQuality: response by stratum and group, R-indicator, partial indicators, bias table; cells under the survey minimum without values). NULL for releases published before version 5.';
        """,

        // Version 6: expected versus actual by area (Measure.Expected, Measure.ExpectedDifference), two more measures of a released cell.
        """
        ALTER TABLE published_results DROP CONSTRAINT IF EXISTS published_results_measure_check;
        ALTER TABLE published_results ADD CONSTRAINT published_results_measure_check
            CHECK (measure IN ('level', 'gap', 'standardised_gap', 'change', 'expected', 'expected_difference'));
        """,

        // Version 7: model-based (small-area) estimates by area (Measure.ModelEstimate), one more measure of a released cell.
        """
        ALTER TABLE published_results DROP CONSTRAINT IF EXISTS published_results_measure_check;
        ALTER TABLE published_results ADD CONSTRAINT published_results_measure_check
            CHECK (measure IN ('level', 'gap', 'standardised_gap', 'change', 'expected', 'expected_difference', 'model_estimate'));
        """,
    ];

    /// <summary>Creates or upgrades the tables inside <paramref name="transaction"/>; a no-op when they are current.</summary>
    public static void Migrate(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Execute(connection, transaction,
            "CREATE TABLE IF NOT EXISTS published_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        var applied = AppliedVersion(connection, transaction) ?? 0;
        if (applied > CurrentVersion)
        {
            throw new PublishedResultsException(
                $"the published tables are at schema version {applied}, newer than this barometer knows ({CurrentVersion}); use a newer barometer.");
        }

        for (var version = applied + 1; version <= CurrentVersion; version++)
        {
            Execute(connection, transaction, Migrations[version - 1]);
            using var record = new NpgsqlCommand("INSERT INTO published_schema_version (version) VALUES ($1)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            record.ExecuteNonQuery();
        }
    }

    /// <summary>The applied schema version, or null when nothing was ever published here.</summary>
    public static int? AppliedVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('published_schema_version') IS NULL THEN NULL ELSE 0 END", connection, transaction);
        if (command.ExecuteScalar() is DBNull or null)
        {
            return null;
        }

        using var max = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM published_schema_version", connection, transaction);
        return Convert.ToInt32(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
