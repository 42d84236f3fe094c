using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Questionnaires;
using Barometer.Cli.Tests.Commands.Sampling;
using Barometer.Storage.Fieldwork;
using Xunit.Abstractions;

namespace Barometer.Cli.Tests.Commands.Field;

/// <summary>
/// <c>barometer field codes</c> and <c>field close</c> end to end on a tiny synthetic Sweden: plan → draw → codes →
/// answers in the field store → close → run. Slow (a synth, an ingest and a run).
/// </summary>
[Trait("Category", "Slow")]
public sealed class FieldCliTests(SamplingStoreFixture fixture, ITestOutputHelper output) : IClassFixture<SamplingStoreFixture>, IDisposable
{
    private readonly string _dir = Path.Combine(fixture.Root, "field-" + Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "store.duckdb");

    [Fact]
    public void Codes_ThenClose_ThenRun_TheWaveRunsAsAnIngestedOne()
    {
        Directory.CreateDirectory(_dir);
        File.Copy(fixture.Store, Store);
        Ok(CliRunner.Run("plan", "--wave", "2027", "--out", Path.Combine(_dir, "alloc.csv"), "--store", Store));
        Ok(CliRunner.Run("draw", "--wave", "2027", "--allocation", Path.Combine(_dir, "alloc.csv"), "--seed", "18", "--out", Path.Combine(_dir, "draw"), "--store", Store));
        var sample = Path.Combine(_dir, "draw", "sample.csv");
        var letters = Path.Combine(_dir, "letters");

        var codes = Ok(CliRunner.Run("field", "codes", "--wave", "2027", "--sample", sample, "--out", letters, "--store", Store));
        Assert.Contains("access codes issued", codes, StringComparison.Ordinal);
        var file = Path.Combine(letters, "access-codes-2027.csv");
        var lines = File.ReadAllLines(file);
        Assert.Equal("person_id,access_code", lines[0]);
        Assert.Equal(File.ReadAllLines(sample).Length, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches("^[0-9]+,[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$", l));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        // Codes are issued once per wave: with the file gone the field store still refuses.
        var again = CliRunner.Run("field", "codes", "--wave", "2027", "--sample", sample, "--out", letters, "--store", Store);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("exists already", again.Err, StringComparison.Ordinal);
        File.Delete(file);
        again = CliRunner.Run("field", "codes", "--wave", "2027", "--sample", sample, "--out", letters, "--store", Store);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already open", again.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        // One person in five answers every question asked of them with its first alternative.
        var catalogue = IndicatorCatalogue.LoadDefault();
        var routing = new QuestionnaireRouting(catalogue);
        var fieldPath = Path.Combine(_dir, FieldStore.DefaultFileName);
        using (var field = FieldStore.OpenExisting(fieldPath, TimeProvider.System))
        {
            var persons = field.Sample(2027).Rows.Select(r => r.PersonId).Where((_, i) => i % 5 == 0).ToList();
            foreach (var person in persons)
            {
                var register = field.SampleRow(2027, person);
                // What the host does at login (the lookup id only resets failures, none here).
                field.StartSession("session-" + person.ToString(CultureInfo.InvariantCulture), 2027, person, string.Empty, "web", TimeSpan.FromHours(1));
                var answers = new Dictionary<string, int>(StringComparer.Ordinal);
                var blocks = catalogue.Questionnaire.Blocks.Select(b => b.Id).ToList();
                foreach (var block in blocks)
                {
                    var asked = routing.AskedItems(register, answers, out _).Where(i => i.Block == block).ToList();
                    var given = asked.ToDictionary(i => i.Id, i => catalogue.Questionnaire.FindScale(i.Scale)!.Codes[0].Code, StringComparer.Ordinal);
                    foreach (var (item, code) in given)
                    {
                        answers[item] = code;
                    }

                    if (asked.Count > 0)
                    {
                        field.SavePage(2027, person, new FieldPageSubmission(block, "sv", given, block == blocks[^1]));
                    }
                }
            }
        }

        var closed = Ok(CliRunner.Run("field", "close", "--wave", "2027", "--store", Store));
        Assert.Contains("survey_2027_responses", closed, StringComparison.Ordinal);
        Assert.Contains("survey_2027_paradata", closed, StringComparison.Ordinal);
        var twice = CliRunner.Run("field", "close", "--wave", "2027", "--store", Store);
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Contains("closed already", twice.Err, StringComparison.Ordinal);

        var run = Ok(CliRunner.Run("run", "--wave", "2027", "--store", Store));
        output.WriteLine(run);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Ok((int Code, string Out, string Err) result)
    {
        output.WriteLine(result.Out);
        Assert.True(result.Code == 0, result.Err + result.Out);
        return result.Out;
    }
}
