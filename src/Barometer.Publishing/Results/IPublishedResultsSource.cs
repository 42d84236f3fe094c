namespace Barometer.Publishing.Results;

/// <summary>
/// Where the publication side reads released results from: the embedded DuckDB store by default, PostgreSQL in a
/// deployment with several API instances. A source returns only released runs (every version, also those whose
/// release time has not come yet); the embargo is applied per request by <see cref="PublishedSnapshot.AsOf"/>.
/// </summary>
public interface IPublishedResultsSource
{
    /// <summary>A short text that changes whenever a release is added, so callers know when to reload.</summary>
    string Fingerprint();

    /// <summary>Reads every release and the results of every released run.</summary>
    PublishedSnapshot Load();
}
