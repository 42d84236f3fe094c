using Barometer.Catalogue;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Texts;
using Barometer.Web.Api;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>How the figures are made and read: survey and calibration, intervals, suppression, symbols, releases and the API.</summary>
public sealed class MethodModel(PublicationState publication, IndicatorCatalogue catalogue) : DashboardPageModel(publication, catalogue)
{
    public IReadOnlyList<CubeSymbol> Symbols => PublicationTexts.Symbols(Rules);

    public IReadOnlyList<PublishedRelease> Releases => Edition.View.Releases;

    /// <summary>The newest public release, whose wave's nonresponse analysis the quality section shows; null when nothing is public.</summary>
    public PublishedRelease? QualityRelease => Releases.MaxBy(r => r.Wave);

    /// <summary>The nonresponse analysis of <see cref="QualityRelease"/> (aggregates only, small cells without values), or null.</summary>
    public PublishedQuality? Quality => QualityRelease?.Quality;

    /// <summary>The table the API examples use: the first published total table.</summary>
    public PublishedTable? ExampleTable => Model.Tables.FirstOrDefault(t => t.Breakdown is null);

    /// <summary>A code's label in the page's language (the catalogue's lookup, as in the report), or the code itself.</summary>
    public string CodeLabel(string variable, string code) => Catalogue.CodeLabel(variable, code) is { } label ? Ui.T(label) : code;

    /// <summary>A variable's name as a breakdown in the page's language (the catalogue's lookup, as in the report), or the variable itself.</summary>
    public string VariableLabel(string variable) => Catalogue.VariableLabel(variable) is { } label ? Ui.T(label) : variable;

    public void OnGet()
    {
        Title = Ui.T("Metod och API", "Method and API");
        NavKey = "method";
    }
}
