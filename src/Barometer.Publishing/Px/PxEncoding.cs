using System.Text;
using System.Text.Unicode;

namespace Barometer.Publishing.Px;

/// <summary>
/// Decides how the bytes of a PX file are decoded. A UTF-8 byte-order mark wins; otherwise the CODEPAGE keyword
/// (read from the ASCII header before DATA) says, ISO-8859-1 when there is none, as the PX specification says.
/// </summary>
internal static class PxEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, List<string> warnings)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            return DecodeUtf8(bytes[3..]);
        }

        var codepage = FindCodepage(bytes);
        switch (codepage?.Trim().ToUpperInvariant())
        {
            case null:
            case "ISO-8859-1":
            case "ISO8859-1":
            case "LATIN1":
            case "WINDOWS-1252":
                // Files written by newer tools are often UTF-8 while still declaring the old default. Bytes that
                // are valid UTF-8 with at least one multi-byte sequence are practically never meant as Latin-1
                // (they would read as "Ã¤"), so they are read as UTF-8 and the mismatch is reported.
                if (HasMultiByteUtf8(bytes) && IsValidUtf8(bytes))
                {
                    warnings.Add($"CODEPAGE says \"{codepage ?? "(none: iso-8859-1)"}\" but the file is UTF-8; read as UTF-8.");
                    return StrictUtf8.GetString(bytes);
                }

                return Encoding.Latin1.GetString(bytes);
            case "UTF-8":
            case "UTF8":
                return DecodeUtf8(bytes);
            default:
                throw new PxFormatException(
                    $"CODEPAGE \"{codepage}\" is not supported; expected \"iso-8859-1\" or \"utf-8\".",
                    LineOf(bytes, "CODEPAGE"u8), "CODEPAGE");
        }
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + bytes[..Math.Clamp(ex.Index, 0, bytes.Length)].Count((byte)'\n');
            throw new PxFormatException("the file is declared UTF-8 but holds bytes that are not valid UTF-8.", line, "CODEPAGE");
        }
    }

    private static string? FindCodepage(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        while (start < bytes.Length)
        {
            var end = bytes[start..].IndexOf((byte)'\n');
            var line = end < 0 ? bytes[start..] : bytes.Slice(start, end);
            if (line.StartsWith("DATA="u8))
            {
                return null;
            }

            if (line.StartsWith("CODEPAGE="u8))
            {
                var text = Encoding.ASCII.GetString(line["CODEPAGE="u8.Length..]).Trim().TrimEnd(';').Trim();
                return text.Trim('"');
            }

            if (end < 0)
            {
                break;
            }

            start += end + 1;
        }

        return null;
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> keyword)
    {
        var at = bytes.IndexOf(keyword);
        return at < 0 ? 1 : 1 + bytes[..at].Count((byte)'\n');
    }

    private static bool HasMultiByteUtf8(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);
}
