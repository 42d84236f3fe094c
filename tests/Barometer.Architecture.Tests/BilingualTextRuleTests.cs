using System.Text.RegularExpressions;

namespace Barometer.Architecture.Tests;

/// <summary>
/// Bilingual text has one mechanism, <c>Catalogue/Text/LocalizedText</c>: outside <c>LocalizedText.cs</c> no source
/// file chooses between two string literals by language. Such a choice is a conditional expression
/// (<c>c ? a : b</c>) whose condition ends in a language test and whose two branches both begin with a string
/// literal (or with a parenthesised expression holding one, as in a nested choice).
/// <list type="bullet">
/// <item>A language test is a condition whose last name is <c>En</c> or <c>Sv</c> (<c>language == Language.En</c>,
/// <c>document.En</c>), <c>IsEnglish</c>, <c>isEnglish</c>, <c>english</c>, <c>isEn</c> or <c>en</c>.</item>
/// <item>C# files are read token by token: comments and the contents of strings (regular, verbatim, interpolated
/// with their holes, raw) never match, and a choice may span lines. Razor views are read line by line, inside
/// their <c>@(…)</c> and <c>@{…}</c> code.</item>
/// </list>
/// Write <c>new LocalizedText(sv, en)[language]</c>, the report's <c>L(sv, en)</c> or the dashboard's
/// <c>ui.T(sv, en)</c> instead; language codes and cultures come from <c>LanguageConventions</c>.
/// Not covered: choices by <c>if</c>/<c>switch</c> statements, and branches that are not literals (names or calls).
/// </summary>
public class BilingualTextRuleTests
{
    private const string Exempt = "src/Barometer.Catalogue/Text/LocalizedText.cs";

    private static readonly HashSet<string> LanguageTests = new(StringComparer.Ordinal) { "En", "Sv", "IsEnglish", "isEnglish", "english", "isEn", "en" };

    private static readonly Regex RazorChoice = new(
        @"\b(En|Sv|IsEnglish|isEnglish|english|isEn|en)\s*\?\s*(\$?@?""|\()[^:]*:\s*(\$?@?""|\()",
        RegexOptions.CultureInvariant);

    private enum Kind
    {
        Name,
        Literal,
        Punctuation,
    }

    private sealed record Token(Kind Kind, string Text, int Line);

    /// <summary>The offences of one source file against the rule: each as "path:line: what".</summary>
    public static IEnumerable<string> Offences(string path, string source)
    {
        if (path == Exempt)
        {
            return [];
        }

        return path.EndsWith(".cshtml", StringComparison.Ordinal) ? RazorOffences(path, source) : CSharpOffences(path, source);
    }

