using Barometer.Catalogue;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Results;
using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;
using Barometer.Testing;

namespace Barometer.Publishing.Tests.Tables;

/// <summary>The model of the shared released store as the public sees it at <see cref="ReleasedStore.Now"/>, built once.</summary>
internal static class PublishedModelFixture
{
    private static readonly Lazy<PublishedSnapshot> LazySnapshot = new(() => new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load());
    private static readonly Lazy<PublicView> LazyView = new(() => Snapshot.AsOf(ReleasedStore.Now));
    private static readonly Lazy<PublicationModel> LazyModel = new(() => PublicationModel.Build(BarometerCatalogue, View));

    public static IndicatorCatalogue BarometerCatalogue => ReleasedStore.Shared.Catalogue;

    public static PublishedSnapshot Snapshot => LazySnapshot.Value;

    public static PublicView View => LazyView.Value;

    public static PublicationModel Model => LazyModel.Value;

    /// <summary>The indicators' tables: every table but the survey's response (<see cref="ResponseRateTable"/>, tested on its own).</summary>
    public static IEnumerable<PublishedTable> IndicatorTables => Model.Tables.Where(t => t.Id != ResponseRateTable.Id);

    /// <summary>Every value of every variable.</summary>
    public static TableSelection All(PublishedTable table) =>
        new([.. table.Dimensions.Select(d => new VariableSelection(d.Code, ["*"]))]);

    public static TableSelection Of(params (string Variable, string[] Values)[] variables) =>
        new([.. variables.Select(v => new VariableSelection(v.Variable, v.Values))]);

    /// <summary>The index of the cell with the given value code per dimension (every dimension of the cube named).</summary>
    public static int Cell(Cube cube, IReadOnlyDictionary<string, string> codes)
    {
        var indexes = cube.Dimensions.Select(d => d.IndexOf(codes[d.Code])).ToArray();
        Assert.DoesNotContain(-1, indexes);
        return cube.IndexOf(indexes);
    }

    /// <summary>Calls <paramref name="visit"/> with the value codes of every cell, in row-major order.</summary>
    public static void ForEachCell(Cube cube, Action<int, IReadOnlyDictionary<string, string>> visit)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = new int[cube.Dimensions.Count];
        for (var cell = 0; cell < cube.Values.Count; cell++)
        {
            for (var d = 0; d < position.Length; d++)
            {
                codes[cube.Dimensions[d].Code] = cube.Dimensions[d].Values[position[d]].Code;
            }

            visit(cell, codes);
            for (var d = position.Length - 1; d >= 0; d--)
            {
                if (++position[d] < cube.Dimensions[d].Values.Count)
                {
                    break;
                }

                position[d] = 0;
            }
        }
    }
}
