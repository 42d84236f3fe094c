using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Text;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>
/// The field host's HTML: server-rendered, no JavaScript, phone first. Every page states its language and writing
/// direction (<c>lang</c>, <c>dir</c>); every control has a label; each question is a fieldset whose legend is the
/// question, its answers a radio group with one label per alternative ("vet ej" and "inget svar" included).
/// </summary>
internal static class PageHtml
{
    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,"Noto Sans",sans-serif;font-size:1.0625rem;line-height:1.5;color:#1b1b1b;background:#fff}
        header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.75rem 1rem;background:#1d3b5c;color:#fff}
        header a,header button{color:#fff}
        main{max-width:40rem;margin:0 auto;padding:1rem}
        h1{font-size:1.375rem;margin:.5rem 0 1rem}
        fieldset{border:1px solid #8a8a8a;border-radius:.375rem;margin:0 0 1.25rem;padding:.75rem 1rem}
        legend{font-weight:600;padding:0 .25rem}
        .option{display:flex;align-items:center;gap:.6rem;min-height:2.75rem}
        .option input{width:1.4rem;height:1.4rem;margin:0;flex:none}
        .option label{flex:1;padding:.35rem 0}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem}
        button,input[type=submit]{font:inherit;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.375rem;border:2px solid #1d3b5c;background:#1d3b5c;color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:#1d3b5c}
        header button{background:transparent;border:1px solid #fff;min-height:2.25rem;padding:.25rem .75rem}
        input[type=text]{font:inherit;width:100%;min-height:2.75rem;padding:.5rem;border:2px solid #555;border-radius:.375rem;letter-spacing:.08em;text-transform:uppercase}
        label.field{display:block;font-weight:600;margin-bottom:.35rem}
        .message{border-left:.3rem solid #b00020;padding:.5rem .75rem;background:#fdecee}
        .progress{margin:0 0 1rem}
        progress{width:100%;height:.75rem}
        :focus-visible{outline:3px solid #f2a900;outline-offset:2px}
        .skip{position:absolute;left:-999px}
        .skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:1}
        """;

    /// <summary>Letters of every script as themselves (the pages are UTF-8); markup characters still encoded.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page skeleton; <paramref name="switcher"/> is the header's language control (links or form buttons).</summary>
    public static string Document(Language language, string title, string switcher, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language.Code()).Append("\" dir=\"").Append(FieldLanguages.Direction(language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" – ").Append(E(FieldTexts.Title[language])).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/field.css\">\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">").Append(E(title)).Append("</a>\n")
            .Append("<header><span>").Append(E(FieldTexts.Title[language])).Append("</span>").Append(switcher).Append("</header>\n")
            .Append("<main id=\"main\">\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Links to the other languages (pages outside a session, where there are no answers to keep).</summary>
    public static string LanguageLinks(Language language, string path)
    {
        var html = new StringBuilder("<nav aria-label=\"").Append(E(FieldTexts.LanguageSwitch[language])).Append("\">");
        foreach (var other in FieldLanguages.Offered.Where(l => l != language))
        {
            html.Append("<a href=\"").Append(E(path)).Append("?lang=").Append(other.Code()).Append("\" lang=\"").Append(other.Code()).Append("\" hreflang=\"").Append(other.Code()).Append("\">")
                .Append(E(FieldTexts.LanguageName[other])).Append("</a> ");
        }

        return html.Append("</nav>").ToString();
    }

    public static string Login(Language language, string antiforgeryField, string antiforgeryToken, string? message)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(FieldTexts.Title[language])).Append("</h1>\n<p>").Append(E(FieldTexts.Welcome[language])).Append("</p>\n");
        AppendMessage(body, message);
        body.Append("<form method=\"post\" action=\"/login\">\n")
            .Append(Hidden(antiforgeryField, antiforgeryToken)).Append(Hidden("lang", language.Code()))
            .Append("<label class=\"field\" for=\"code\">").Append(E(FieldTexts.CodeLabel[language])).Append("</label>\n")
            .Append("<input type=\"text\" id=\"code\" name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"40\" required>\n")
            .Append("<div class=\"actions\"><button type=\"submit\">").Append(E(FieldTexts.Start[language])).Append("</button></div>\n</form>\n");
        return Document(language, FieldTexts.Start[language], LanguageLinks(language, "/"), body.ToString());
    }

    public static string Message(Language language, string title, string message, string path) =>
        Document(language, title, LanguageLinks(language, path), $"<h1>{E(FieldTexts.Title[language])}</h1>\n<p>{E(message)}</p>\n");

    /// <summary>One page of the questionnaire: a block's asked items with the answers given so far.</summary>
    public static string Page(QuestionPage page, string antiforgeryField, string antiforgeryToken, string? message)
    {
        var language = page.Language;
        var body = new StringBuilder();
        var progress = string.Format(CultureInfo.InvariantCulture, FieldTexts.Progress[language], page.Number, page.Count);
        body.Append("<p class=\"progress\" id=\"progress\">").Append(E(progress)).Append("</p>\n")
            .Append("<progress max=\"").Append(page.Count.ToString(CultureInfo.InvariantCulture)).Append("\" value=\"").Append(page.Number.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-labelledby=\"progress\"></progress>\n")
            .Append("<h1>").Append(E(page.Block.Name[language])).Append("</h1>\n");
        AppendMessage(body, message);
        body.Append("<p>").Append(E(FieldTexts.Optional[language])).Append("</p>\n");
        body.Append("<form method=\"post\" action=\"/q/").Append(E(page.Block.Id)).Append("\" id=\"page\">\n")
            .Append(Hidden(antiforgeryField, antiforgeryToken)).Append(Hidden("lang", language.Code()));
        foreach (var (item, scale) in page.Items)
        {
            body.Append("<fieldset>\n<legend>").Append(E(item.Question[language])).Append("</legend>\n");
            page.Answers.TryGetValue(item.Id, out var answered);
            foreach (var code in scale.Codes)
            {
                var id = item.Id + "-" + code.Code.ToString(CultureInfo.InvariantCulture);
                body.Append("<div class=\"option\"><input type=\"radio\" id=\"").Append(E(id)).Append("\" name=\"").Append(E(item.Id)).Append("\" value=\"")
                    .Append(code.Code.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (page.Answers.ContainsKey(item.Id) && answered == code.Code)
                {
                    body.Append(" checked");
                }

                body.Append("><label for=\"").Append(E(id)).Append("\">").Append(E(code.Label[language])).Append("</label></div>\n");
            }

            body.Append("</fieldset>\n");
        }

        body.Append("<div class=\"actions\">");
        if (page.Number > 1)
        {
            body.Append("<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">").Append(E(FieldTexts.Back[language])).Append("</button>");
        }

        body.Append("<button type=\"submit\" name=\"action\" value=\"next\">").Append(E((page.Number == page.Count ? FieldTexts.Finish : FieldTexts.Next)[language])).Append("</button>")
            .Append("<button type=\"submit\" name=\"action\" value=\"stop\" class=\"secondary\">").Append(E(FieldTexts.Stop[language])).Append("</button>")
            .Append("</div>\n</form>\n");

        // The language switch submits the page (with form="page"), so answers given on it are kept.
        var switcher = new StringBuilder("<div role=\"group\" aria-label=\"").Append(E(FieldTexts.LanguageSwitch[language])).Append("\">");
        foreach (var other in FieldLanguages.Offered.Where(l => l != language))
        {
            switcher.Append("<button type=\"submit\" form=\"page\" name=\"action\" value=\"lang:").Append(other.Code()).Append("\" lang=\"").Append(other.Code()).Append("\">")
                .Append(E(FieldTexts.LanguageName[other])).Append("</button>");
        }

        switcher.Append("</div>");
        return Document(language, page.Block.Name[language], switcher.ToString(), body.ToString());
    }

    private static void AppendMessage(StringBuilder body, string? message)
    {
        if (message is not null)
        {
            body.Append("<p class=\"message\" role=\"alert\">").Append(E(message)).Append("</p>\n");
        }
    }

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">\n";

    private static string E(string text) => Encoder.Encode(text);
}

/// <summary>What one questionnaire page shows: the block, its asked items with their scales, the answers so far, and where it stands.</summary>
internal sealed record QuestionPage(
    Language Language,
    SurveyBlock Block,
    IReadOnlyList<(SurveyItem Item, ResponseScale Scale)> Items,
    IReadOnlyDictionary<string, int> Answers,
    int Number,
    int Count);
