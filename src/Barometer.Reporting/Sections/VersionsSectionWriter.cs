using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Reporting.Findings;
using Barometer.Storage.Runs;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix A.6, changes since the previous wave and about this version: catalogue and software versions, the rules
/// that changed, every version of the wave with its release time and correction, and the input files' hashes.
/// </summary>
internal sealed class VersionsSectionWriter(ReportDocument document) : SectionWriter(document)
{
    public void Write()
    {
        Document.Heading(3, "a-changes", "A.6", L("Ändringar sedan föregående omgång och om denna version", "Changes since the previous wave and about this version"));
        var release = Inputs.Release;
        var items = new List<string>();
        var previous = Inputs.PreviousRelease;
        if (previous is null)
        {
            items.Add(Render(new Sentence().T(L("Omgång ", "Wave ")).W(release.Wave).T(L(" är den första frisläppta omgången; förändringar redovisas inte.",
                " is the first released wave; changes are not reported."))));
        }
        else
        {
            items.Add(CompareText(L("Katalogversion", "Catalogue version"), previous, release, "catalogue_version"));
            items.Add(CompareText(L("Programversion", "Software version"), previous, release, "software_version"));
            var changedRules = ChangedRules(previous.Provenance[RunRulePaths.Root] as JsonObject, release.Provenance[RunRulePaths.Root] as JsonObject).ToList();
            items.Add(Render(new Sentence().T(changedRules.Count == 0
                ? L("Redovisnings-, kalibrerings- och sekretessreglerna är desamma som för ", "The publication, calibration and disclosure rules are the same as for ")
                : L("Regler som har ändrats sedan ", "Rules changed since ")).W(previous.Wave)
                .T(changedRules.Count == 0 ? "." : ": ").L(string.Join(", ", changedRules)).T(changedRules.Count == 0 ? "" : ".")));
        }

        foreach (var version in Inputs.VersionsOfWave)
        {
            var s = new Sentence().T(L("Version ", "Version ")).N(new NumberInline(version.Version.ToString(CultureInfo.InvariantCulture), "provenance", "releases",
                string.Create(CultureInfo.InvariantCulture, $"wave={version.Wave};version={version.Version}"))).T(L(": publiceringstid ", ": release time "));
            items.Add(Render(s) + Time(version.ReleaseTime) + Esc(version.Note is { } note ? L(". Rättelse: ", ". Correction: ") + note : "") + ".");
        }

        var files = Inputs.Release.Provenance["input_files"] as JsonArray;
        items.Add(Esc(L("Indata (", "Input files (")) + LabelHtml("SHA-256") + "): " + string.Join("; ",
            (files ?? []).Select(f => "<code class=\"code\">" + Esc(f?["path"]?.GetValue<string>() ?? "") + "</code> <code class=\"code hash\">"
                + Esc((f?["sha256"]?.GetValue<string>() ?? "")[..Math.Min(12, (f?["sha256"]?.GetValue<string>() ?? "").Length)]) + "…</code>")) + ".");
        Body.Append("<ul>\n");
        foreach (var item in items)
        {
            Body.Append("<li>").Append(item).Append("</li>\n");
        }

        Body.Append("</ul>\n");
    }

    private string CompareText(string what, ReportRelease previous, ReportRelease current, string key)
    {
        var before = previous.Provenance[key]?.GetValue<string>() ?? "";
        var now = current.Provenance[key]?.GetValue<string>() ?? "";
        return Esc(what) + ": <code class=\"code\">" + Esc(now) + "</code>" + (before == now
            ? Esc(L(" (oförändrad sedan ", " (unchanged since ")) + WaveSpan(previous.Wave) + ")."
            : Esc(L(" (tidigare ", " (previously ")) + "<code class=\"code\">" + Esc(before) + "</code>" + Esc(L(" för ", " for ")) + WaveSpan(previous.Wave) + ").");
    }

    private static IEnumerable<string> ChangedRules(JsonObject? before, JsonObject? now)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var k in (before ?? []).Select(p => p.Key).Concat((now ?? []).Select(p => p.Key)))
        {
            keys.Add(k);
        }

        foreach (var key in keys.Where(k => k != "register_sha256"))
        {
            var a = before?[key];
            var b = now?[key];
            if (key == "calibration")
            {
                // Totals follow the register; compare the method and the margins' variables and sources.
                static string Shape(JsonNode? c) => c is null ? "" : (c["method"]?.ToJsonString() ?? "") + "|" + (c["population"]?.ToJsonString() ?? "") + "|" + string.Join(",",
                    (c["margins"] as JsonArray ?? []).Select(m => (m?["variables"]?.ToJsonString() ?? "") + (m?["source"]?.ToJsonString() ?? "")));
                if (Shape(a) != Shape(b))
                {
                    yield return key;
                }
            }
            else if (!JsonNode.DeepEquals(a, b))
            {
                yield return key;
            }
        }
    }
}
