namespace Barometer.Storage.Fieldwork;

/// <summary>Persons drawn and responding in one stratum of a wave's gross sample.</summary>
public sealed record FieldworkStratum(string Stratum, long FramePersons, long Sampled, long Responded)
{
    public double? Rate => Sampled == 0 ? null : (double)Responded / Sampled;
}

/// <summary>Persons drawn and responding in one group of a background variable of the gross sample.</summary>
public sealed record FieldworkGroup(string Variable, string Code, long Sampled, long Responded)
{
    public double? Rate => Sampled == 0 ? null : (double)Responded / Sampled;
}

/// <summary>The fieldwork of a survey wave: response by stratum and by group, as the run computed it from the gross sample.</summary>
public sealed record SurveyFieldwork(int Wave, IReadOnlyList<FieldworkStratum> Strata, IReadOnlyList<FieldworkGroup> Groups)
{
    public long Sampled => Strata.Sum(s => s.Sampled);

    public long Responded => Strata.Sum(s => s.Responded);

    public long FramePersons => Strata.Sum(s => s.FramePersons);

    public double? Rate => Sampled == 0 ? null : (double)Responded / Sampled;
}

/// <summary>
/// The store's <c>fieldwork_strata</c> and <c>fieldwork_groups</c> (migration 0004): the fieldwork of each run's
/// wave, written by the production run, read by the report.
/// </summary>
public static class FieldworkTable
{
    /// <summary>Persons drawn (and in the frame) and responding by stratum of a wave's gross sample, by stratum code; empty when the wave has none.</summary>
    public static IReadOnlyList<FieldworkStratum> StrataOf(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Ingestion.InputTables.GrossSample(session, wave) is not { } table)
        {
            return [];
        }

        return session.Query(
            $"SELECT stratum, max(stratum_population), count(*), count(*) FILTER (WHERE responded) FROM {SqlText.Identifier(table)} GROUP BY stratum ORDER BY stratum",
            r => new FieldworkStratum(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
    }

    public static void Write(StoreSession session, int runId, SurveyFieldwork fieldwork)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fieldwork);
        using (var appender = session.Appender("fieldwork_strata"))
        {
            for (var i = 0; i < fieldwork.Strata.Count; i++)
            {
                var s = fieldwork.Strata[i];
                appender.CreateRow().AppendValue(runId).AppendValue(i).AppendValue(s.Stratum).AppendValue(s.FramePersons).AppendValue(s.Sampled).AppendValue(s.Responded).EndRow();
            }
        }

        using (var appender = session.Appender("fieldwork_groups"))
        {
            for (var i = 0; i < fieldwork.Groups.Count; i++)
            {
                var g = fieldwork.Groups[i];
                appender.CreateRow().AppendValue(runId).AppendValue(i).AppendValue(g.Variable).AppendValue(g.Code).AppendValue(g.Sampled).AppendValue(g.Responded).EndRow();
            }
        }
    }

    /// <summary>The fieldwork stored with a run of <paramref name="wave"/>, or null when the run stored none.</summary>
    public static SurveyFieldwork? Read(StoreSession session, int runId, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        var strata = session.Query("SELECT stratum, frame_persons, sampled, responded FROM fieldwork_strata WHERE run_id = $run ORDER BY position",
            r => new FieldworkStratum(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), ("run", runId));
        if (strata.Count == 0)
        {
            return null;
        }

        var groups = session.Query("SELECT variable, code, sampled, responded FROM fieldwork_groups WHERE run_id = $run ORDER BY position",
            r => new FieldworkGroup(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)), ("run", runId));
        return new SurveyFieldwork(wave, strata, groups);
    }
}
