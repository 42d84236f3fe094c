using Barometer.Catalogue;
using Barometer.Catalogue.Documentation;
using Barometer.Catalogue.Loading;

namespace Barometer.Cli.Tests.Catalogue;

public sealed class CatalogueCommandTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "barometer-cli-catalogue-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Help_ListsTheCatalogueSubcommands()
    {
        var (code, output, _) = CliRunner.Run("catalogue", "--help");
        Assert.Equal(0, code);
        foreach (var sub in new[] { "list", "show", "validate", "doc" })
        {
            Assert.Contains(sub, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ShippedCatalogue_ExitsZeroWithASummary()
    {
        var (code, output, err) = CliRunner.Run("catalogue", "validate");
        Assert.True(code == 0, err);
        Assert.Contains("is valid", output, StringComparison.Ordinal);
        Assert.Contains("51 indicators", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenCopy_ExitsOneListingEveryProblemWithFileAndLine()
    {
        var dir = CopyCatalogue();
        var democratic = Path.Combine(dir, "indicators", "democratic.yaml");
        File.WriteAllText(democratic, File.ReadAllText(democratic).Replace("numerator: trust_parliament_high == 1", "numerator: trust_parlament_high == 1", StringComparison.Ordinal));
        var quality = Path.Combine(dir, "quality.yaml");
        File.WriteAllText(quality, File.ReadAllText(quality).Replace("min_respondents: 40", "min_respondents: forty", StringComparison.Ordinal));

        var (code, output, err) = CliRunner.Run("catalogue", "validate", dir);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("2 problem(s)", err, StringComparison.Ordinal);
        Assert.Matches(@"indicators/democratic\.yaml:\d+:\d+: in numerator of indicator 'trust_parliament': unknown variable 'trust_parlament_high'", err);
        Assert.Matches(@"quality\.yaml:\d+:\d+: 'min_respondents' must be a number", err);
    }

    [Fact]
    public void Validate_ShippedCatalogue_ListsEachLanguageWithItsTrapdStatus()
    {
        var (code, output, err) = CliRunner.Run("catalogue", "validate");
        Assert.True(code == 0, err);
        Assert.Contains("questionnaire languages: sv, en, ar, fa, so, ti, uk", output, StringComparison.Ordinal);
        foreach (var language in new[] { "ar", "fa", "so", "ti", "uk" })
        {
            Assert.Matches($@"  {language} \S.*: 189 texts: 189 translated \(draft: fielded only with --allow-draft-translations\)", output);
        }
    }

    [Fact]
    public void Validate_TranslationWithAMissingTextAndAMismatchedPlaceholder_ExitsOneNamingFileItemAndLanguage()
    {
        var dir = CopyCatalogue();
        var arabic = Path.Combine(dir, "translations", "questionnaire.ar.yaml");
        File.WriteAllLines(arabic, File.ReadAllLines(arabic).Where(l => !l.StartsWith("  q_trust_courts:", StringComparison.Ordinal)));
        var somali = Path.Combine(dir, "translations", "questionnaire.so.yaml");
        File.WriteAllText(somali, File.ReadAllText(somali).Replace("Bogga {0} ee {1}", "Bogga {0}", StringComparison.Ordinal));

        var (code, output, err) = CliRunner.Run("catalogue", "validate", dir);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("2 problem(s)", err, StringComparison.Ordinal);
        Assert.Matches(@"translations/questionnaire\.ar\.yaml:\d+:\d+: language 'ar': item 'q_trust_courts' has no text", err);
        Assert.Matches(@"translations/questionnaire\.so\.yaml:\d+:\d+: language 'so': interface text 'progress' has placeholders \{0\} but the Swedish source has \{0\}, \{1\}", err);
    }

    [Fact]
    public void List_PrintsEveryIndicatorWithItsSubGoal()
    {
        var catalogue = IndicatorCatalogue.LoadDefault();
        var (code, output, err) = CliRunner.Run("catalogue", "list", "--lang", "en");
        Assert.True(code == 0, err);
        foreach (var indicator in catalogue.Indicators)
        {
            Assert.Contains(indicator.Id, output, StringComparison.Ordinal);
        }

        Assert.Contains("Trust in the Riksdag", output, StringComparison.Ordinal);
        Assert.Contains($"{catalogue.Indicators.Count} indicator(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_BySubGoal_ShowsOnlyItsIndicators()
    {
        var (code, output, _) = CliRunner.Run("catalogue", "list", "--subgoal", "education");
        Assert.Equal(0, code);
        Assert.Contains("merit_value", output, StringComparison.Ordinal);
        Assert.DoesNotContain("trust_parliament", output, StringComparison.Ordinal);
        Assert.Contains("7 indicator(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_UnknownSubGoal_IsAUserError()
    {
        var (code, _, err) = CliRunner.Run("catalogue", "list", "--subgoal", "economy");
        Assert.Equal(1, code);
        Assert.Contains("economic", err, StringComparison.Ordinal);
    }

    [Fact]
    public void List_BadLanguage_IsAUserError()
    {
        var (code, _, err) = CliRunner.Run("catalogue", "list", "--lang", "de");
        Assert.Equal(1, code);
        Assert.Contains("sv or en", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_Indicator_PrintsDefinitionPopulationAndBreakdowns()
    {
        var (code, output, err) = CliRunner.Run("catalogue", "show", "refugee_employment_5y", "--lang", "en");
        Assert.True(code == 0, err);
        Assert.Contains("Employment of refugees", output, StringComparison.Ordinal);
        Assert.Contains("years_in_sweden == 5", output, StringComparison.Ordinal);
        Assert.Contains("birth_region_8", output, StringComparison.Ordinal);
        Assert.Contains("indicators/economic.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_SubGoal_PrintsItsHeadlineIndicatorsInOrder()
    {
        var (code, output, err) = CliRunner.Run("catalogue", "show", "democratic", "--lang", "en");
        Assert.True(code == 0, err);
        Assert.Contains("Democratic integration", output, StringComparison.Ordinal);
        Assert.Matches(@"headline\s+turnout_riksdag, trust_parliament\s*\n", output);
        Assert.Matches(@"indicators\s+turnout_riksdag, turnout_regional, ", output);
    }

    [Fact]
    public void Show_SubGoalWithoutHeadline_SaysItLeadsWithTheFirstTwo()
    {
        var dir = CopyCatalogue();
        var subGoals = Path.Combine(dir, "subgoals.yaml");
        File.WriteAllText(subGoals, File.ReadAllText(subGoals).Replace("    headline: [turnout_riksdag, trust_parliament]\n", string.Empty, StringComparison.Ordinal));
        var (code, output, err) = CliRunner.Run("catalogue", "show", "democratic", "--dir", dir);
        Assert.True(code == 0, err);
        Assert.Matches(@"headline\s+turnout_riksdag, turnout_regional \(the first 2; subgoals\.yaml chooses none\)", output);
    }

    [Fact]
    public void Show_SurveyItemAndClassification_Work()
    {
        var (itemCode, item, _) = CliRunner.Run("catalogue", "show", "q_trust_police");
        Assert.Equal(0, itemCode);
        Assert.Contains("Hur stort förtroende har du för polisen?", item, StringComparison.Ordinal);
        Assert.Contains("Vet ej", item, StringComparison.Ordinal);

        var (classificationCode, classification, _) = CliRunner.Run("catalogue", "show", "lan");
        Assert.Equal(0, classificationCode);
        Assert.Contains("Västra Götalands län", classification, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownId_IsAUserError()
    {
        var (code, _, err) = CliRunner.Run("catalogue", "show", "no_such_thing");
        Assert.Equal(1, code);
        Assert.Contains("'no_such_thing'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Doc_WritesTheGeneratedMarkdown()
    {
        Directory.CreateDirectory(_temp);
        var path = Path.Combine(_temp, "catalogue.md");
        var (code, output, err) = CliRunner.Run("catalogue", "doc", "--out", path);
        Assert.True(code == 0, err);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        Assert.Equal(CatalogueMarkdown.Render(IndicatorCatalogue.LoadDefault()), File.ReadAllText(path));
    }

    [Fact]
    public void Doc_OnABrokenCatalogue_ListsTheProblems()
    {
        var dir = CopyCatalogue();
        File.Delete(Path.Combine(dir, "quality.yaml"));
        var (code, _, err) = CliRunner.Run("catalogue", "doc", "--dir", dir);
        Assert.Equal(1, code);
        Assert.Contains("quality.yaml:1:1: the file is missing", err, StringComparison.Ordinal);
    }

    private string CopyCatalogue()
    {
        var target = Path.Combine(_temp, "catalogue");
        Copy(CatalogueLocator.Locate(), target);
        return target;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
