using System.Net;
using System.Text.RegularExpressions;
using Barometer.Catalogue.Text;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Releases;
using Barometer.Testing;
using Barometer.Web.Dashboard.Localization;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Endpoints;

/// <summary>
/// The method page's quality section shows the newest public release's nonresponse analysis with the numbers the run
/// stored (cells under the survey minimum without values), from every backend, and nothing of an embargoed wave
/// before its release time.
/// </summary>
public sealed partial class QualitySectionTests
{
    public static TheoryData<string, string, Language> BackendsAndPages
    {
        get
        {
            var data = new TheoryData<string, string, Language>();
            foreach (var backend in PublicationBackends.All)
            {
                data.Add(backend, "/metod", Language.Sv);
                data.Add(backend, "/en/method", Language.En);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndPages))]
    public async Task Method_ReleasedStore_ShowsTheStoredNonresponseOfTheNewestPublicWave(string backend, string path, Language language)
    {
        var page = await Page(ApiHost.Shared(backend), path);
        var (fieldwork, nonresponse, min) = Stored(ReleasedStore.PublicWaves.Max());
        var ui = DashboardUi.For(language);
        // Under the minimum, or hidden beside such a cell so that it cannot be recovered by subtraction (ResponseSuppression).
        var hidden = Barometer.Publishing.Results.ResponseSuppression.Hide(
            [.. fieldwork.Strata.Select(s => ((string?)null, s.Stratum, s.Sampled, s.Responded)), .. fieldwork.Groups.Select(g => ((string?)g.Variable, g.Code, g.Sampled, g.Responded))], min);
        var cell = 0;
        string Hidden(string shown) => hidden[cell] is not null ? ".." : shown;

        // Variables and codes are shown by their catalogue labels in the page's language, as in the report.
        var catalogue = ReleasedStore.Shared.Catalogue;
        string Variable(string variable) => catalogue.VariableLabel(variable)?[language] ?? variable;
        string Code(string variable, string code) => catalogue.CodeLabel(variable, code)?[language] ?? code;
        Assert.Contains(fieldwork.Groups, g => Code(g.Variable, g.Code) != g.Code);
        Assert.Contains(nonresponse.Bias, b => Code(b.Variable, b.Code) != b.Code && Variable(b.Variable) != b.Variable);

        var strata = Rows(page, "quality-strata");
        Assert.Equal(fieldwork.Strata.Count, strata.Count);
        foreach (var (stored, row) in fieldwork.Strata.Zip(strata))
        {
            Assert.Equal([stored.Stratum, ui.Number(stored.Sampled, 0), Hidden(ui.Number(stored.Responded, 0)),
                Hidden(ui.Number(stored.Rate * 100, 1))], row);
            cell++;
        }

        var groups = Rows(page, "quality-groups");
        Assert.Equal(fieldwork.Groups.Count, groups.Count);
        foreach (var (stored, row) in fieldwork.Groups.Zip(groups))
        {
            Assert.Equal([Variable(stored.Variable), Code(stored.Variable, stored.Code), ui.Number(stored.Sampled, 0), Hidden(ui.Number(stored.Responded, 0)),
                Hidden(ui.Number(stored.Rate * 100, 1))], row);
            cell++;
        }

        Assert.NotNull(nonresponse.R);
        Assert.Contains(" " + ui.Number(nonresponse.R, 3) + ":", page, StringComparison.Ordinal);
        var partials = Rows(page, "quality-partials");
        Assert.Equal(nonresponse.Partials.Count, partials.Count);
        foreach (var (stored, row) in nonresponse.Partials.Zip(partials))
        {
            Assert.Equal(Variable(stored.Variable), row[0]);
            Assert.Equal(stored.Partial is { } p ? ui.WithSign(p, 3) : "..", row[4]);
            if (stored.Code is not null)
            {
                Assert.Equal(Code(stored.Variable, stored.Code), row[1]);
                Assert.Equal(stored.Share is { } s ? ui.Number(s * 100, 1) : "..", row[2]);
            }
        }

        var bias = Rows(page, "quality-bias");
        Assert.Equal(nonresponse.Bias.Count, bias.Count);
        foreach (var (stored, row) in nonresponse.Bias.Zip(bias))
        {
            Assert.Equal([Variable(stored.Variable), Code(stored.Variable, stored.Code), Share(ui, stored.GrossSample), Share(ui, stored.RespondentsDesign), Share(ui, stored.RespondentsCalibrated)], row.Take(5));
        }
    }

    [Theory]
    [MemberData(nameof(PublicationBackends.Names), MemberType = typeof(PublicationBackends))]
    public async Task Method_EmbargoedWave_NonresponseShownOnlyFromItsReleaseTime(string backend)
    {
        using var host = ApiHost.Create(backend);
        var (_, embargoed, _) = Stored(ReleasedStore.EmbargoedWave);
        var ui = DashboardUi.For(Language.En);

        var before = await Page(host, "/en/method");
        Assert.Contains("Response rate by stratum, wave 2024", before, StringComparison.Ordinal);
        Assert.DoesNotContain("wave 2025", before, StringComparison.Ordinal);
        Assert.DoesNotContain("wave 2026", before, StringComparison.Ordinal);

        host.Clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime.AddMinutes(1));
        var after = await Page(host, "/en/method");
        Assert.Contains("Response rate by stratum, wave 2025", after, StringComparison.Ordinal);
        Assert.Contains(" " + ui.Number(embargoed.R, 3) + ":", after, StringComparison.Ordinal);
        Assert.DoesNotContain("wave 2026", after, StringComparison.Ordinal);
    }

    private static string Share(DashboardUi ui, double? share) => share is { } s ? ui.Number(s * 100, 1) : "..";

    private static (SurveyFieldwork Fieldwork, NonresponseSummary Nonresponse, int Min) Stored(int wave)
    {
        using var store = ReadOnlyStore.Open(ReleasedStore.Shared.StorePath, (message, inner) => new InvalidOperationException(message, inner));
        var session = store.Session();
        var release = ReleaseTable.All(session).Where(r => r.Wave == wave).MaxBy(r => r.Version)!;
        return (FieldworkTable.Read(session, release.RunId, wave)!, NonresponseTable.Read(session, release.RunId)!, release.Rules!.Survey.MinRespondents);
    }

    private static async Task<string> Page(ApiHost host, string path)
    {
        var response = await host.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The cells (th and td, text only) of each body row of the table with the given id.</summary>
    private static List<List<string>> Rows(string page, string id)
    {
        var table = TableRegex().Matches(page).Single(m => m.Groups["id"].Value == id).Groups["body"].Value;
        return RowRegex().Matches(table).Select(r => CellRegex().Matches(r.Value).Select(c => c.Groups["text"].Value.Trim()).ToList()).ToList();
    }

    [GeneratedRegex("<table id=\"(?<id>[^\"]+)\">.*?<tbody>(?<body>.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex TableRegex();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRegex();

    [GeneratedRegex("<t[hd][^>]*>(?<text>.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellRegex();
}
