using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Questionnaires;

/// <summary>Why an answer code carries no substantive answer.</summary>
public enum MissingKind
{
    /// <summary>Vet ej / don't know.</summary>
    DontKnow,

    /// <summary>Inget svar / no answer (item non-response).</summary>
    NoAnswer,

    /// <summary>Ej aktuellt / not applicable.</summary>
    NotApplicable,
}

/// <summary>One answer alternative of a response scale.</summary>
/// <param name="Missing">Null for a substantive answer.</param>
public sealed record ResponseCode(int Code, LocalizedText Label, MissingKind? Missing);

/// <summary>A response scale shared by items, e.g. a five-point trust scale with "vet ej" 8 and "inget svar" 9.</summary>
public sealed record ResponseScale(string Id, LocalizedText Name, IReadOnlyList<ResponseCode> Codes, SourceLocation Location)
{
    public ResponseCode? Find(int code) => Codes.FirstOrDefault(c => c.Code == code);
}

/// <summary>One rule of a recode: the listed answer codes become <see cref="To"/>, their own code (<see cref="KeepCode"/>), or missing.</summary>
public sealed record RecodeRule(IReadOnlyList<int> Codes, double? To, bool KeepCode, SourceLocation Location)
{
    public bool ToMissing => To is null && !KeepCode;
}

/// <summary>A recode turning an item's answers into a named indicator variable (e.g. 4–5 → 1, 1–3 → 0, vet ej → missing).</summary>
public sealed record Recode(string Name, LocalizedText Description, IReadOnlyList<RecodeRule> Rules, SourceLocation Location)
{
    /// <summary>The recoded value of an answer code; missing when the item was not asked or the code maps to missing.</summary>
    public Value Apply(int? code)
    {
        if (code is not { } answer)
        {
            return Value.Missing;
        }

        foreach (var rule in Rules)
        {
            if (rule.Codes.Contains(answer))
            {
                return rule.KeepCode ? Value.Of(answer) : rule.To is { } to ? Value.Of(to) : Value.Missing;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(code), answer, $"answer code {answer} is not covered by recode '{Name}'");
    }
}

/// <summary>A group of items fielded together, e.g. "Förtroende".</summary>
public sealed record SurveyBlock(string Id, LocalizedText Name, SourceLocation Location);

/// <summary>One question of the questionnaire.</summary>
/// <param name="Filter">Who is asked, over register variables and earlier items; null when everyone is.</param>
public sealed record SurveyItem(
    string Id,
    string Block,
    LocalizedText Question,
    string Scale,
    Formula? Filter,
    IReadOnlyList<Recode> Recodes,
    SourceLocation Location);

/// <summary>A variable computed from several survey variables, e.g. an index or "any of these activities".</summary>
public sealed record SurveyDerivedVariable(string Name, VariableType Type, LocalizedText Description, Formula Formula, SourceLocation Location);

/// <summary>The survey questionnaire: scales, items in fielding order, and derived survey variables.</summary>
/// <param name="Population">The survey's target population (sampled from the population register).</param>
public sealed record Questionnaire(
    LocalizedText Title,
    AgeRange Population,
    IReadOnlyList<SurveyBlock> Blocks,
    IReadOnlyList<ResponseScale> Scales,
    IReadOnlyList<SurveyItem> Items,
    IReadOnlyList<SurveyDerivedVariable> Derived)
{
    public SurveyItem? FindItem(string id) => Items.FirstOrDefault(i => i.Id == id);

    public ResponseScale? FindScale(string id) => Scales.FirstOrDefault(s => s.Id == id);

    public IEnumerable<Recode> Recodes => Items.SelectMany(i => i.Recodes);

    /// <summary>The languages the questionnaire is declared in (<c>languages:</c>), the source Swedish and English first.</summary>
    public IReadOnlyList<string> Languages { get; init; } = ["sv", "en"];

    /// <summary>The field host's own texts (<c>interface:</c>) by key, in Swedish and English.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Interface { get; init; } = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);

    /// <summary>The translation files of the declared languages other than Swedish and English.</summary>
    public IReadOnlyList<QuestionnaireTranslation> Translations { get; init; } = [];
}
