namespace Barometer.Reporting.Findings;

/// <summary>A piece of report text. Prose never carries a digit itself: every number is a <see cref="NumberInline"/> with its source.</summary>
public abstract record Inline;

/// <summary>Prose written by the report's rules (no digits).</summary>
public sealed record TextInline(string Text) : Inline;

/// <summary>A text from the catalogue (indicator, group or classification label), which may contain digits such as "20–64 år".</summary>
public sealed record LabelInline(string Text) : Inline;

/// <summary>A wave (year).</summary>
public sealed record WaveInline(int Wave) : Inline;

/// <summary>
/// A number and where it comes from: <see cref="Source"/> <c>result</c> (a released cell: <see cref="Table"/> is the
/// table id, <see cref="Cell"/> the cell as <c>wave=…;measure=…;cell=…;group=…;stat=…</c>), <c>fieldwork</c> (the
/// wave's gross sample: <c>stratum=…|variable=…;code=…;stat=sampled|responded|rate|frame</c>) or <c>provenance</c>
/// (the release's provenance: <see cref="Cell"/> a JSON path such as <c>rules.survey.min_respondents</c>).
/// <see cref="Absolute"/> is true when the text is the value's size without its sign (the direction is in the
/// words, e.g. "decreased by 3.1").
/// </summary>
public sealed record NumberInline(string Text, string Source, string Table, string Cell, bool Absolute = false) : Inline;

/// <summary>A sentence or paragraph built from inlines.</summary>
public sealed class Sentence : List<Inline>
{
    public Sentence()
    {
    }

    public Sentence(IEnumerable<Inline> inlines)
        : base(inlines)
    {
    }

    public Sentence T(string text)
    {
        Add(new TextInline(text));
        return this;
    }

    public Sentence L(string text)
    {
        Add(new LabelInline(text));
        return this;
    }

    public Sentence W(int wave)
    {
        Add(new WaveInline(wave));
        return this;
    }

    public Sentence N(NumberInline number)
    {
        Add(number);
        return this;
    }

    public Sentence Append(IEnumerable<Inline> inlines)
    {
        AddRange(inlines);
        return this;
    }

    /// <summary>The text as a reader sees it (for tests and logs).</summary>
    public string PlainText => string.Concat(this.Select(i => i switch
    {
        TextInline t => t.Text,
        LabelInline l => l.Text,
        WaveInline w => w.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NumberInline n => n.Text,
        _ => "",
    }));
}
