namespace Barometer.Storage.Runs;

/// <summary>A completed run as the store records it (<c>runs</c>): when, from what input, with which code and rules.</summary>
public sealed record StoredRun(
    int RunId,
    int Wave,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? CatalogueVersion,
    string? SoftwareVersion,
    string? InputSha256,
    string? RulesJson,
    string? SummaryJson)
{
    /// <summary>The run's rules, typed.</summary>
    public RunRules? Rules => RunRules.FromJson(RulesJson);
}

/// <summary>The store's <c>runs</c> table: one row per completed production run of a wave.</summary>
public static class RunTable
{
    private const string Completed = "completed";

    /// <summary>Records a completed run and returns its id.</summary>
    public static int Insert(
        StoreSession session, int wave, DateTimeOffset startedAt, DateTimeOffset finishedAt, string catalogueVersion, string softwareVersion,
        string inputSha256, RunRules rules, string summaryJson)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rules);
        return (int)session.Number(
            "INSERT INTO runs (wave, started_at, finished_at, status, catalogue_version, software_version, input_sha256, rules, summary) " +
            "VALUES ($wave, $started, $finished, $status, $catalogue, $software, $input, $rules, $summary) RETURNING run_id",
            ("wave", wave), ("started", startedAt.UtcDateTime), ("finished", finishedAt.UtcDateTime), ("status", Completed),
            ("catalogue", catalogueVersion), ("software", softwareVersion), ("input", inputSha256), ("rules", rules.ToJson()), ("summary", summaryJson))!.Value;
    }

    /// <summary>The latest completed run of a wave, or null.</summary>
    public static int? LatestCompleted(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (int?)session.Number("SELECT max(run_id) FROM runs WHERE wave = $wave AND status = $status", ("wave", wave), ("status", Completed));
    }

    /// <summary>The record of the latest completed run of a wave, or null.</summary>
    public static StoredRun? LatestCompletedRecord(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT run_id, wave, started_at, finished_at, catalogue_version, software_version, input_sha256, rules, summary FROM runs " +
            "WHERE wave = $wave AND status = $status ORDER BY run_id DESC LIMIT 1",
            r => new StoredRun(r.GetInt32(0), r.GetInt32(1), r.GetDateTime(2), r.IsDBNull(3) ? null : r.GetDateTime(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)),
            ("wave", wave), ("status", Completed)).FirstOrDefault();
    }

    /// <summary>The rules of a run as stored (JSON), or null.</summary>
    public static string? RulesJson(StoreSession session, int runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Scalar("SELECT rules FROM runs WHERE run_id = $run", ("run", runId)) as string;
    }

    /// <summary>The latest wave before <paramref name="wave"/> with a completed run, or null.</summary>
    public static int? PreviousWave(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (int?)session.Number("SELECT max(wave) FROM runs WHERE wave < $wave AND status = $status", ("wave", wave), ("status", Completed));
    }

    /// <summary>
    /// The latest completed run whose register results can be reused: same catalogue and software version, same
    /// register input (<see cref="RunRules.RegisterSha256"/>) and register code (<see cref="RunRules.RegisterCode"/>).
    /// </summary>
    public static int? WithSameRegister(StoreSession session, string catalogueVersion, string softwareVersion, string registerSha256, string registerCode)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (int?)session.Number(
            "SELECT max(run_id) FROM runs WHERE status = $status AND catalogue_version = $catalogue AND software_version = $software " +
            "AND json_extract_string(rules, '$.register_sha256') = $register AND json_extract_string(rules, '$.register_code') = $code",
            ("status", Completed), ("catalogue", catalogueVersion), ("software", softwareVersion), ("register", registerSha256), ("code", registerCode));
    }

    /// <summary>
    /// The latest completed run of the wave when it was computed from the given input, catalogue and software, with
    /// its changes against the given version of the previous wave (empty text: none), else null.
    /// </summary>
    public static int? Current(StoreSession session, int wave, string inputSha256, string catalogueVersion, string softwareVersion, string changesAgainstVersion)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (int?)session.Number(
            "SELECT max(run_id) FROM runs WHERE wave = $wave AND status = $status AND input_sha256 = $input AND catalogue_version = $catalogue AND software_version = $software " +
            "AND coalesce(json_extract_string(rules, '$.changes.previous_version'), '') = $base " +
            "AND run_id = (SELECT max(run_id) FROM runs WHERE wave = $wave AND status = $status)",
            ("wave", wave), ("status", Completed), ("input", inputSha256), ("catalogue", catalogueVersion), ("software", softwareVersion), ("base", changesAgainstVersion));
    }
}
