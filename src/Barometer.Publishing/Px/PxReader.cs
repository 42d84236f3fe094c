using System.Globalization;

namespace Barometer.Publishing.Px;

/// <summary>
/// A strict reader of PX files (Statistics Sweden's PC-Axis format, as served by PxWeb and Statistikdatabasen).
/// Whatever breaks the rules fails with a <see cref="PxFormatException"/> naming the line and the keyword:
/// a string that does not close on its line, a missing mandatory keyword, VALUES and CODES of different lengths,
/// a DATA section whose cell count differs from the product of the VALUES counts, an unknown data symbol.
/// </summary>
/// <remarks>
/// Supported: CODEPAGE iso-8859-1 or utf-8, LANGUAGE/LANGUAGES and <c>KEYWORD[lang]</c>, texts continued across
/// lines, STUB/HEADING/VALUES/CODES/VARIABLECODE, CONTVARIABLE, ELIMINATION, DECIMALS/SHOWDECIMALS, TIMEVAL,
/// quoted dot symbols <c>"."</c>…<c>"......"</c> and <c>"-"</c> in DATA, and KEYS (CODES or VALUES) on all stub
/// variables, where rows left out hold 0. Every other keyword is kept as written in <see cref="PxFile.Keywords"/>.
/// </remarks>
public static class PxReader
{
    private static readonly string[] Mandatory = ["MATRIX", "SUBJECT-CODE", "SUBJECT-AREA", "TITLE", "CONTENTS", "UNITS", "DECIMALS"];

