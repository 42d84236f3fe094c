using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Barometer.Storage.Ingestion;

/// <summary>
/// The one pass over an input file's bytes before DuckDB reads it: refuses what is not a regular file with data
/// (a link to a device, a pipe, an empty file), computes the SHA-256 that identifies the file, and for a CSV checks
/// that it is UTF-8 with lines of sane length and takes its header as written. When DuckDB would read the path as a
/// glob pattern (<c>*</c>, <c>?</c>, <c>[…]</c>, <c>{…}</c>), the same pass writes the bytes to a private copy under
/// a plain name, so DuckDB reads exactly the bytes that were hashed.
/// </summary>
internal static class InputScan
{
    /// <summary>The longest line a CSV may have (DuckDB's own limit is 2 MB); longer is refused with its row.</summary>
    public const int MaxLineBytes = 1 << 20;

    private static readonly System.Buffers.SearchValues<char> GlobCharacters = System.Buffers.SearchValues.Create("*?[]{}");

    /// <summary>Scans <paramref name="file"/>; returns it with hash, read path and header, or null with its problems added.</summary>
    public static InputFile? Scan(InputFile file, int index, Func<string> scratchFolder, IngestProblems problems)
    {
        var info = new FileInfo(file.FullPath);
        var via = string.Empty;
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                problems.Add(new IngestProblem(file.RelativePath, null, null, "a regular file", $"a link to {info.LinkTarget}, which does not exist"));
                return null;
            }

