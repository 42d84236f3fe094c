using Barometer.Catalogue.Text;

namespace Barometer.Publishing.Tables;

/// <summary>PxWeb's codelist types.</summary>
public enum CodelistType
{
    Aggregation,
    Valueset,
}

/// <summary>One value of a codelist and the codes of the variable it stands for (PxWeb ValueMap).</summary>
public sealed record CodelistValue(string Code, LocalizedText Label, IReadOnlyList<string> ValueMap);

/// <summary>
/// A PxWeb codelist (docs/api.md, "Codelists"): a valueset <c>vs_{classification}</c> of a breakdown's values, or an
/// aggregation <c>agg_{from}_{to}</c> that groups the codes of one classification into another's.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>vs_kommun</c>, <c>agg_kommun_lan</c>.</param>
/// <param name="Label">Name in Swedish and English.</param>
/// <param name="Type">Valueset or aggregation.</param>
/// <param name="Classification">The classification whose codes the codelist applies to (a variable's values).</param>
/// <param name="Target">For an aggregation, the classification of its values; for a valueset the same as <paramref name="Classification"/>.</param>
/// <param name="Values">The codelist's values, <c>total</c> first, each with the variable's codes it stands for.</param>
public sealed record PublishedCodelist(
    string Id,
    LocalizedText Label,
    CodelistType Type,
    string Classification,
    string Target,
    IReadOnlyList<CodelistValue> Values)
{
    public bool Elimination { get; init; } = true;

    public string? EliminationValueCode { get; init; } = TableCodes.Total;
}
