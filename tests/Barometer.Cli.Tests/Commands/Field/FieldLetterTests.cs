using System.Diagnostics;
using System.Text.RegularExpressions;
using Barometer.Catalogue;
using Barometer.Catalogue.Questionnaires;
using Barometer.Cli.Commands.Field;
using Barometer.Cli.Tests.Commands.Sampling;
using Barometer.Storage.Fieldwork;
using Xunit.Abstractions;

namespace Barometer.Cli.Tests.Commands.Field;

/// <summary>
/// The invitation and reminder letters: each letter carries its own person's code (and no other), the questionnaire's
/// address and the letter text in every declared language; bad input writes nothing; the codes are never printed to the
/// console. The end-to-end test prints the PDFs with Debian's Chromium and reads them back with pdftotext.
/// </summary>
public sealed partial class FieldLetterTests(SamplingStoreFixture fixture, ITestOutputHelper output) : IClassFixture<SamplingStoreFixture>, IDisposable
{
    private static readonly Uri Address = new("https://enkat.example.se/ib");

    private readonly string _dir = Path.Combine(fixture.Root, "letters-" + Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "store.duckdb");

    [Fact]
    public void Html_EachLetterHasItsOwnCode_TheAddress_AndEveryLanguagesText()
    {
        var texts = new QuestionnaireLanguages(IndicatorCatalogue.LoadDefault().Questionnaire);
        var recipients = new List<(long, string?)> { (11, "ABCD-EFGH-JKLM-NPQR"), (12, "WXYZ-2345-6789-ABCD"), (13, "HJKL-MNPQ-RSTU-VWXY") };
        var html = FieldLetters.Html(texts, Address, "Frågor: 010-123 45 67", recipients, reminder: false);

        var letters = html.Split("<section class=\"letter\"")[1..];
        Assert.Equal(3, letters.Length);
        for (var i = 0; i < letters.Length; i++)
        {
            var (person, code) = recipients[i];
            Assert.Contains($"data-person=\"{person}\"", letters[i], StringComparison.Ordinal);
            Assert.Contains(code!, letters[i], StringComparison.Ordinal);
            Assert.Contains(Address.AbsoluteUri, letters[i], StringComparison.Ordinal);
            Assert.All(recipients.Where((_, j) => j != i), other => Assert.DoesNotContain(other.Item2!, letters[i], StringComparison.Ordinal));
            Assert.Equal(7, texts.All.Count);
            foreach (var language in texts.All)
            {
                Assert.Contains(System.Net.WebUtility.HtmlEncode(texts.Interface("letter_invitation", language)), letters[i], StringComparison.Ordinal);
                var dir = language.Code is "ar" or "fa" ? "rtl" : "ltr";
                Assert.Contains($"lang=\"{language.Code}\" dir=\"{dir}\"", letters[i], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Html_Reminders_CarryNoCode_AndReferToTheFirstLetter()
    {
        var texts = new QuestionnaireLanguages(IndicatorCatalogue.LoadDefault().Questionnaire);
        var html = FieldLetters.Html(texts, Address, null, [(11, null), (12, null)], reminder: true);
        Assert.DoesNotMatch(CodePattern(), html);
        foreach (var language in texts.All)
        {
            Assert.Equal(2, Regex.Count(html, Regex.Escape(System.Net.WebUtility.HtmlEncode(texts.Interface("letter_reminder", language)))));
            Assert.Contains(System.Net.WebUtility.HtmlEncode(texts.Interface("letter_code_first", language)), html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "--address: required")]
    [InlineData("enkat.example.se", "is not an absolute http(s) address")]
    [InlineData("ftp://enkat.example.se/", "is not an absolute http(s) address")]
    public void Codes_WithABadAddress_WriteNothing(string? address, string expected)
    {
        Directory.CreateDirectory(_dir);
        var letters = Path.Combine(_dir, "letters");
        var args = new List<string> { "field", "codes", "--wave", "2027", "--sample", Path.Combine(_dir, "sample.csv"), "--letters", letters, "--store", Store };
        if (address is not null)
        {
            args.AddRange(["--address", address]);
        }

        var result = CliRunner.Run([.. args]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(letters));
        Assert.False(File.Exists(Path.Combine(_dir, FieldStore.DefaultFileName)));
    }

    [Fact]
    public void Codes_IntoAFolderThatIsNotEmpty_WriteNothing()
    {
        var letters = Path.Combine(_dir, "letters");
        Directory.CreateDirectory(letters);
        File.WriteAllText(Path.Combine(letters, "old.pdf"), "old");
        var result = CliRunner.Run("field", "codes", "--wave", "2027", "--sample", Path.Combine(_dir, "sample.csv"), "--letters", letters,
            "--address", Address.AbsoluteUri, "--store", Store);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not empty", result.Err, StringComparison.Ordinal);
        Assert.Equal(["old.pdf"], Directory.GetFiles(letters).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(_dir, FieldStore.DefaultFileName)));
    }

    [Fact]
    public void Letters_WithoutReminder_AreRefused_AndWriteNothing()
    {
        Directory.CreateDirectory(_dir);
        var letters = Path.Combine(_dir, "letters");
        var result = CliRunner.Run("field", "letters", "--wave", "2027", "--out", letters, "--address", Address.AbsoluteUri, "--store", Store);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("only reminders", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(letters));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Codes_WithLetters_PrintEachPersonsCode_ThenRemindersOnlyForThoseWhoHaveNotAnswered()
    {
        if (!File.Exists("/usr/bin/chromium") || !File.Exists("/usr/bin/pdftotext"))
        {
            Assert.Fail("Chromium and poppler-utils are needed (scripts/install-system-deps.sh).");
        }

        Directory.CreateDirectory(_dir);
        File.Copy(fixture.Store, Store);
        Ok(CliRunner.Run("plan", "--wave", "2027", "--out", Path.Combine(_dir, "alloc.csv"), "--store", Store));
        Ok(CliRunner.Run("draw", "--wave", "2027", "--allocation", Path.Combine(_dir, "alloc.csv"), "--seed", "18", "--out", Path.Combine(_dir, "draw"), "--store", Store));
        var sample = Path.Combine(_dir, "draw", "sample.csv");
        var letters = Path.Combine(_dir, "letters");

        var result = CliRunner.Run("field", "codes", "--wave", "2027", "--sample", sample, "--letters", letters, "--address", Address.AbsoluteUri,
            "--contact", "Frågor: 010-123 45 67", "--store", Store);
        Assert.True(result.ExitCode == 0, result.Err);
        output.WriteLine(result.Out);
        Assert.Contains("Invitation letters:", result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(letters, FieldCommand.CodesFilePrefix + "2027.csv")));

        var manifest = File.ReadAllLines(Path.Combine(letters, FieldLetters.ManifestFile))[1..].Select(l => l.Split(',')).ToList();
        var persons = File.ReadAllLines(sample).Length - 1;
        Assert.Equal(persons, manifest.Count);
        using var field = FieldStore.OpenExisting(Path.Combine(_dir, FieldStore.DefaultFileName), TimeProvider.System);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Select(m => m[0]).Distinct())
        {
            var pages = manifest.Where(m => m[0] == file).ToList();
            var text = PdfText(Path.Combine(letters, file));
            var pageTexts = text.Split('\f');
            Assert.True(pageTexts.Length >= pages.Count, $"{file}: {pageTexts.Length} pages for {pages.Count} letters");
            Assert.True(string.IsNullOrWhiteSpace(string.Concat(pageTexts.Skip(pages.Count))), $"{file} has more pages than letters");
            foreach (var row in pages)
            {
                var page = pageTexts[int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture) - 1];
                var codes = CodePattern().Matches(page).Select(m => m.Value).Distinct().ToList();
                var code = Assert.Single(codes);
                Assert.True(seen.Add(code), "a code is printed on two letters");
                var parsed = AccessCode.Parse(code)!;
                var record = field.FindCode(2027, parsed.LookupId)!;
                Assert.Equal(long.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), record.PersonId);
                Assert.True(parsed.Matches(record.Salt, record.SecretHash, record.Iterations), "the printed code is not the person's code");
                Assert.Contains(Address.AbsoluteUri, page, StringComparison.Ordinal);
                Assert.Contains("Frågor: 010-123 45 67", page, StringComparison.Ordinal);
                Assert.Contains("Integrationsbarometern", page, StringComparison.Ordinal);
                Assert.Contains("Українська", page, StringComparison.Ordinal);
                Assert.Contains("Soomaali", page, StringComparison.Ordinal);
                Assert.Contains("English", page, StringComparison.Ordinal);
            }

            Assert.All(seen, c => Assert.DoesNotContain(c, result.Out + result.Err, StringComparison.Ordinal));
        }

        // Person 1 completes the questionnaire; the reminders go to everyone else and carry no code.
        var done = long.Parse(manifest[0][2], System.Globalization.CultureInfo.InvariantCulture);
        field.StartSession("session-done", 2027, done, string.Empty, "web", TimeSpan.FromHours(1));
        field.SavePage(2027, done, new FieldPageSubmission("work", "sv", new Dictionary<string, int>(StringComparer.Ordinal), Completes: true));
        field.Dispose();
        var reminders = Path.Combine(_dir, "reminders");
        var reminded = CliRunner.Run("field", "letters", "--wave", "2027", "--reminder", "--out", reminders, "--address", Address.AbsoluteUri, "--store", Store);
        Assert.True(reminded.ExitCode == 0, reminded.Err);
        output.WriteLine(reminded.Out);
        var remindedRows = File.ReadAllLines(Path.Combine(reminders, FieldLetters.ManifestFile))[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(persons - 1, remindedRows.Count);
        Assert.DoesNotContain(remindedRows, r => r[2] == manifest[0][2]);
        var first = PdfText(Path.Combine(reminders, remindedRows[0][0]));
        Assert.DoesNotMatch(CodePattern(), first);
        Assert.Contains("Din kod står i det första brevet", first, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [GeneratedRegex("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}")]
    private static partial Regex CodePattern();

    private static string PdfText(string pdf)
    {
        var start = new ProcessStartInfo("/usr/bin/pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-layout");
        start.ArgumentList.Add(pdf);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    private void Ok((int Code, string Out, string Err) result)
    {
        output.WriteLine(result.Out);
        Assert.True(result.Code == 0, result.Err + result.Out);
    }
}
