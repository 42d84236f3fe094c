using System.Globalization;
using System.Net;
using System.Text;
using Barometer.Catalogue.Questionnaires;
using Barometer.Cli.Hosting;
using Barometer.Reporting;
using Barometer.Reporting.Rendering;

namespace Barometer.Cli.Commands.Field;

/// <summary>
/// The invitation and reminder letters of a wave, printed to PDF with headless Chromium: one A4 page per sampled person,
/// <see cref="LettersPerFile"/> pages per PDF, and a <c>manifest.csv</c> that says which person each page is for (a print
/// shop prints and envelopes whole files in page order; it matches pages to postal addresses by the manifest). Every
/// letter carries the questionnaire's address and the letter's text in every declared language (questionnaire.yaml's
/// <c>letter_*</c> interface texts and their translations), right to left for Arabic and Persian. An invitation carries
/// its person's access code; a reminder refers to the code in the first letter, because the store keeps only hashes.
/// The letters are built in an owner-only folder beside the target and moved into place only when every file is
/// printed, so a failure leaves nothing behind; the clear codes exist only in those letters (and, briefly, in the
/// owner-only HTML that Chromium prints from, deleted at once).
/// </summary>
internal static class FieldLetters
{
    public const int LettersPerFile = 250;

    public const string ManifestFile = "manifest.csv";

