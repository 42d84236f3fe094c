using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Barometer.Catalogue.Questionnaires;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>
/// The field host's HTML: server-rendered, no JavaScript, phone first. Every page states its language and writing
/// direction (<c>lang</c>, <c>dir</c>: right to left for Arabic and Persian); every control has a label; each question
/// is a fieldset whose legend is the question, its answers a radio group with one label per alternative ("vet ej" and
/// "inget svar" included). The style sheet uses logical properties only (inline start/end), so one sheet serves both
/// directions, and names the Noto fonts of every script the translations use.
/// </summary>
internal static class PageHtml
{
    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,"Noto Sans",sans-serif;font-size:1.0625rem;line-height:1.5;color:#1b1b1b;background:#fff}
        :lang(ar),:lang(fa){font-family:"Noto Naskh Arabic","Noto Sans Arabic",system-ui,sans-serif;line-height:1.8}
        :lang(ti){font-family:"Noto Sans Ethiopic","Noto Serif Ethiopic",system-ui,sans-serif;line-height:1.7}
        header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.75rem 1rem;background:#1d3b5c;color:#fff}
        header a,header button{color:#fff}
        header nav,header .languages{display:flex;flex-wrap:wrap;gap:.375rem}
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
        header button{background:transparent;border:1px solid #fff;min-height:2.75rem;padding:.25rem .75rem}
        header nav a{display:inline-block;min-height:2.75rem;padding:.5rem .5rem}
        input[type=text]{font:inherit;width:100%;min-height:2.75rem;padding:.5rem;border:2px solid #555;border-radius:.375rem;letter-spacing:.08em;text-transform:uppercase;text-align:start}
        label.field{display:block;font-weight:600;margin-block-end:.35rem}
        .message{border-inline-start:.3rem solid #b00020;padding:.5rem .75rem;background:#fdecee}
        .switch{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-top:1.5rem;padding-top:1rem;border-top:1px solid #8a8a8a}
        .switch span{flex-basis:100%;font-weight:600}
        .progress{margin:0 0 1rem}
        progress{width:100%;height:.75rem}
        :focus-visible{outline:3px solid #f2a900;outline-offset:2px}
        .skip{position:absolute;inset-inline-start:-999px}
        .skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:1}
        """;

    /// <summary>Letters of every script as themselves (the pages are UTF-8); markup characters still encoded.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page skeleton; <paramref name="switcher"/> is the header's language control (links or form buttons).</summary>
    public static string Document(FieldLanguages languages, QuestionnaireLanguage language, string title, string switcher, string body)
    {
        var name = languages.Texts.Title(language);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language.Code).Append("\" dir=\"").Append(FieldLanguages.Direction(language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" – ").Append(E(name)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/field.css\">\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">").Append(E(languages.T(FieldTexts.SkipToContent, language))).Append("</a>\n")
            .Append("<header><span>").Append(E(name)).Append("</span>").Append(switcher).Append("</header>\n")
            .Append("<main id=\"main\">\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Links to the other languages (pages outside a session, where there are no answers to keep).</summary>
    public static string LanguageLinks(FieldLanguages languages, QuestionnaireLanguage language, string path)
    {
        var html = new StringBuilder("<nav aria-label=\"").Append(E(languages.T(FieldTexts.LanguageSwitch, language))).Append("\">");
        foreach (var other in languages.Offered.Where(l => l != language))
        {
            html.Append("<a href=\"").Append(E(path)).Append("?lang=").Append(other.Code).Append("\" lang=\"").Append(other.Code).Append("\" dir=\"")
                .Append(FieldLanguages.Direction(other)).Append("\" hreflang=\"").Append(other.Code).Append("\">")
                .Append(E(other.Name)).Append("</a> ");
        }

        return html.Append("</nav>").ToString();
    }

    public static string Login(FieldLanguages languages, QuestionnaireLanguage language, string antiforgeryField, string antiforgeryToken, string? message)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(languages.Texts.Title(language))).Append("</h1>\n<p>").Append(E(languages.T(FieldTexts.Welcome, language))).Append("</p>\n");
        AppendMessage(body, message);
        body.Append("<form method=\"post\" action=\"/login\">\n")
            .Append(Hidden(antiforgeryField, antiforgeryToken)).Append(Hidden("lang", language.Code))
            .Append("<label class=\"field\" for=\"code\">").Append(E(languages.T(FieldTexts.CodeLabel, language))).Append("</label>\n")
            .Append("<input type=\"text\" id=\"code\" name=\"code\" dir=\"ltr\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"40\" required>\n")
            .Append("<div class=\"actions\"><button type=\"submit\">").Append(E(languages.T(FieldTexts.Start, language))).Append("</button></div>\n</form>\n");
        return Document(languages, language, languages.T(FieldTexts.Start, language), LanguageLinks(languages, language, "/"), body.ToString());
    }

    public static string Message(FieldLanguages languages, QuestionnaireLanguage language, string title, string message, string path) =>
        Document(languages, language, title, LanguageLinks(languages, language, path), $"<h1>{E(languages.Texts.Title(language))}</h1>\n<p>{E(message)}</p>\n");

    /// <summary>One page of the questionnaire: a block's asked items with the answers given so far.</summary>
    public static string Page(FieldLanguages languages, QuestionPage page, string antiforgeryField, string antiforgeryToken, string? message)
    {
        var language = page.Language;
        var body = new StringBuilder();
        var progress = string.Format(CultureInfo.InvariantCulture, languages.T(FieldTexts.Progress, language), page.Number, page.Count);
        var title = QuestionnaireLanguages.Block(page.Block, language);
        body.Append("<p class=\"progress\" id=\"progress\">").Append(E(progress)).Append("</p>\n")
            .Append("<progress max=\"").Append(page.Count.ToString(CultureInfo.InvariantCulture)).Append("\" value=\"").Append(page.Number.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-labelledby=\"progress\"></progress>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        AppendMessage(body, message);
        body.Append("<p>").Append(E(languages.T(FieldTexts.Optional, language))).Append("</p>\n");
        body.Append("<form method=\"post\" action=\"/q/").Append(E(page.Block.Id)).Append("\" id=\"page\">\n")
            .Append(Hidden(antiforgeryField, antiforgeryToken)).Append(Hidden("lang", language.Code));
        foreach (var (item, scale) in page.Items)
        {
            body.Append("<fieldset>\n<legend>").Append(E(QuestionnaireLanguages.Question(item, language))).Append("</legend>\n");
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

                body.Append("><label for=\"").Append(E(id)).Append("\">").Append(E(QuestionnaireLanguages.CodeLabel(scale, code, language))).Append("</label></div>\n");
            }

            body.Append("</fieldset>\n");
        }

        // "Nästa" comes first: it is the form's default button, the one Enter presses (implicit submission).
        body.Append("<div class=\"actions\">")
            .Append("<button type=\"submit\" name=\"action\" value=\"next\">")
            .Append(E(languages.T(page.Number == page.Count ? FieldTexts.Finish : FieldTexts.Next, language))).Append("</button>");
        if (page.Number > 1)
        {
            body.Append("<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">").Append(E(languages.T(FieldTexts.Back, language))).Append("</button>");
        }

        body.Append("<button type=\"submit\" name=\"action\" value=\"stop\" class=\"secondary\">").Append(E(languages.T(FieldTexts.Stop, language))).Append("</button>")
            .Append("</div>\n");

        // The language switch submits the page: the answers given on it are saved in one transaction, as "Nästa" saves
        // them, and the same page comes back in the chosen language. It sits in the form after the page's own buttons
        // (so that it is never the default button); the header links to it.
        body.Append("<div class=\"languages switch\" id=\"languages\" role=\"group\" aria-labelledby=\"languages-label\"><span id=\"languages-label\">")
            .Append(E(languages.T(FieldTexts.LanguageSwitch, language))).Append("</span>");
        foreach (var other in languages.Offered.Where(l => l != language))
        {
            body.Append("<button type=\"submit\" name=\"action\" value=\"lang:").Append(other.Code).Append("\" class=\"secondary\" lang=\"").Append(other.Code)
                .Append("\" dir=\"").Append(FieldLanguages.Direction(other)).Append("\">").Append(E(other.Name)).Append("</button>");
        }

        body.Append("</div>\n</form>\n");
        var switcher = "<nav aria-label=\"" + E(languages.T(FieldTexts.LanguageSwitch, language)) + "\"><a href=\"#languages\">" +
            E(languages.T(FieldTexts.LanguageSwitch, language)) + "</a></nav>";
        return Document(languages, language, title, switcher, body.ToString());
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
    QuestionnaireLanguage Language,
    SurveyBlock Block,
    IReadOnlyList<(SurveyItem Item, ResponseScale Scale)> Items,
    IReadOnlyDictionary<string, int> Answers,
    int Number,
    int Count);
