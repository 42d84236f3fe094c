using Barometer.Reporting.Rendering;

namespace Barometer.Reporting.Tests.Rendering;

public class PdfContentsPagesTests
{
    [Fact]
    public void Locate_HeadingsAfterContentsPage_FindsFirstPageOfEachInOrder()
    {
        string[] pages =
        [
            "Integrationsbarometern 2026\nInnehåll\n1 Sammanfattning\n2 Ekonomisk integration\nBilaga A Metod och kvalitet",
            "1  Sammanfattning\ntext that mentions 2 Ekonomisk integration in passing",
            "2 Ekonomisk\nintegration\n2.1 Sysselsättningsgrad",
            "Bilaga A Metod och kvalitet",
        ];
        ContentsEntry[] contents = [new("summary", "1", "Sammanfattning", 2), new("sg-economic", "2", "Ekonomisk integration", 2), new("appendix", "Bilaga A", "Metod och kvalitet", 2)];

        var found = PdfContentsPages.Locate(pages, contents, "Innehåll");

        Assert.Equal(2, found["summary"]);
        Assert.Equal(2, found["sg-economic"]); // the first page at or after the previous entry's page that holds the heading text
        Assert.Equal(4, found["appendix"]);
    }

    [Fact]
    public void Locate_MissingHeading_LeavesItOut()
    {
        var found = PdfContentsPages.Locate(["Contents", "nothing here"], [new ContentsEntry("summary", "1", "Summary", 2)], "Contents");

        Assert.Empty(found);
    }
}