    private static readonly TimeSpan PrintTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The questionnaire's address, checked: an absolute http or https URL.</summary>
    public static Uri CheckAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new UserErrorException("--address: required with the letters: the questionnaire's public address, e.g. https://enkat.example.se/. Nothing was written.");
        }

        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new UserErrorException($"--address: '{address}' is not an absolute http(s) address; expected e.g. https://enkat.example.se/. Nothing was written.");
        }

        return uri;
    }

    /// <summary>Refuses a letters folder that exists and is not empty, and a missing Chromium, before anything is written.</summary>
    public static string CheckTarget(string directory, ChromiumPdfPrinter printer)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()))
        {
            throw new UserErrorException($"{full} exists and is not empty; letters are written into a new or empty folder. Nothing was written.");
        }

        try
        {
            printer.EnsureAvailable();
        }
        catch (ReportException ex)
        {
            throw new UserErrorException(ex.Message.Replace("; or use --no-pdf for HTML only", string.Empty, StringComparison.Ordinal) + " Nothing was written.", ex);
        }

        return full;
    }

    /// <summary>
    /// Prints the letters of <paramref name="recipients"/> (a code for invitations, null for reminders) into
    /// <paramref name="directory"/>. Returns the PDF files' names.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, int wave, bool reminder, IReadOnlyList<(long PersonId, string? Code)> recipients,
        QuestionnaireLanguages texts, Uri address, string? contact, ChromiumPdfPrinter printer)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new UserErrorException("there is nobody to write a letter to. Nothing was written.");
        }

        var target = CheckTarget(directory, printer);
        var parent = Path.GetDirectoryName(target) ?? throw new UserErrorException($"{target}: not a folder. Nothing was written.");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(target) + ".tmp-" + Guid.NewGuid().ToString("N"));
        CreatePrivateDirectory(temp);
        var files = new List<string>();
        try
        {
            var manifest = new StringBuilder("file,page,person_id,kind\n");
            var kind = reminder ? "reminder" : "invitation";
            for (var start = 0; start < recipients.Count; start += LettersPerFile)
            {
                var batch = recipients.Skip(start).Take(LettersPerFile).ToList();
                var name = string.Create(CultureInfo.InvariantCulture, $"{kind}s-{wave}-{start / LettersPerFile + 1:000}.pdf");
                var html = Path.Combine(temp, Path.ChangeExtension(name, ".html"));
                WritePrivate(html, Html(texts, address, contact, batch, reminder));
                try
                {
                    printer.Print(html, Path.Combine(temp, name), PrintTimeout);
                }
                catch (ReportException ex)
                {
                    throw new UserErrorException($"the letters could not be printed: {ex.Message} Nothing was written.", ex);
                }
                finally
                {
                    File.Delete(html);
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    manifest.Append(CultureInfo.InvariantCulture, $"{name},{i + 1},{batch[i].PersonId},{kind}\n");
                }

                files.Add(name);
            }

            WritePrivate(Path.Combine(temp, ManifestFile), manifest.ToString());
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(temp, target);
            return files;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>One HTML document with one letter (one A4 page, a <c>section.letter</c>) per recipient.</summary>
    internal static string Html(QuestionnaireLanguages texts, Uri address, string? contact, IReadOnlyList<(long PersonId, string? Code)> recipients, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(recipients);
        var sv = texts.Source;
        var en = texts.Find("en") ?? sv;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(texts.Title(sv))).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        var url = address.AbsoluteUri;
        foreach (var (person, code) in recipients)
        {
            if (!reminder && string.IsNullOrEmpty(code))
            {
                throw new ArgumentException("an invitation needs its person's code", nameof(recipients));
            }

            html.Append(CultureInfo.InvariantCulture, $"<section class=\"letter\" data-person=\"{person}\">\n<header>\n");
            html.Append("<p class=\"title\">").Append(E(texts.Title(sv))).Append(" · <span lang=\"en\">").Append(E(texts.Title(en))).Append("</span></p>\n");
            html.Append("<div class=\"access\">\n");
            if (code is not null)
            {
                html.Append("<p class=\"label\">").Append(E(texts.Interface("letter_code", sv))).Append(" / <span lang=\"en\">")
                    .Append(E(texts.Interface("letter_code", en))).Append("</span></p>\n<p class=\"code\" dir=\"ltr\">").Append(E(code)).Append("</p>\n");
            }
            else
            {
                html.Append("<p class=\"label\">").Append(E(texts.Interface("letter_code_first", sv))).Append(" / <span lang=\"en\">")
                    .Append(E(texts.Interface("letter_code_first", en))).Append("</span></p>\n");
            }

            html.Append("<p class=\"label\">").Append(E(texts.Interface("letter_address", sv))).Append(" / <span lang=\"en\">")
                .Append(E(texts.Interface("letter_address", en))).Append("</span></p>\n<p class=\"address\" dir=\"ltr\">").Append(E(url)).Append("</p>\n");
            if (!string.IsNullOrWhiteSpace(contact))
            {
                html.Append("<p class=\"contact\">").Append(E(contact.Trim())).Append("</p>\n");
            }

            html.Append("</div>\n</header>\n");
            foreach (var language in texts.All)
            {
                var dir = language.Direction == TextDirection.RightToLeft ? "rtl" : "ltr";
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"text\" lang=\"{language.Code}\" dir=\"{dir}\">\n");
                html.Append("<h2>").Append(E(language.Name)).Append(" — ").Append(E(texts.Title(language))).Append("</h2>\n");
                html.Append("<p>").Append(E(texts.Interface(reminder ? "letter_reminder" : "letter_invitation", language))).Append("</p>\n<p class=\"key\">");
                if (code is not null)
                {
                    html.Append(E(texts.Interface("letter_code", language))).Append(": <bdi dir=\"ltr\" class=\"code-inline\">").Append(E(code)).Append("</bdi> · ");
                }
                else
                {
                    html.Append(E(texts.Interface("letter_code_first", language))).Append(" · ");
                }

                html.Append(E(texts.Interface("letter_address", language))).Append(": <bdi dir=\"ltr\">").Append(E(url)).Append("</bdi></p>\n</div>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private const string Style = """
        @page { size: A4; margin: 14mm 16mm; }
        body { margin: 0; font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Ethiopic", sans-serif; font-size: 9pt; line-height: 1.35; color: #000; }
        .letter { break-after: page; page-break-after: always; }
        .letter:last-child { break-after: auto; page-break-after: auto; }
        .title { font-size: 13pt; font-weight: bold; margin: 0 0 3mm; }
        .access { border: 0.6mm solid #000; padding: 2mm 4mm; margin-bottom: 3mm; }
        .access p { margin: 0.5mm 0; }
        .label { font-size: 8.5pt; }
        .code { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 18pt; font-weight: bold; letter-spacing: 0.08em; }
        .address { font-size: 12pt; font-weight: bold; }
        .text { margin: 0 0 2.2mm; }
        .text h2 { font-size: 9.5pt; margin: 0 0 0.5mm; }
        .text p { margin: 0; }
        .code-inline { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-weight: bold; }
        [dir="rtl"] { text-align: right; }

        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new UTF8Encoding(false), options);
        writer.Write(text);
    }
}