    private static IEnumerable<string> RazorOffences(string path, string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in RazorChoice.Matches(lines[i]))
            {
                yield return $"{path}:{i + 1}: a choice between two texts by language ('{match.Groups[1].Value} ?'); pick it through LocalizedText";
            }
        }
    }

    private static IEnumerable<string> CSharpOffences(string path, string source)
    {
        var tokens = Tokenize(source);
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Text != "?" || tokens[i - 1].Kind != Kind.Name || !LanguageTests.Contains(tokens[i - 1].Text))
            {
                continue;
            }

            // '?.', '??' and '?[' are not conditionals.
            if (i + 1 >= tokens.Count || tokens[i + 1].Text is "." or "?" or "[")
            {
                continue;
            }

            if (!StartsWithText(tokens, i + 1) || ElseBranch(tokens, i + 1) is not { } elseStart || !StartsWithText(tokens, elseStart))
            {
                continue;
            }

            yield return $"{path}:{tokens[i].Line}: a choice between two texts by language ('{tokens[i - 1].Text} ?'); pick it through LocalizedText";
        }
    }

    /// <summary>True when the branch at <paramref name="start"/> begins with a literal, or with a parenthesised expression holding one.</summary>
    private static bool StartsWithText(List<Token> tokens, int start)
    {
        if (start >= tokens.Count)
        {
            return false;
        }

        if (tokens[start].Kind == Kind.Literal)
        {
            return true;
        }

        if (tokens[start].Text != "(")
        {
            return false;
        }

        var depth = 0;
        for (var j = start; j < tokens.Count; j++)
        {
            depth += tokens[j].Text switch { "(" => 1, ")" => -1, _ => 0 };
            if (depth == 0)
            {
                return false;
            }

            if (tokens[j].Kind == Kind.Literal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first token after the ':' that closes the conditional whose true branch starts at <paramref name="start"/>.</summary>
    private static int? ElseBranch(List<Token> tokens, int start)
    {
        var depth = 0;
        var nested = 0;
        for (var j = start; j < tokens.Count; j++)
        {
            switch (tokens[j].Text)
            {
                case "(" or "[" or "{":
                    depth++;
                    break;
                case ")" or "]" or "}":
                    if (--depth < 0)
                    {
                        return null;
                    }

                    break;
                case ";" or "," when depth == 0:
                    return null;
                case "?" when depth == 0 && j + 1 < tokens.Count && tokens[j + 1].Text is not ("." or "?" or "["):
                    nested++;
                    break;
                case ":" when depth == 0:
                    if (nested-- == 0)
                    {
                        return j + 1;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>Names, literals (strings and chars, one token each) and single punctuation characters, without comments.</summary>
    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var line = 1;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && At(s, i + 1) == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(s, i + 1) == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? s.Length : end + 2;
                line += Count(s, i, end);
                i = end;
            }
            else if (c == '\'')
            {
                var j = i + 1;
                while (j < s.Length && s[j] != '\'')
                {
                    j += s[j] == '\\' ? 2 : 1;
                }

                tokens.Add(new Token(Kind.Literal, s[i..Math.Min(j + 1, s.Length)], line));
                i = j + 1;
            }
            else if (StringStart(s, i))
            {
                var end = SkipString(s, i);
                tokens.Add(new Token(Kind.Literal, s[i..end], line));
                line += Count(s, i, end);
                i = end;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '@')
            {
                var j = i + 1;
                while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_'))
                {
                    j++;
                }

                tokens.Add(new Token(Kind.Name, s[i..j].TrimStart('@'), line));
                i = j;
            }
            else
            {
                tokens.Add(new Token(Kind.Punctuation, c.ToString(), line));
                i++;
            }
        }

        return tokens;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int Count(string s, int from, int to) => s.AsSpan(from, to - from).Count('\n');

    /// <summary>A string literal starts here: '"', or '$' and '@' prefixes followed by '"'.</summary>
    private static bool StringStart(string s, int i)
    {
        var j = i;
        while (j < s.Length && s[j] is '$' or '@')
        {
            j++;
        }

        return At(s, j) == '"';
    }

    /// <summary>The index just after the string literal that starts at <paramref name="i"/>.</summary>
    private static int SkipString(string s, int i)
    {
        var interpolated = false;
        var verbatim = false;
        while (s[i] is '$' or '@')
        {
            interpolated |= s[i] == '$';
            verbatim |= s[i] == '@';
            i++;
        }

        var quotes = 0;
        while (At(s, i + quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var close = s.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + quotes;
        }

        i++;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                if (verbatim && At(s, i + 1) == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (c == '\\' && !verbatim)
            {
                i += 2;
            }
            else if (interpolated && c == '{' && At(s, i + 1) == '{')
            {
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                // A hole: skip to its closing brace, past any strings inside it.
                var depth = 1;
                i++;
                while (i < s.Length && depth > 0)
                {
                    if (StringStart(s, i))
                    {
                        i = SkipString(s, i);
                        continue;
                    }

                    depth += s[i] switch { '{' => 1, '}' => -1, _ => 0 };
                    i++;
                }
            }
            else
            {
                i++;
            }
        }

        return s.Length;
    }

    [Fact]
    public void Sources_ChooseBetweenTexts_OnlyThroughLocalizedText()
    {
        var root = RepositoryLayout.Root;
        var offences = Directory.GetFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => Offences(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();

        Assert.True(offences.Count == 0, "texts chosen by language outside LocalizedText:\n" + string.Join('\n', offences));
    }

    [Theory]
    [InlineData("var source = language == Language.En ? \"Source\" : \"Källa\";")]
    [InlineData("s.T(en ? \"CI \" : \"KI \").N(lower);")]
    [InlineData("html.Append(En ? \", \" : \"; \");")]
    [InlineData("var title = ui.IsEnglish ? $\"{level} interval\" : $\"{level} intervall\";")]
    [InlineData("var page = english ? @\"Page \" : @\"Sida \";")]
    [InlineData("s.T(language == Language.En ? (up ? \"increased by \" : \"decreased by \") : (up ? \"ökade med \" : \"minskade med \"));")]
    [InlineData("var path = document.En ? \"en/\" + name : \"sv/\" + name;")]
    public void Offences_PlantedViolation_IsReported(string line)
    {
        var source = "namespace X;\n\npublic static class Planted\n{\n    " + line + "\n}\n";

        var offence = Assert.Single(Offences("src/Barometer.Reporting/Planted.cs", source));

        Assert.StartsWith("src/Barometer.Reporting/Planted.cs:5: a choice between two texts by language", offence, StringComparison.Ordinal);
    }

    [Fact]
    public void Offences_PlantedViolationOverSeveralLines_IsReportedAtItsQuestionMark()
    {
        const string source = "namespace X;\nclass P\n{\n    string M(Language language) => E(language == Language.En\n        ? \"Table ids are documented.\"\n        : \"Tabell-id beskrivs.\");\n}\n";

        var offence = Assert.Single(Offences("src/Barometer.Web/Api/Planted.cs", source));

        Assert.StartsWith("src/Barometer.Web/Api/Planted.cs:5: ", offence, StringComparison.Ordinal);
    }

    [Fact]
    public void Offences_PlantedViolationInARazorView_IsReported()
    {
        const string source = "<a href=\"@pm.CounterpartUrl\" hreflang=\"@(ui.IsEnglish ? \"sv\" : \"en\")\">Sweden's</a>\n";

        var offence = Assert.Single(Offences("src/Barometer.Web/Dashboard/Pages/Planted.cshtml", source));

        Assert.StartsWith("src/Barometer.Web/Dashboard/Pages/Planted.cshtml:1: ", offence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static CultureInfo Culture(Language language) => language == Language.En ? English : Swedish;")]
    [InlineData("var text = new LocalizedText(\"Källa\", \"Source\")[language];")]
    [InlineData("s.T(up ? L(language, \"ökade med \", \"increased by \") : L(language, \"minskade med \", \"decreased by \"));")]
    [InlineData("var sign = up ? \"+\" : \"−\";")]
    [InlineData("// language == Language.En ? \"Source\" : \"Källa\"")]
    [InlineData("const string Doc = \"language == Language.En ? \\\"Source\\\" : \\\"Källa\\\"\";")]
    [InlineData("var x = $\"{(en ? 1 : 2)} and {name}\";")]
    [InlineData("var n = en?.Length ?? 0;")]
    [InlineData("public string this[Language language] => language == Language.En ? En : Sv;")]
    public void Offences_OtherConditionalsAndProse_AreNotOffences(string line)
    {
        var source = "namespace X;\n" + line + "\n";

        Assert.Empty(Offences("src/Barometer.Reporting/Findings/Other.cs", source));
    }

    [Fact]
    public void Offences_LocalizedTextItself_IsExempt()
    {
        const string source = "class LocalizedText { string P(Language language) => language == Language.En ? \"en\" : \"sv\"; }\n";

        Assert.Empty(Offences(Exempt, source));
        Assert.Single(Offences("src/Barometer.Catalogue/Text/Other.cs", source));
    }
}
