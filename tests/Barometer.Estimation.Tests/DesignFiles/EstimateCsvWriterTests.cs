using System.Globalization;
using Barometer.Estimation.DesignFiles;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.DesignFiles;

public class EstimateCsvWriterTests
{
    [Fact]
    public void Write_Rows_ExactHeaderAndRoundTripNumbers()
    {
        var rows = new[]
        {
            new EstimateRow("m1", 0, "", [], "", 0.1 + 0.2, 1.0 / 3.0, -1e-20, 123456789012345.67, 39, 200, 0.5, 1.2),
            new EstimateRow("p1", 1, "region=a, b;sex=1", [new DomainValue("region", "a, b"), new DomainValue("sex", "1")], "say \"yes\"", 1, 0, 0, 1, 14, 7, 0, 1),
        };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        EstimateCsvWriter.Write(writer, rows);

        var lines = writer.ToString().Split('\n');
        Assert.Equal("estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n", lines[0]);
        var fields = lines[1].Split(',');
        Assert.Equal(0.1 + 0.2, double.Parse(fields[3], CultureInfo.InvariantCulture));
        Assert.Equal(1.0 / 3.0, double.Parse(fields[4], CultureInfo.InvariantCulture));
        Assert.Equal(-1e-20, double.Parse(fields[5], CultureInfo.InvariantCulture));
        Assert.Equal(123456789012345.67, double.Parse(fields[6], CultureInfo.InvariantCulture));
        Assert.Equal("39", fields[7]);
        Assert.Equal("200", fields[8]);
        Assert.Equal("p1,\"region=a, b;sex=1\",\"say \"\"yes\"\"\",1,0,0,1,14,7", lines[2]);
        Assert.Equal(string.Empty, lines[3]);
    }

    [Fact]
    public void Number_UsesInvariantCultureWhateverTheThreadCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            Assert.Equal("-1.5", EstimateCsvWriter.Number(-1.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
