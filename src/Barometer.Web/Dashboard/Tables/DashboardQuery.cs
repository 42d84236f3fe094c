using System.Text;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;

namespace Barometer.Web.Dashboard.Tables;

/// <summary>
/// One selection of one published table, as the dashboard asks it: every variable explicitly (so nothing is
/// eliminated behind the reader's back). The same selection gives the cube a chart is drawn from and the public API
/// URL that returns exactly that cube, so the chart's download links and "API query" link reproduce it.
/// </summary>
public sealed record DashboardQuery(string TableId, IReadOnlyList<KeyValuePair<string, string>> Variables)
{
    /// <summary>The dashboard never asks for more than this many cells for one chart.</summary>
    public const int MaxCells = 20_000;

    public static DashboardQuery For(string tableId, params (string Variable, string Expressions)[] variables) =>
        new(tableId, [.. variables.Select(v => new KeyValuePair<string, string>(v.Variable, v.Expressions))]);

    public TableSelection Selection => new(
        [.. Variables.Select(v => new VariableSelection(v.Key, SelectionParser.SplitExpressions(v.Value)))]);

    /// <summary>Runs the selection on the current publication model; null when the table is not published.</summary>
    public Cube? Run(PublicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = model.FindTable(TableId);
        return table?.Query(Selection, MaxCells);
    }

    /// <summary>
    /// The selection as a PxWeb <c>VariablesSelection</c> (JSON), for saving this query with
    /// <c>POST /api/v2/savedqueries</c> (the chart's share link).
    /// </summary>
    public string SelectionJson() => System.Text.Json.JsonSerializer.Serialize(new
    {
        selection = Variables.Select(v => new { variableCode = v.Key, valueCodes = SelectionParser.SplitExpressions(v.Value) }),
    });

    /// <summary>The public API's data URL for this selection in <paramref name="format"/> (json-stat2 when null).</summary>
    public string DataUrl(Language language, string? format = null)
    {
        var url = new StringBuilder("/api/v2/tables/").Append(Uri.EscapeDataString(TableId)).Append("/data?lang=")
            .Append(language.Code());
        foreach (var (variable, expressions) in Variables)
        {
            url.Append("&valuecodes[").Append(Uri.EscapeDataString(variable)).Append("]=").Append(Uri.EscapeDataString(expressions));
        }

        if (format is not null)
        {
            url.Append("&outputFormat=").Append(Uri.EscapeDataString(format));
        }

        return url.ToString();
    }
}
