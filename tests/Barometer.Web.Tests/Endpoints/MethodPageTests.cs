using System.Net;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Texts;
using Barometer.Testing;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Endpoints;

/// <summary>The dashboard's method page states the rules the newest public release's run applied, as the report does.</summary>
public sealed class MethodPageTests
{
    [Theory]
    [InlineData("/metod", Language.Sv)]
    [InlineData("/en/method", Language.En)]
    public async Task Method_ReleasedStore_StatesTheNewestPublicReleasesRules(string path, Language language)
    {
        var view = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load().AsOf(ReleasedStore.Now);
        var newest = view.Releases.MaxBy(r => r.Wave)!;
        Assert.NotNull(newest.Rules);
        var rules = PublicationRules.FromRun(newest.Rules, ReleasedStore.Shared.Catalogue.Quality);

        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(PublicationTexts.SurveyRule(rules)[language], page, StringComparison.Ordinal);
        Assert.Contains(PublicationTexts.IntervalMeaning(rules)[language], page, StringComparison.Ordinal);
    }
}
