namespace Barometer.Storage.Runs;

/// <summary>
/// The store's <c>run_respondents</c> (migration 0005): per respondent of a run, in the run's row order, the person
/// id, the design weight and the calibrated weight the run estimated with. Written by the production run, read by
/// <c>barometer plan</c> (<see cref="Sampling.SampleStore.RunRespondents"/>). Microdata: producer side only; no
/// release or publication reads it.
/// </summary>
public static class RunRespondentTable
{
    /// <summary>Writes the respondents of run <paramref name="runId"/>; the three lists have one entry per respondent.</summary>
    public static void Write(StoreSession session, int runId, IReadOnlyList<long?> personIds, IReadOnlyList<double> designWeights, IReadOnlyList<double> calibratedWeights)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(personIds);
        ArgumentNullException.ThrowIfNull(designWeights);
        ArgumentNullException.ThrowIfNull(calibratedWeights);
        if (designWeights.Count != personIds.Count || calibratedWeights.Count != personIds.Count)
        {
            throw new ArgumentException($"{personIds.Count} person ids, {designWeights.Count} design weights and {calibratedWeights.Count} calibrated weights; expected one of each per respondent.", nameof(personIds));
        }

        using var appender = session.Appender("run_respondents");
        for (var i = 0; i < personIds.Count; i++)
        {
            var row = appender.CreateRow().AppendValue(runId).AppendValue(i);
            row = personIds[i] is { } id ? row.AppendValue(id) : row.AppendNullValue();
            row.AppendValue(designWeights[i]).AppendValue(calibratedWeights[i]).EndRow();
        }
    }
}
