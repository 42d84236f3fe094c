namespace Barometer.Storage.Ingestion;

/// <summary>What to ingest: a register extract, a survey wave, or both, described by a codebook.</summary>
/// <param name="RegisterInput">A register file or a folder of them (.parquet, .csv), or null.</param>
/// <param name="SurveyInput">The wave's survey files: a file or a folder (gross sample, responses), or null.</param>
/// <param name="Wave">The survey wave (a year); required with <paramref name="SurveyInput"/>.</param>
/// <param name="CodebookPath">The codebook; when null, the nearest codebook.yaml at or above the inputs.</param>
/// <param name="ClassificationCodes">The codes of a catalogue classification by id, or null when the catalogue has no such classification.</param>
/// <param name="AllowDropping">
/// Whether a re-ingest may drop a file stored for the register extract or the wave that the new input no longer has;
/// without it such a re-ingest is refused, so a partial folder never silently replaces a complete wave.
/// </param>
/// <param name="FrameCells">
/// What a register ingest counts and keeps with the extract, in the same transaction: the persons in the sample
/// design's frame ages per combination of its strata columns (<see cref="Sampling.SampleStore.KeepFrameCells"/>), so
/// that <c>plan</c> takes N_h from them. Null: no counts are kept (and an earlier extract's are dropped).
/// </param>
public sealed record IngestRequest(
    string? RegisterInput,
    string? SurveyInput,
    int? Wave,
    string? CodebookPath,
    Func<string, IReadOnlyCollection<string>?> ClassificationCodes,
    bool AllowDropping = false,
    Sampling.FrameCellSpec? FrameCells = null);

/// <summary>One thing wrong with the input: where (file, 1-based data row, column), what was expected and what was found.</summary>
public sealed record IngestProblem(string File, long? Row, string? Column, string Expected, string Actual)
{
    public override string ToString()
    {
        var where = File;
        if (Row is not null)
        {
            where += $", row {Row.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        if (Column is not null)
        {
            where += $", column {Column}";
        }

        return $"{where}: expected {Expected}, found {Actual}";
    }
}

public enum IngestStatus
{
    /// <summary>New data was stored.</summary>
    Ingested,

    /// <summary>Changed files replaced an earlier ingest of the same wave or register.</summary>
    Replaced,

    /// <summary>The same files (same SHA-256) were ingested before: nothing was done.</summary>
    Unchanged,

    /// <summary>The input has problems: nothing was written.</summary>
    Rejected,
}

/// <summary>One file as stored.</summary>
public sealed record IngestedFile(string Scope, int? Wave, string Kind, string Path, string Sha256, long Rows, string TableName);

/// <summary>The outcome of an ingest: what happened, what was stored, and every problem when it was rejected.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Messages">One line per register extract or wave: ingested, replaced or unchanged.</param>
/// <param name="Files">The files stored (the stored ones when nothing changed).</param>
/// <param name="Problems">The first <see cref="IngestProblems.MaxListed"/> problems.</param>
/// <param name="ProblemCount">All problems found, listed or not.</param>
public sealed record IngestOutcome(
    IngestStatus Status,
    IReadOnlyList<string> Messages,
    IReadOnlyList<IngestedFile> Files,
    IReadOnlyList<IngestProblem> Problems,
    long ProblemCount);

/// <summary>Receives the phases of an ingest and how far each has come.</summary>
public interface IIngestProgress
{
    void Report(string phase, long done, long total);
}

/// <summary>Collects problems: keeps the first <see cref="MaxListed"/>, counts all.</summary>
public sealed class IngestProblems
{
    public const int MaxListed = 50;

    private readonly List<IngestProblem> _listed = [];

    public IReadOnlyList<IngestProblem> Listed => _listed;

    public long Count { get; private set; }

    /// <summary>How many more problems would still be listed.</summary>
    public int Room => MaxListed - _listed.Count;

    public void Add(IngestProblem problem)
    {
        Count++;
        if (_listed.Count < MaxListed)
        {
            _listed.Add(problem);
        }
    }

    /// <summary>Adds listed examples of a check whose total is known.</summary>
    public void AddMany(IEnumerable<IngestProblem> examples, long total)
    {
        var added = 0L;
        foreach (var problem in examples)
        {
            if (_listed.Count < MaxListed)
            {
                _listed.Add(problem);
            }

            added++;
        }

        Count += Math.Max(total, added);
    }
}
