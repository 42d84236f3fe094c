using Barometer.Catalogue.Text;

namespace Barometer.Publishing.Formats;

/// <summary>The writers of every output format we serve, and the parser of PxWeb's <c>outputFormat</c> and <c>outputFormatParams</c>.</summary>
public static class CubeWriters
{
    /// <summary>The format used when a request names none.</summary>
    public const string DefaultFormat = JsonStatCubeWriter.FormatName;

    private static readonly string[] ParamNames =
        ["UseCodes", "UseTexts", "UseCodesAndTexts", "IncludeTitle", "SeparatorTab", "SeparatorSpace", "SeparatorSemicolon"];

    /// <summary>Every writer, in the order PxWeb lists its data formats.</summary>
    public static IReadOnlyList<ICubeWriter> All { get; } =
    [
        new JsonStatCubeWriter(),
        new CsvCubeWriter(),
        new PxCubeWriter(),
        new XlsxCubeWriter(),
        new HtmlCubeWriter(),
        new JsonPxCubeWriter(),
        new ParquetCubeWriter(),
    ];

    /// <summary>The format names, as listed in <c>/config</c> <c>dataFormats</c>.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. All.Select(w => w.Format)];

    /// <summary>The writer of <paramref name="format"/> (case-insensitive); <see cref="UnknownFormatException"/> otherwise.</summary>
    public static ICubeWriter For(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var trimmed = format.Trim();
        return All.FirstOrDefault(w => string.Equals(w.Format, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownFormatException("outputFormat", format, Formats);
    }

    /// <summary>
    /// Reads PxWeb's <c>outputFormat</c> (null or empty: <see cref="DefaultFormat"/>) and <c>outputFormatParams</c>
    /// (names case-insensitive; one entry may hold several separated by commas). Parameters that exclude each other
    /// (two label choices, two separators) throw a <see cref="CubeFormatException"/> naming both.
    /// </summary>
    public static (ICubeWriter Writer, CubeWriteOptions Options) Parse(
        string? outputFormat,
        IEnumerable<string>? outputFormatParams,
        Language language = Language.Sv)
    {
        var writer = For(string.IsNullOrWhiteSpace(outputFormat) ? DefaultFormat : outputFormat);
        var options = new CubeWriteOptions { Language = language };
        string? labelsParam = null;
        string? separatorParam = null;
        foreach (var raw in (outputFormatParams ?? []).SelectMany(p => (p ?? string.Empty).Split(',')))
        {
            var name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            var canonical = ParamNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new UnknownFormatException("outputFormatParams", name, ParamNames);
            switch (canonical)
            {
                case "UseCodes" or "UseTexts" or "UseCodesAndTexts":
                    Exclusive(ref labelsParam, canonical);
                    options = options with
                    {
                        CsvLabels = canonical switch
                        {
                            "UseCodes" => CsvLabels.Code,
                            "UseTexts" => CsvLabels.Text,
                            _ => CsvLabels.CodeAndText,
                        },
                    };
                    break;
                case "IncludeTitle":
                    options = options with { IncludeTitle = true };
                    break;
                default:
                    Exclusive(ref separatorParam, canonical);
                    options = options with
                    {
                        CsvSeparator = canonical switch
                        {
                            "SeparatorTab" => CsvSeparator.Tab,
                            "SeparatorSpace" => CsvSeparator.Space,
                            _ => CsvSeparator.Semicolon,
                        },
                    };
                    break;
            }
        }

        return (writer, options);
    }

    private static void Exclusive(ref string? chosen, string name)
    {
        if (chosen is not null && chosen != name)
        {
            throw new CubeFormatException($"outputFormatParams '{chosen}' and '{name}' cannot be combined.");
        }

        chosen = name;
    }
}
