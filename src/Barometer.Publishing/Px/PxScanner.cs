using System.Text;

namespace Barometer.Publishing.Px;

/// <summary>One value of a keyword entry, remembering whether it was quoted.</summary>
internal readonly record struct PxToken(string Text, bool Quoted, int Line);

/// <summary>A keyword entry before interpretation.</summary>
internal sealed record PxRawEntry(string Name, string? Language, IReadOnlyList<string> SubKeys, IReadOnlyList<PxToken> Values, int Line)
{
    public string Display => PxKeyword.Describe(Name, Language, SubKeys);
}

/// <summary>
/// Splits decoded PX text into keyword entries and the DATA tokens. Knows the lexical rules only: a quoted text
/// closes on its own line; texts separated only by white space (typically a line break) are one text continued;
/// every entry ends with a semicolon; DATA is the last entry.
/// </summary>
internal sealed class PxScanner(string text)
{
    private readonly string _text = text;
    private int _pos;
    private int _line = 1;

    public List<PxRawEntry> Entries { get; } = [];

    public List<PxToken> DataTokens { get; } = [];

    /// <summary>The line of the DATA keyword.</summary>
    public int DataLine { get; private set; }

    /// <summary>The line of the semicolon that ends DATA.</summary>
    public int DataEndLine { get; private set; }

    public void Scan()
    {
        while (true)
        {
            SkipWhiteSpace();
            if (AtEnd)
            {
                throw new PxFormatException("the file ends without a DATA keyword (mandatory).", _line, "DATA");
            }

            var entry = ReadEntryHead(out var isData);
            if (isData)
            {
                ReadData();
                SkipWhiteSpace();
                if (!AtEnd)
                {
                    throw new PxFormatException("text after the end of DATA: DATA must be the last keyword.", _line, "DATA");
                }

                return;
            }

            Entries.Add(entry with { Values = ReadValues(entry.Display) });
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private PxRawEntry ReadEntryHead(out bool isData)
    {
        var line = _line;
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '-' or '_'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw new PxFormatException($"expected a keyword, found '{Describe(Current)}'.", _line, null);
        }

        var name = _text[start.._pos];
        if (name.Any(char.IsAsciiLetterLower))
        {
            throw new PxFormatException($"keyword '{name}' must be written in upper case.", line, name);
        }

        string? language = null;
        if (!AtEnd && Current == '[')
        {
            _pos++;
            var langStart = _pos;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '-' or '_'))
            {
                _pos++;
            }

            if (AtEnd || Current != ']' || _pos == langStart)
            {
                throw new PxFormatException("a language in brackets must be a code followed by ']', e.g. TITLE[sv]=.", _line, name);
            }

            language = _text[langStart.._pos];
            _pos++;
        }

        var subKeys = new List<string>();
        if (!AtEnd && Current == '(')
        {
            _pos++;
            while (true)
            {
                SkipWhiteSpace();
                if (AtEnd || Current != '"')
                {
                    throw new PxFormatException("expected a quoted name inside the parentheses.", _line, name);
                }

                subKeys.Add(ReadString(PxKeyword.Describe(name, language, subKeys)));
                SkipWhiteSpace();
                if (!AtEnd && Current == ',')
                {
                    _pos++;
                    continue;
                }

                if (!AtEnd && Current == ')')
                {
                    _pos++;
                    break;
                }

                throw new PxFormatException("expected ',' or ')' after a name in parentheses.", _line, name);
            }
        }

        var display = PxKeyword.Describe(name, language, subKeys);
        if (AtEnd || Current != '=')
        {
            throw new PxFormatException(
                AtEnd ? "the file ends inside a keyword." : $"expected '=' after the keyword, found '{Describe(Current)}'.",
                _line, display);
        }

        _pos++;
        isData = name == "DATA";
        if (isData && (language is not null || subKeys.Count > 0))
        {
            throw new PxFormatException("DATA takes neither a language nor names in parentheses.", line, display);
        }

        DataLine = isData ? line : DataLine;
        return new PxRawEntry(name, language, subKeys, [], line);
    }

    private List<PxToken> ReadValues(string keyword)
    {
        var values = new List<PxToken>();
        while (true)
        {
            SkipWhiteSpace();
            if (AtEnd)
            {
                throw new PxFormatException("the file ends before the ';' that closes this keyword.", _line, keyword);
            }

            var line = _line;
            if (Current == '"')
            {
                var builder = new StringBuilder(ReadString(keyword));
                while (true)
                {
                    SkipWhiteSpace();
                    if (AtEnd || Current != '"')
                    {
                        break;
                    }

                    builder.Append(ReadString(keyword));
                }

                values.Add(new PxToken(builder.ToString(), true, line));
            }
            else
            {
                values.Add(new PxToken(ReadBare(keyword), false, line));
                SkipWhiteSpace();
            }

            if (AtEnd)
            {
                throw new PxFormatException("the file ends before the ';' that closes this keyword.", _line, keyword);
            }

            if (Current == ';')
            {
                _pos++;
                return values;
            }

            if (Current != ',')
            {
                throw new PxFormatException($"expected ',' or ';' after a value, found '{Describe(Current)}'.", _line, keyword);
            }

            _pos++;
        }
    }

    private string ReadBare(string keyword)
    {
        var start = _pos;
        var depth = 0;
        while (!AtEnd)
        {
            var c = Current;
            if (c == '\n' && depth == 0)
            {
                break;
            }

            if (c == '"')
            {
                _ = ReadString(keyword);
                continue;
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if ((c == ',' || c == ';') && depth == 0)
            {
                break;
            }
            else if (c == '\n')
            {
                _line++;
            }

            _pos++;
        }

        var token = _text[start.._pos].Trim();
        if (token.Length == 0)
        {
            throw new PxFormatException("empty value.", _line, keyword);
        }

        return token;
    }

    /// <summary>Reads one quoted text; the opening quote is at the current position.</summary>
    private string ReadString(string keyword)
    {
        var line = _line;
        _pos++;
        var start = _pos;
        while (!AtEnd && Current != '"')
        {
            if (Current is '\n' or '\r')
            {
                throw new PxFormatException(
                    "unterminated string: a quoted text must close on the line where it starts (continue it on the next line with a new quote).",
                    line, keyword);
            }

            _pos++;
        }

        if (AtEnd)
        {
            throw new PxFormatException("unterminated string at the end of the file.", line, keyword);
        }

        var value = _text[start.._pos];
        _pos++;
        return value;
    }

    private void ReadData()
    {
        while (true)
        {
            while (!AtEnd && (char.IsWhiteSpace(Current) || Current == ','))
            {
                if (Current == '\n')
                {
                    _line++;
                }

                _pos++;
            }

            if (AtEnd)
            {
                throw new PxFormatException("the file ends before the ';' that closes DATA.", _line, "DATA");
            }

            if (Current == ';')
            {
                DataEndLine = _line;
                _pos++;
                return;
            }

            if (Current == '"')
            {
                var line = _line;
                DataTokens.Add(new PxToken(ReadString("DATA"), true, line));
                continue;
            }

            var start = _pos;
            while (!AtEnd && !char.IsWhiteSpace(Current) && Current is not (',' or ';' or '"'))
            {
                _pos++;
            }

            DataTokens.Add(new PxToken(_text[start.._pos], false, _line));
        }
    }

    private void SkipWhiteSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            if (Current == '\n')
            {
                _line++;
            }

            _pos++;
        }
    }

    private static string Describe(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