            via = $"a link to {target.FullName}: ";
            info = new FileInfo(target.FullName);
        }

        // A device, pipe or socket has no size; reading one would never end (/dev/zero) or block (a pipe), so the
        // file is never opened. A regular file is read for exactly the size it has, never more.
        var length = info.Length;
        if (length == 0)
        {
            problems.Add(new IngestProblem(file.RelativePath, null, null, "a regular file with data (a header at least)",
                via + "nothing to read: an empty file, or a device, pipe or socket rather than a regular file"));
            return null;
        }

        var copy = file.FullPath.AsSpan().IndexOfAny(GlobCharacters) >= 0
            ? Path.Combine(scratchFolder(), index.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(file.FullPath).ToLowerInvariant())
            : null;
        var csv = file.IsCsv ? new CsvCheck() : null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var output = copy is null ? null : new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var buffer = new byte[1 << 20];
            var remaining = length;
            while (remaining > 0)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                {
                    problems.Add(new IngestProblem(file.RelativePath, null, null, "a file that does not change while it is read",
                        string.Create(CultureInfo.InvariantCulture, $"it shrank from {length:N0} bytes while being read")));
                    return null;
                }

                hash.AppendData(buffer, 0, read);
                output?.Write(buffer, 0, read);
                csv?.Append(buffer.AsSpan(0, read));
                remaining -= read;
            }

            if (stream.Read(buffer, 0, 1) > 0)
            {
                problems.Add(new IngestProblem(file.RelativePath, null, null, "a regular file that does not change while it is read",
                    via + string.Create(CultureInfo.InvariantCulture, $"more than its {length:N0} bytes (a file still being written, or not a regular file)")));
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new IngestProblem(file.RelativePath, null, null, "a readable file", via + ex.Message));
            return null;
        }

        if (csv is not null)
        {
            var before = problems.Count;
            csv.Finish(file.RelativePath, problems);
            if (problems.Count > before)
            {
                return null;
            }
        }

        return file with
        {
            Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
            ReadPath = copy ?? info.FullName,
            Header = csv?.Header,
        };
    }

    /// <summary>Streaming checks of a CSV's bytes: UTF-8 (no UTF-16, no NUL), line length, and the header line.</summary>
    private sealed class CsvCheck
    {
        private readonly List<byte> _header = [];
        private long _position;
        private long _line = 1;
        private long _lineLength;
        private int _continuations;
        private long _charStart;
        private (long Line, string What)? _badByte;
        private long? _longLine;
        private bool _quoted;
        private long _record = 1;
        private long _recordStart = 1;
        private long _fields = 1;
        private long _recordBytes;
        private long? _headerFields;
        private (long Row, long Fields)? _ragged;

        public List<string>? Header { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (_position == 0 && b is 0xFF or 0xFE)
                {
                    _badByte = (_line, "UTF-16 text (a byte order mark); expected UTF-8");
                }

                _position++;
                Track(b);
                if (b == (byte)'\n')
                {
                    _line++;
                    _lineLength = 0;
                }
                else if (++_lineLength > MaxLineBytes)
                {
                    _longLine ??= _line;
                }

                if (_line == 1 && b != (byte)'\n' && _header.Count <= MaxLineBytes)
                {
                    _header.Add(b);
                }

                if (_badByte is not null)
                {
                    continue;
                }

                if (b == 0)
                {
                    _badByte = (_line, "a NUL byte (UTF-16 or binary data)");
                }
                else if (_continuations > 0)
                {
                    if ((b & 0xC0) == 0x80)
                    {
                        _continuations--;
                    }
                    else
                    {
                        _badByte = (_line, string.Create(CultureInfo.InvariantCulture, $"bytes that are not UTF-8 (at byte {_charStart + 1:N0})"));
                    }
                }
                else if (b >= 0x80)
                {
                    _charStart = _position - 1;
                    _continuations = b switch
                    {
                        >= 0xC2 and <= 0xDF => 1,
                        >= 0xE0 and <= 0xEF => 2,
                        >= 0xF0 and <= 0xF4 => 3,
                        _ => -1,
                    };
                    if (_continuations < 0)
                    {
                        _badByte = (_line, string.Create(CultureInfo.InvariantCulture, $"bytes that are not UTF-8 (byte 0x{b:X2} at byte {_position:N0})"));
                    }
                }
            }
        }

        /// <summary>Counts the fields of each record (RFC 4180 quoting) so a row with more or fewer fields than the header is refused, not padded or cut.</summary>
        private void Track(byte b)
        {
            if (b == (byte)'"')
            {
                _quoted = !_quoted;
                if (_quoted)
                {
                    _recordStart = _line;
                }
            }
            else if (!_quoted && b == (byte)',')
            {
                _fields++;
            }
            else if (!_quoted && b == (byte)'\n')
            {
                EndRecord();
                return;
            }

            if (b != (byte)'\r')
            {
                _recordBytes++;
            }
        }

        private void EndRecord()
        {
            if (_recordBytes > 0)
            {
                if (_headerFields is null)
                {
                    _headerFields = _fields;
                }
                else if (_fields != _headerFields && _ragged is null)
                {
                    _ragged = (_record - 1, _fields);
                }

                _record++;
            }

            _fields = 1;
            _recordBytes = 0;
        }

        public void Finish(string file, IngestProblems problems)
        {
            if (_quoted)
            {
                problems.Add(new IngestProblem(file, DataRow(_recordStart), null, "a closing quote for every opening quote", "a quote that is never closed (a truncated file?)"));
                return;
            }

            EndRecord();
            if (_badByte is null && _continuations > 0)
            {
                _badByte = (_line, "a UTF-8 character cut off at the end of the file (a truncated file?)");
            }

            if (_badByte is { } bad)
            {
                problems.Add(new IngestProblem(file, DataRow(bad.Line), null, "UTF-8 text", bad.What));
                return;
            }

            if (_longLine is { } line)
            {
                problems.Add(new IngestProblem(file, DataRow(line), null,
                    string.Create(CultureInfo.InvariantCulture, $"lines of at most {MaxLineBytes:N0} bytes"), "a longer line"));
                return;
            }

            if (_ragged is { } ragged)
            {
                problems.Add(new IngestProblem(file, ragged.Row, null,
                    string.Create(CultureInfo.InvariantCulture, $"{_headerFields} fields, as in the header"),
                    string.Create(CultureInfo.InvariantCulture, $"{ragged.Fields} fields")));
                return;
            }

            var text = Encoding.UTF8.GetString([.. _header]).TrimEnd('\r');
            if (text.StartsWith('\uFEFF'))
            {
                text = text[1..];
            }

            Header = SplitHeader(text);
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Header.Count; i++)
            {
                var name = Header[i];
                if (name.Length == 0)
                {
                    problems.Add(new IngestProblem(file, null, string.Create(CultureInfo.InvariantCulture, $"#{i + 1}"), "a column name in the header", "an empty name"));
                }
                else if (name.Trim() != name)
                {
                    problems.Add(new IngestProblem(file, null, name, $"the header name '{name.Trim()}' without spaces around it", $"'{name}' in the header"));
                }
                else if (!names.Add(name))
                {
                    problems.Add(new IngestProblem(file, null, name, "each column once in the header", $"'{name}' twice"));
                }
            }
        }

        /// <summary>The 1-based data row of a line of the file (line 1 is the header: no row).</summary>
        private static long? DataRow(long line) => line <= 1 ? null : line - 1;

        /// <summary>The names of a CSV header line (comma-separated, double quotes as in RFC 4180), exactly as written.</summary>
        private static List<string> SplitHeader(string line)
        {
            var names = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    names.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            names.Add(current.ToString());
            return names;
        }
    }
}
