using System.Globalization;
using System.Text;

namespace Barometer.Benchmarks.Synthetic;

/// <summary>
/// The `--name value` options of a simulation entry point (args[0] is the entry point's name): each option it knows
/// may be given once, an unknown option or a missing value is an error. Shared by the coverage, overlap-coverage,
/// small-area and expected-versus-actual runs.
/// </summary>
internal sealed class SimulationArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public SimulationArguments(string[] args, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var k = 1; k < args.Length; k += 2)
        {
            if (!known.Contains(args[k], StringComparer.Ordinal))
            {
                throw new ArgumentException($"unknown option {args[k]}");
            }

            _values[args[k]] = k + 1 < args.Length ? args[k + 1] : throw new ArgumentException($"option {args[k]} needs a value");
        }
    }

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public ulong ULong(string name, ulong fallback) => _values.TryGetValue(name, out var v) ? ulong.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"missing {name}");

    /// <summary>
    /// Replaces the generated section between <c>&lt;!-- {marker}:begin</c> and <c>&lt;!-- {marker}:end --&gt;</c> of a
    /// Markdown file with <paramref name="section"/> (which carries both markers); without the markers the section is
    /// appended, or, when <paramref name="heading"/> is given and found, replaces that heading's section.
    /// </summary>
    public static void WriteSection(string path, string marker, string section, string? heading = null)
    {
        var text = File.ReadAllText(path);
        var endMarker = $"<!-- {marker}:end -->";
        var begin = text.IndexOf($"<!-- {marker}:begin", StringComparison.Ordinal);
        var end = text.IndexOf(endMarker, StringComparison.Ordinal);
        var at = heading is null ? -1 : text.IndexOf(heading, StringComparison.Ordinal);
        if (begin >= 0 && end > begin)
        {
            text = text[..begin] + section + text[(end + endMarker.Length + 1)..];
        }
        else if (at >= 0)
        {
            var next = text.IndexOf("\n## ", at + 3, StringComparison.Ordinal);
            text = text[..at] + section + (next < 0 ? string.Empty : "\n" + text[(next + 1)..]);
        }
        else
        {
            text = text.TrimEnd('\n') + "\n\n" + section;
        }

        File.WriteAllText(path, text, new UTF8Encoding(false));
        Console.WriteLine($"wrote the {marker} section of {path}");
    }
}
