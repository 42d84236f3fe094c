namespace Barometer.Synthetic;

/// <summary>Reference code lists shipped with the generator.</summary>
internal static class ReferenceData
{
    /// <summary>The 290 kommuner with their county codes (SCB codes, from shared/reference/kommuner.csv).</summary>
    public static IReadOnlyList<(string Code, string CountyCode)> Kommuner()
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("Barometer.Synthetic.kommuner.csv")
            ?? throw new InvalidOperationException("the embedded kommun list is missing");
        using var reader = new StreamReader(stream);
        var list = new List<(string, string)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split(',');
            list.Add((f[0], f[2]));
        }

        return list;
    }
}
