using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;

namespace Barometer.Publishing.Tests.Formats;

public class HtmlCubeWriterTests
{
    private static string Write(Language language, IReadOnlyList<string>? stub = null, IReadOnlyList<string>? heading = null)
    {
        using var stream = new MemoryStream();
        new HtmlCubeWriter().Write(TestCubes.Small(stub, heading), stream, new CubeWriteOptions { Language = language });
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The page is well-formed XML apart from the doctype and the void meta elements, so XLinq can parse it roughly.</summary>
    private static XElement Parse(string html) =>
        XElement.Parse(Regex.Replace(html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal), "<meta ([^>]*)>", "<meta $1/>"));

    [Fact]
    public void Write_Swedish_AccessibleTableWithCaptionScopesAndLanguage()
    {
        var html = Write(Language.Sv);
        var page = Parse(html);

        Assert.Equal("sv", page.Attribute("lang")!.Value);
        var table = page.Descendants("table").Single();
        Assert.Equal(TestCubes.Small().Title.Sv, table.Element("caption")!.Value);
        var headers = table.Element("thead")!.Descendants("th").ToList();
        Assert.All(headers, th => Assert.Equal("col", th.Attribute("scope")!.Value));
        Assert.Equal(["grupp", "år", "Andel sysselsatta", "Felmarginal ±", "Antal svarande"], headers.Select(h => h.Value));
        var rows = table.Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(["row", "row"], r.Elements("th").Select(th => th.Attribute("scope")!.Value)));
        Assert.Equal(["67,3", "1,0", "5321"], rows[0].Elements("td").Select(td => td.Value));
        Assert.Equal(["..", "..", "1190"], rows[3].Elements("td").Select(td => td.Value));
        Assert.Equal(["68,1 *", "10,0 *", "5410"], rows[1].Elements("td").Select(td => td.Value));
    }

    [Fact]
    public void Write_Symbols_ExplainedInFootnoteAndLinked()
    {
        var page = Parse(Write(Language.En));
        var footnote = page.Descendants("dl").Single();
        var terms = footnote.Elements("dt").ToDictionary(dt => dt.Value, dt => dt.Attribute("id")!.Value);

        Assert.Equal(["..", ".", "x", "*"], terms.Keys);
        Assert.Equal(TestCubes.Disclosure.Explanation.En, footnote.Elements("dd").ElementAt(2).Value);
        var links = page.Descendants("a").Select(a => a.Attribute("href")!.Value.TrimStart('#')).Distinct().ToList();
        Assert.All(links, id => Assert.Contains(id, terms.Values));
        Assert.Contains(page.Descendants("abbr"), a => a.Value == "x" && a.Attribute("title")!.Value == TestCubes.Disclosure.Explanation.En);
        Assert.Contains(page.Descendants("p"), p => p.Value.Contains(TestCubes.Small().Source.En, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_MarkupInLabels_IsEscaped()
    {
        var html = Write(Language.Sv, stub: ["ContentsCode"], heading: ["Grupp", "Tid"]);

        Assert.Contains("&amp; &lt;övriga&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<övriga>", html, StringComparison.Ordinal);
        var page = Parse(html);
        var groupRow = page.Descendants("thead").Single().Elements("tr").First();
        Assert.Contains(groupRow.Elements("th"), th => th.Attribute("colspan")?.Value == "2" && th.Attribute("scope")!.Value == "colgroup" && th.Value == TestCubes.LongLabelSv);
    }
}
