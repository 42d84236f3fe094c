using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Barometer.Reporting.Rendering;

/// <summary>
/// Finds on which page of a printed report each contents entry starts, from the PDF's text (poppler's
/// <c>pdftotext</c>), so that a second printing can put page numbers in the table of contents. Chromium cannot
/// resolve <c>target-counter()</c>, hence the two printings. Entries are searched in order, from the page after the
/// contents page, each at or after the page of the one before.
/// </summary>
public static partial class PdfContentsPages
{
    /// <summary>poppler's pdftotext, or null when it is not installed (the contents then have no page numbers).</summary>
    public static string? PdfToText() =>
        new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);

    public static IReadOnlyDictionary<string, int>? Find(string pdfPath, IReadOnlyList<ContentsEntry> contents, string contentsTitle, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (PdfToText() is not { } tool)
        {
            return null;
        }

        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add("-enc");
        start.ArgumentList.Add("UTF-8");
        start.ArgumentList.Add(pdfPath);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var text = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout) || process.ExitCode != 0)
        {
            return null;
        }

        return Locate(text.Result.Split('\f'), contents, contentsTitle);
    }

    /// <summary>The page (1-based) of each entry in <paramref name="pages"/> (the text of each page), or of none that cannot be found.</summary>
    public static IReadOnlyDictionary<string, int> Locate(IReadOnlyList<string> pages, IReadOnlyList<ContentsEntry> contents, string contentsTitle)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(contents);
        var normalised = pages.Select(Normalise).ToList();
        var tocPage = normalised.FindIndex(p => p.Contains(Normalise(contentsTitle), StringComparison.Ordinal));
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var from = tocPage + 1;
        foreach (var entry in contents)
        {
            var heading = Normalise(entry.Number + " " + entry.Title);
            for (var page = from; page < normalised.Count; page++)
            {
                if (normalised[page].Contains(heading, StringComparison.Ordinal))
                {
                    found[entry.Id] = page + 1;
                    from = page;
                    break;
                }
            }
        }

        return found;
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