    public static PxFile ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllBytes(path));
    }

    public static PxFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.ToArray());
    }

    public static PxFile Read(ReadOnlySpan<byte> bytes)
    {
        var warnings = new List<string>();
        var text = PxEncoding.Decode(bytes, warnings);
        return Parse(text, warnings);
    }

    /// <summary>Reads PX text that is already decoded.</summary>
    public static PxFile Parse(string text) => Parse(text, []);

    private static PxFile Parse(string text, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scanner = new PxScanner(text);
        scanner.Scan();
        var (defaultLanguage, languages) = ReadLanguages(new EntryTable(scanner.Entries.Where(e => e.Name.StartsWith("LANGUAGE", StringComparison.Ordinal)).ToList(), scanner.DataLine));

        // TITLE[en] in a file whose LANGUAGE is "en" is the default-language TITLE; a second one is a duplicate.
        var normalised = scanner.Entries
            .Select(e => e.Language is not null && string.Equals(e.Language, defaultLanguage, StringComparison.Ordinal) ? e with { Language = null } : e)
            .ToList();
        var entries = new EntryTable(normalised, scanner.DataLine);
        entries.CheckLanguages(languages);

        foreach (var keyword in Mandatory)
        {
            entries.Require(keyword);
        }

        var decimals = ReadDecimals(entries);
        var variables = ReadVariables(entries, languages, defaultLanguage);
        var (data, symbols) = ReadData(entries, variables, scanner);

        var keywords = entries.All
            .Select(e => new PxKeyword(e.Name, e.Language, e.SubKeys, e.Values.Select(v => v.Text).ToList(), e.Line))
            .ToList();
        return new PxFile(defaultLanguage, languages, keywords, variables, data, symbols, decimals, warnings);
    }

    private static (string? Default, IReadOnlyList<string> All) ReadLanguages(EntryTable entries)
    {
        var language = entries.Find("LANGUAGE");
        var languages = entries.Find("LANGUAGES");
        var defaultLanguage = language is null ? null : Single(language);
        if (languages is null)
        {
            return (defaultLanguage, defaultLanguage is null ? [] : [defaultLanguage]);
        }

        if (defaultLanguage is null)
        {
            throw new PxFormatException("LANGUAGES is given without LANGUAGE (the default language).", languages.Line, "LANGUAGE");
        }

        var all = languages.Values.Select(v => v.Text).ToList();
        if (!all.Contains(defaultLanguage, StringComparer.Ordinal))
        {
            throw new PxFormatException($"LANGUAGES does not include the default language \"{defaultLanguage}\".", languages.Line, "LANGUAGES");
        }

        if (all.Distinct(StringComparer.Ordinal).Count() != all.Count)
        {
            throw new PxFormatException("LANGUAGES names a language twice.", languages.Line, "LANGUAGES");
        }

        return (defaultLanguage, all);
    }

    private static int ReadDecimals(EntryTable entries)
    {
        var entry = entries.Require("DECIMALS");
        var decimals = Integer(entry);
        if (decimals is < 0 or > 15)
        {
            throw new PxFormatException($"DECIMALS must be 0 to 15, found {decimals}.", entry.Line, entry.Display);
        }

        var show = entries.Find("SHOWDECIMALS");
        if (show is not null)
        {
            var shown = Integer(show);
            if (shown < 0 || shown > decimals)
            {
                throw new PxFormatException($"SHOWDECIMALS must be 0 to DECIMALS ({decimals}), found {shown}.", show.Line, show.Display);
            }
        }

        return decimals;
    }

    private static List<PxVariable> ReadVariables(EntryTable entries, IReadOnlyList<string> languages, string? defaultLanguage)
    {
        var stub = entries.Find("STUB");
        var heading = entries.Find("HEADING");
        if (stub is null && heading is null)
        {
            throw new PxFormatException("mandatory keyword STUB or HEADING is missing: the table has no variables.", entries.DataLine, "STUB");
        }

        var placed = new List<(string Name, PxPlacement Placement, int Position, PxRawEntry Source)>();
        AddNames(stub, PxPlacement.Stub);
        AddNames(heading, PxPlacement.Heading);

        var duplicate = placed.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.Skip(1).First();
            throw new PxFormatException($"variable \"{duplicate.Key}\" appears twice in STUB/HEADING.", second.Source.Line, second.Source.Display);
        }

        var otherLanguages = languages.Where(l => !string.Equals(l, defaultLanguage, StringComparison.Ordinal)).ToList();
        var contents = entries.Find("CONTVARIABLE");
        if (contents is not null && !placed.Any(p => p.Name == Single(contents)))
        {
            throw new PxFormatException($"CONTVARIABLE names \"{Single(contents)}\", which is not in STUB or HEADING.", contents.Line, contents.Display);
        }

        var variables = new List<PxVariable>();
        foreach (var (name, placement, position, source) in placed)
        {
            var values = entries.Find("VALUES", null, name)
                ?? throw new PxFormatException($"mandatory keyword VALUES(\"{name}\") is missing for a variable of {source.Name}.", source.Line, $"VALUES(\"{name}\")");
            var valueTexts = values.Values.Select(v => v.Text).ToList();
            if (valueTexts.Count == 0)
            {
                throw new PxFormatException("a variable must have at least one value.", values.Line, values.Display);
            }

            var codesEntry = entries.Find("CODES", null, name);
            var codes = codesEntry?.Values.Select(v => v.Text).ToList() ?? valueTexts;
            if (codesEntry is not null && codes.Count != valueTexts.Count)
            {
                throw new PxFormatException(
                    $"{codes.Count} codes but {valueTexts.Count} values in {values.Display} (line {values.Line}).", codesEntry.Line, codesEntry.Display);
            }

            var repeated = codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                var at = codesEntry ?? values;
                throw new PxFormatException($"code \"{repeated.Key}\" appears twice.", at.Line, at.Display);
            }

            var names = new Dictionary<string, string>(StringComparer.Ordinal) { [defaultLanguage ?? string.Empty] = name };
            var texts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [defaultLanguage ?? string.Empty] = valueTexts };
            foreach (var language in otherLanguages)
            {
                var translatedPlacement = entries.Find(placement == PxPlacement.Stub ? "STUB" : "HEADING", language)
                    ?? throw new PxFormatException(
                        $"{source.Name}[{language}] is missing although LANGUAGES declares \"{language}\".", source.Line, $"{source.Name}[{language}]");
                if (translatedPlacement.Values.Count != source.Values.Count)
                {
                    throw new PxFormatException(
                        $"{translatedPlacement.Values.Count} variables but {source.Values.Count} in {source.Display}.", translatedPlacement.Line, translatedPlacement.Display);
                }

                var translatedName = translatedPlacement.Values[position].Text;
                var translatedValues = entries.Find("VALUES", language, translatedName)
                    ?? throw new PxFormatException(
                        $"VALUES[{language}](\"{translatedName}\") is missing although LANGUAGES declares \"{language}\".",
                        translatedPlacement.Line, $"VALUES[{language}](\"{translatedName}\")");
                if (translatedValues.Values.Count != valueTexts.Count)
                {
                    throw new PxFormatException(
                        $"{translatedValues.Values.Count} values but {valueTexts.Count} in {values.Display}.", translatedValues.Line, translatedValues.Display);
                }

                var translatedCodes = entries.Find("CODES", language, translatedName);
                if (translatedCodes is not null && !translatedCodes.Values.Select(v => v.Text).SequenceEqual(codes, StringComparer.Ordinal))
                {
                    throw new PxFormatException($"the codes differ from those of {codesEntry?.Display ?? values.Display}.", translatedCodes.Line, translatedCodes.Display);
                }

                names[language] = translatedName;
                texts[language] = translatedValues.Values.Select(v => v.Text).ToList();
            }

            var (canEliminate, eliminationCode) = ReadElimination(entries.Find("ELIMINATION", null, name), valueTexts, codes);
            var variableCode = entries.Find("VARIABLECODE", null, name);
            var variableType = entries.Find("VARIABLE-TYPE", null, name);
            var isTime = entries.Find("TIMEVAL", null, name) is not null || (variableType is not null && Single(variableType) == "T");
            variables.Add(new PxVariable(
                variableCode is null ? name : Single(variableCode),
                placement,
                names,
                codes,
                texts,
                contents is not null && Single(contents) == name,
                isTime,
                canEliminate,
                eliminationCode,
                variableType is null ? null : Single(variableType)));
        }

        var codeClash = variables.GroupBy(v => v.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (codeClash is not null)
        {
            throw new PxFormatException($"two variables have the code \"{codeClash.Key}\".", entries.DataLine, "VARIABLECODE");
        }

        return variables;

        void AddNames(PxRawEntry? entry, PxPlacement placement)
        {
            if (entry is null)
            {
                return;
            }

            for (var i = 0; i < entry.Values.Count; i++)
            {
                if (!entry.Values[i].Quoted)
                {
                    throw new PxFormatException("variable names must be quoted.", entry.Values[i].Line, entry.Display);
                }

                placed.Add((entry.Values[i].Text, placement, i, entry));
            }
        }
    }

    private static (bool CanEliminate, string? Code) ReadElimination(PxRawEntry? entry, List<string> values, List<string> codes)
    {
        if (entry is null)
        {
            return (false, null);
        }

        var token = entry.Values.Count == 1
            ? entry.Values[0]
            : throw new PxFormatException("ELIMINATION takes one value: YES, NO or a quoted value text.", entry.Line, entry.Display);
        if (!token.Quoted)
        {
            return token.Text switch
            {
                "YES" => (true, null),
                "NO" => (false, null),
                _ => throw new PxFormatException($"ELIMINATION must be YES, NO or a quoted value text, found {token.Text}.", entry.Line, entry.Display),
            };
        }

        var index = values.IndexOf(token.Text);
        return index >= 0
            ? (true, codes[index])
            : throw new PxFormatException($"ELIMINATION names \"{token.Text}\", which is not one of the VALUES.", entry.Line, entry.Display);
    }

    private static (double?[] Data, PxDataSymbol[] Symbols) ReadData(EntryTable entries, List<PxVariable> variables, PxScanner scanner)
    {
        long expected = 1;
        foreach (var variable in variables)
        {
            expected *= variable.Count;
        }

        var product = string.Join(" × ", variables.Select(v => v.Count.ToString(CultureInfo.InvariantCulture)));
        if (expected > int.MaxValue)
        {
            throw new PxFormatException($"the table would have {expected} cells ({product}); too many.", scanner.DataLine, "DATA");
        }

        var data = new double?[expected];
        var symbols = new PxDataSymbol[expected];
        var stub = variables.Where(v => v.Placement == PxPlacement.Stub).ToList();
        var keys = stub.Select(v => entries.Find("KEYS", null, v.Names.First().Value)).ToList();
        if (keys.All(k => k is null))
        {
            var tokens = scanner.DataTokens;
            if (tokens.Count > expected)
            {
                throw new PxFormatException(
                    $"DATA has {tokens.Count} cells but the VALUES give {product} = {expected}; the first cell too many is here.",
                    tokens[(int)expected].Line, "DATA");
            }

            if (tokens.Count < expected)
            {
                throw new PxFormatException(
                    $"DATA has {tokens.Count} cells but the VALUES give {product} = {expected}.", scanner.DataEndLine, "DATA");
            }

            for (var i = 0; i < tokens.Count; i++)
            {
                (data[i], symbols[i]) = Cell(tokens[i]);
            }

            return (data, symbols);
        }

        ReadKeyedData(keys, stub, variables, scanner, data, symbols);
        return (data, symbols);
    }

    private static void ReadKeyedData(
        List<PxRawEntry?> keys, List<PxVariable> stub, List<PxVariable> variables, PxScanner scanner, double?[] data, PxDataSymbol[] symbols)
    {
        var missing = keys.IndexOf(null);
        if (missing >= 0)
        {
            var first = keys.First(k => k is not null)!;
            throw new PxFormatException(
                $"KEYS must be given for every stub variable; \"{stub[missing].Names.First().Value}\" has none.", first.Line, first.Display);
        }

        var useCodes = new bool[stub.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i]!;
            useCodes[i] = Single(key) switch
            {
                "CODES" => true,
                "VALUES" => false,
                var other => throw new PxFormatException($"KEYS must be CODES or VALUES, found {other}.", key.Line, key.Display),
            };
        }

        var rowLength = variables.Where(v => v.Placement == PxPlacement.Heading).Aggregate(1, (n, v) => n * v.Count);
        var seen = new HashSet<int>();
        foreach (var row in scanner.DataTokens.GroupBy(t => t.Line))
        {
            var tokens = row.ToList();
            var line = row.Key;
            if (tokens.Count != stub.Count + rowLength)
            {
                throw new PxFormatException(
                    $"a keyed DATA line must hold {stub.Count} keys and {rowLength} cells, found {tokens.Count} items.", line, "DATA");
            }

            var rowIndex = 0;
            for (var i = 0; i < stub.Count; i++)
            {
                var token = tokens[i];
                var candidates = useCodes[i] ? stub[i].Codes : stub[i].Values.First().Value;
                var position = token.Quoted ? IndexOf(candidates, token.Text) : -1;
                if (position < 0)
                {
                    throw new PxFormatException(
                        $"key \"{token.Text}\" is not one of the {(useCodes[i] ? "CODES" : "VALUES")} of \"{stub[i].Names.First().Value}\".", line, "DATA");
                }

                rowIndex = (rowIndex * stub[i].Count) + position;
            }

            if (!seen.Add(rowIndex))
            {
                throw new PxFormatException("this combination of keys was given on an earlier line.", line, "DATA");
            }

            for (var j = 0; j < rowLength; j++)
            {
                (data[(rowIndex * rowLength) + j], symbols[(rowIndex * rowLength) + j]) = Cell(tokens[stub.Count + j]);
            }
        }

        for (var i = 0; i < data.Length; i++)
        {
            if (!seen.Contains(i / rowLength))
            {
                data[i] = 0;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static (double? Value, PxDataSymbol Symbol) Cell(PxToken token)
    {
        if (token.Quoted)
        {
            return token.Text switch
            {
                "-" => (0, PxDataSymbol.Nil),
                { Length: >= 1 and <= 6 } dots when dots.All(c => c == '.') => (null, (PxDataSymbol)dots.Length),
                _ => throw new PxFormatException(
                    $"\"{token.Text}\" is not a data symbol; expected \".\" to \"......\" or \"-\".", token.Line, "DATA"),
            };
        }

        if (double.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return (value, PxDataSymbol.None);
        }

        var hint = token.Text.Length > 0 && token.Text.All(c => c is '.' or '-') ? " (data symbols must be quoted, e.g. \"..\")" : string.Empty;
        throw new PxFormatException($"'{token.Text}' is not a number{hint}.", token.Line, "DATA");
    }

    private static int Integer(PxRawEntry entry)
    {
        var text = Single(entry);
        return entry.Values[0].Quoted || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? throw new PxFormatException($"expected an unquoted integer, found {(entry.Values[0].Quoted ? $"\"{text}\"" : text)}.", entry.Line, entry.Display)
            : value;
    }

    private static string Single(PxRawEntry entry) =>
        entry.Values.Count == 1
            ? entry.Values[0].Text
            : throw new PxFormatException($"expected one value, found {entry.Values.Count}.", entry.Line, entry.Display);

    /// <summary>The keyword entries, indexed, with duplicates and undeclared languages rejected.</summary>
    private sealed class EntryTable
    {
        private readonly Dictionary<string, PxRawEntry> _byKey = new(StringComparer.Ordinal);

        public EntryTable(List<PxRawEntry> entries, int dataLine)
        {
            All = entries;
            DataLine = dataLine;
            foreach (var entry in entries)
            {
                if (!_byKey.TryAdd(Key(entry.Name, entry.Language, entry.SubKeys), entry))
                {
                    var first = _byKey[Key(entry.Name, entry.Language, entry.SubKeys)];
                    throw new PxFormatException($"given twice (first on line {first.Line}).", entry.Line, entry.Display);
                }
            }
        }

        public List<PxRawEntry> All { get; }

        public int DataLine { get; }

        public PxRawEntry? Find(string name, string? language = null, params string[] subKeys) =>
            _byKey.GetValueOrDefault(Key(name, language, subKeys));

        public PxRawEntry Require(string name) =>
            Find(name) ?? throw new PxFormatException($"mandatory keyword {name} is missing.", DataLine, name);

        public void CheckLanguages(IReadOnlyList<string> languages)
        {
            foreach (var entry in All.Where(e => e.Language is not null))
            {
                if (!languages.Contains(entry.Language!, StringComparer.Ordinal))
                {
                    throw new PxFormatException($"language \"{entry.Language}\" is not declared in LANGUAGES.", entry.Line, entry.Display);
                }

            }
        }

        private static string Key(string name, string? language, IReadOnlyList<string> subKeys) =>
            $"{name}\u0001{language}\u0001{string.Join('\u0002', subKeys)}";
    }
}
