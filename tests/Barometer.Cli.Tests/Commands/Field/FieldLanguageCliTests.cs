namespace Barometer.Cli.Tests.Commands.Field;

/// <summary>The TRAPD gate of <c>barometer field</c>: a language with a text not adjudicated is fielded only with --allow-draft-translations.</summary>
public sealed class FieldLanguageCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "barometer-cli-field-languages-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Field_WithDraftTranslations_IsRefusedWithoutTheFlag_AndStartsNothing()
    {
        var store = Path.Combine(_temp, "none.duckdb");

        var (code, _, err) = CliRunner.Run("field", "--wave", "2027", "--store", store);
        Assert.Equal(1, code);
        Assert.Contains("field: language 'ar' (العربية) is a draft: 189 texts: 189 translated in translations/questionnaire.ar.yaml", err, StringComparison.Ordinal);
        Assert.Contains("--allow-draft-translations", err, StringComparison.Ordinal);
        Assert.Contains("Nothing was started", err, StringComparison.Ordinal);

        // Past the gate (Swedish and English only, or the drafts allowed) the next check is the field store.
        var (sourceOnly, _, sourceErr) = CliRunner.Run("field", "--wave", "2027", "--store", store, "--languages", "sv,en");
        Assert.Equal(1, sourceOnly);
        Assert.Contains("there is no field store", sourceErr, StringComparison.Ordinal);
        var (drafts, draftOut, draftErr) = CliRunner.Run("field", "--wave", "2027", "--store", store, "--allow-draft-translations");
        Assert.Equal(1, drafts);
        Assert.Contains("offering draft translations (ar, fa, so, ti, uk)", draftOut, StringComparison.Ordinal);
        Assert.Contains("there is no field store", draftErr, StringComparison.Ordinal);
        Assert.False(File.Exists(store));
    }
}
