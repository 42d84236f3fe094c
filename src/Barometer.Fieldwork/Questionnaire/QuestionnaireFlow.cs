using Barometer.Catalogue.Questionnaires;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>
/// The pages one respondent sees: the questionnaire's blocks in order, each with the items the routing asks of this
/// person given the register and the answers so far; a block with no asked item is skipped. Recomputed on every
/// request, so a changed answer re-routes the rest of the questionnaire.
/// </summary>
internal sealed class QuestionnaireFlow(QuestionnaireRouting routing)
{
    public QuestionnaireRouting Routing { get; } = routing;

    public IReadOnlyList<FlowPage> Pages(IReadOnlyDictionary<string, string?> register, IReadOnlyDictionary<string, int> answers)
    {
        var questionnaire = Routing.Questionnaire;
        var asked = Routing.AskedItems(register, answers, out var kept);
        var pages = new List<FlowPage>();
        foreach (var block in questionnaire.Blocks)
        {
            var items = asked.Where(i => i.Block == block.Id).Select(i => (i, questionnaire.FindScale(i.Scale)!)).ToList();
            if (items.Count > 0)
            {
                pages.Add(new FlowPage(block, items, kept));
            }
        }

        return pages;
    }
}

/// <summary>One page of a respondent's flow.</summary>
internal sealed record FlowPage(SurveyBlock Block, IReadOnlyList<(SurveyItem Item, ResponseScale Scale)> Items, IReadOnlyDictionary<string, int> Answers);
