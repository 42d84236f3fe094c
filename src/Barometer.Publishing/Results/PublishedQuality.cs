using System.Text.Json;
using System.Text.Json.Serialization;
using Barometer.Storage.Fieldwork;

namespace Barometer.Publishing.Results;

/// <summary>
/// Response in one stratum or group of a released wave's gross sample; <see cref="Responded"/> and <see cref="Rate"/>
/// are null (hidden) under the survey's minimum, or to protect such a cell from differencing (<see cref="Suppressed"/>).
/// </summary>
public sealed record PublishedResponse(
    [property: JsonPropertyName("variable")] string? Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("sampled")] long Sampled,
    [property: JsonPropertyName("responded")] long? Responded,
    [property: JsonPropertyName("rate")] double? Rate)
{
    /// <summary>Why the values are hidden: <see cref="PrimarySuppression"/> (under the minimum), <see cref="ComplementarySuppression"/>, or null when shown.</summary>
    [JsonPropertyName("suppressed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Suppressed { get; init; }

    public const string PrimarySuppression = "primary";

    public const string ComplementarySuppression = "complementary";
}

/// <summary>A partial R-indicator of a variable (<see cref="Code"/> null) or category; values null under the survey's minimum, as stored.</summary>
public sealed record PublishedPartial(
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("share")] double? Share,
    [property: JsonPropertyName("mean_propensity")] double? MeanPropensity,
    [property: JsonPropertyName("partial")] double? Partial);

/// <summary>A row of the bias table: the category's share in the gross sample, among respondents (design weights) and among respondents (calibrated); null under the minimum, as stored.</summary>
public sealed record PublishedBias(
    [property: JsonPropertyName("variable")] string Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("calibrated_on")] bool CalibratedOn,
    [property: JsonPropertyName("gross_sample")] double? GrossSample,
    [property: JsonPropertyName("respondents_design")] double? RespondentsDesign,
    [property: JsonPropertyName("respondents_calibrated")] double? RespondentsCalibrated);

/// <summary>One diagnostic of a small-area model: its code, whether it passed, its statistic and bound (null where none).</summary>
public sealed record PublishedSmallAreaCheck(
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("threshold")] double? Threshold);

/// <summary>
/// The Fay–Herriot model of one survey indicator's model-based estimates by area (docs/methodology/small-area.md): the
/// number of areas, whether the estimates were published, the model variance σ̂²_u, the covariates, every diagnostic.
/// </summary>
public sealed record PublishedSmallAreaFit(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("area")] string Area,
    [property: JsonPropertyName("areas")] int Areas,
    [property: JsonPropertyName("published")] bool Published,
    [property: JsonPropertyName("model_variance")] double? ModelVariance,
    [property: JsonPropertyName("covariates")] IReadOnlyList<string> Covariates,
    [property: JsonPropertyName("checks")] IReadOnlyList<PublishedSmallAreaCheck> Checks);

/// <summary>
/// The nonresponse analysis of a released wave as the public may see it — aggregates only, never a person: response
/// by stratum and by published group, the R-indicator with its partial indicators, and the bias table. Built from
/// the released run's stored fieldwork (<see cref="FieldworkTable"/>) and nonresponse analysis
/// (<see cref="NonresponseTable"/>); cells with fewer respondents than the survey's minimum carry no values. It travels
/// with its release (<see cref="PublishedRelease.QualityJson"/>), so the embargo of <see cref="PublishedSnapshot.AsOf"/>
/// covers it.
/// </summary>
public sealed record PublishedQuality(
    [property: JsonPropertyName("min_respondents")] int MinRespondents,
    [property: JsonPropertyName("sampled")] long Sampled,
    [property: JsonPropertyName("responded")] long Responded,
    [property: JsonPropertyName("strata")] IReadOnlyList<PublishedResponse> Strata,
    [property: JsonPropertyName("groups")] IReadOnlyList<PublishedResponse> Groups,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("r_indicator")] double? R,
    [property: JsonPropertyName("problem")] string? Problem,
    [property: JsonPropertyName("partials")] IReadOnlyList<PublishedPartial> Partials,
    [property: JsonPropertyName("bias")] IReadOnlyList<PublishedBias> Bias)
{
    /// <summary>The diagnostics of the small-area models of the released run (empty when it fitted none).</summary>
    [JsonPropertyName("small_area")]
    public IReadOnlyList<PublishedSmallAreaFit> SmallArea { get; init; } = [];

    /// <summary>The overall response rate of the gross sample, or null when nothing was sampled.</summary>
    public double? Rate => Sampled == 0 ? null : (double)Responded / Sampled;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static PublishedQuality? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<PublishedQuality>(json);

    /// <summary>
    /// The public form of a released run's fieldwork and nonresponse analysis, or null when the run stored neither.
    /// Response counts and rates of strata and groups with fewer respondents than <paramref name="minRespondents"/>
    /// are hidden, and as many more as keep them from being recovered by difference (<see cref="ResponseSuppression"/>);
    /// the nonresponse analysis is copied as stored (the run already hid its small cells).
    /// </summary>
    public static PublishedQuality? Of(SurveyFieldwork? fieldwork, NonresponseSummary? nonresponse, int minRespondents)
    {
        if (fieldwork is null && nonresponse is null)
        {
            return null;
        }

        var cells = (fieldwork?.Strata.Select(s => ((string?)null, s.Stratum, s.Sampled, s.Responded)) ?? [])
            .Concat(fieldwork?.Groups.Select(g => ((string?)g.Variable, g.Code, g.Sampled, g.Responded)) ?? []).ToList();
        var hidden = ResponseSuppression.Hide(cells, minRespondents);
        var published = cells.Select((c, i) => hidden[i] is { } why
            ? new PublishedResponse(c.Item1, c.Item2, c.Item3, null, null) { Suppressed = why }
            : new PublishedResponse(c.Item1, c.Item2, c.Item3, c.Item4, (double)c.Item4 / c.Item3)).ToList();
        var strataCount = fieldwork?.Strata.Count ?? 0;
        var strata = published.Take(strataCount).ToList();
        var groups = published.Skip(strataCount).ToList();
        return new PublishedQuality(
            minRespondents,
            fieldwork?.Sampled ?? nonresponse!.Sampled,
            fieldwork?.Responded ?? nonresponse!.Responded,
            strata,
            groups,
            nonresponse?.Model,
            nonresponse?.R,
            nonresponse?.Problem,
            nonresponse?.Partials.Select(p => new PublishedPartial(p.Variable, p.Code, p.Share, p.MeanPropensity, p.Partial)).ToList() ?? [],
            nonresponse?.Bias.Select(b => new PublishedBias(b.Variable, b.Code, b.CalibratedOn, b.GrossSample, b.RespondentsDesign, b.RespondentsCalibrated)).ToList() ?? []);
    }
}
