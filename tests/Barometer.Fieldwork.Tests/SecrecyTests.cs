using System.Text;
using Barometer.Fieldwork.Tests.Hosting;
using Barometer.Storage.Fieldwork;

namespace Barometer.Fieldwork.Tests;

public class SecrecyTests
{
    [Fact]
    public async Task IssuedCodes_AreNeverStoredOrLoggedInClear()
    {
        var host = new FieldTestHost { DeleteOnDispose = false };
        var codes = host.Codes;
        try
        {
            // Every code goes through the host: a wrong secret on every lookup id, then the right code (typed without
            // hyphens, or in lower case with spaces), and one respondent completes the questionnaire.
            foreach (var (person, code) in codes)
            {
                using var respondent = host.Respondent();
                await respondent.LogIn(new AccessCode(code.LookupId, code.Secret[..^1] + (code.Secret[^1] == 'Z' ? 'Y' : 'Z')).Printed);
                await respondent.LogIn(person == 101 ? code.Printed.ToLowerInvariant().Replace('-', ' ') : code.LookupId + code.Secret);
                Assert.NotNull(respondent.Block);
                if (person == 101)
                {
                    await QuestionnaireTests.AnswerAll(respondent);
                }
            }

            // Stopping the host closes the field store (DuckDB writes its log into the file).
            host.Dispose();
            var logs = host.Logs.ToList();
            Assert.Contains(logs, l => l.Contains("A respondent logged in", StringComparison.Ordinal));
            Assert.Contains(logs, l => l.Contains("A login failed", StringComparison.Ordinal));
            var files = Directory.GetFiles(host.Root).Where(f => Path.GetFileName(f).StartsWith(FieldStore.DefaultFileName, StringComparison.Ordinal)).Select(File.ReadAllBytes).ToList();
            Assert.NotEmpty(files);
            Assert.True(files.Sum(f => f.Length) > 10_000);

            foreach (var code in codes.Values)
            {
                foreach (var form in new[] { code.Printed, code.LookupId + code.Secret, code.Secret })
                {
                    foreach (var file in files)
                    {
                        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(form)));
                        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(form.ToLowerInvariant())));
                        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.Unicode.GetBytes(form)));
                    }

                    Assert.DoesNotContain(logs, l => l.Contains(form, StringComparison.OrdinalIgnoreCase));
                    Assert.DoesNotContain(logs, l => l.Replace(" ", "", StringComparison.Ordinal).Contains(form, StringComparison.OrdinalIgnoreCase));
                }
            }
        }
        finally
        {
            host.Dispose();
            Directory.Delete(host.Root, recursive: true);
        }
    }

    [Fact]
    public void AccessCode_HasSixteenCharactersFromTheUnambiguousAlphabet_AndParsesAsTyped()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => AccessCode.Create(_ => false)).ToList();

        Assert.All(codes, c =>
        {
            Assert.Matches("^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$", c.Printed);
            Assert.Equal(c, AccessCode.Parse(c.Printed.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
            Assert.DoesNotContain(c.Secret, c.ToString(), StringComparison.Ordinal);
        });
        Assert.Equal(codes.Count, codes.Select(c => c.Secret).Distinct().Count());
        Assert.Null(AccessCode.Parse("ABCD-EFGH-IJKL-MNOP"));
        Assert.Null(AccessCode.Parse("ABCD-EFGH-JKLM-NPQ"));
        Assert.Null(AccessCode.Parse(null));
    }
}
