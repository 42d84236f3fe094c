using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Assets;
using Barometer.Web.Dashboard.Figures;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>
/// Maps of counties and municipalities: a choropleth of one register indicator for the foreign-born, the native-born
/// or the gap, chosen with a GET form (<c>?indicator=employment_rate&amp;level=kommun&amp;group=gap</c>). The table
/// under the map (every area with a link to its profile) and the summary are its accessible alternative.
/// </summary>
public sealed class MapModel(PublicationState publication, IndicatorCatalogue catalogue, DashboardAssets assets) : DashboardPageModel(publication, catalogue)
{
    public AreaLevel Level { get; private set; }

    public MapGroup Group { get; private set; }

    public IReadOnlyList<Indicator> Choices { get; private set; } = [];

    public Indicator? Indicator { get; private set; }

    public ChartFigure? Map { get; private set; }

    public IReadOnlyList<(string Code, string Label)> Counties { get; private set; } = [];

    public IReadOnlyList<(string Code, string Label)> Municipalities { get; private set; } = [];

    public void OnGet(string? indicator, string? level, string? group)
    {
        Title = Ui.T("Kartor och områden", "Maps and areas");
        NavKey = "map";
        Level = string.Equals(level, "lan", StringComparison.OrdinalIgnoreCase) ? AreaLevel.County : AreaLevel.Municipality;
        Group = group?.ToLowerInvariant() switch
        {
            "reference" => MapGroup.Reference,
            "gap" => MapGroup.Gap,
            _ => MapGroup.Focal,
        };
        var areas = new AreaFigures(Model, Catalogue, Ui, Rules);
        Choices = areas.Indicators(Level);
        Indicator = Choices.FirstOrDefault(i => string.Equals(i.Id, indicator, StringComparison.Ordinal)) ?? (Choices.Count > 0 ? Choices[0] : null);
        Counties = areas.Areas(AreaLevel.County);
        Municipalities = areas.Areas(AreaLevel.Municipality);
        if (Indicator is not null)
        {
            var maps = new MapFigures(Model, Catalogue, Ui, Rules, assets);
            Map = maps.Choropleth("map", Indicator, Level, Group, code => Level == AreaLevel.County ? Ui.CountyPath(code) : Ui.MunicipalityPath(code));
        }
    }
}
