using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Assett.Referentials.Packages;

/// <summary>
/// The top-level mapping of a fenced YAML block, with every scalar kept as the text written
/// (YAML would read the identifiant <c>1.1</c> as a float).
/// </summary>
internal sealed class YamlBlock
{
    private readonly Dictionary<string, (YamlNode Node, int Line)> _entries;
    private readonly string _file;
    private readonly int _firstLine;
    private readonly DiagnosticBag _diagnostics;

    private YamlBlock(Dictionary<string, (YamlNode, int)> entries, string file, int firstLine, DiagnosticBag diagnostics)
    {
        _entries = entries;
        _file = file;
        _firstLine = firstLine;
        _diagnostics = diagnostics;
    }

    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Parses a block whose content starts on <paramref name="firstLine"/>; null (with an error) when it is not a mapping.</summary>
    public static YamlBlock? Parse(string content, string file, int firstLine, DiagnosticBag diagnostics)
    {
        var root = YamlText.Load(content, out var failure);
        if (failure is not null)
        {
            diagnostics.Error(file, firstLine + failure.Line - 1, failure.Message);
            return null;
        }
        if (root is not YamlMappingNode mapping)
        {
            diagnostics.Error(file, firstLine, "the YAML block is not a list of 'key: value' lines");
            return null;
        }
        var entries = new Dictionary<string, (YamlNode, int)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var line = firstLine + (int)key.Start.Line - 1;
            if (key is not YamlScalarNode { Value: { } name })
            {
                diagnostics.Error(file, line, "a YAML key must be a plain name");
                continue;
            }
            if (!entries.TryAdd(name.Trim(), (value, line)))
                diagnostics.Error(file, line, $"the key '{name.Trim()}' appears twice in this block");
        }
        return new YamlBlock(entries, file, firstLine, diagnostics);
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    public int LineOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Line : 0;

    public string? Text(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (entry.Node is YamlScalarNode scalar) return scalar.Value ?? "";
        _diagnostics.Error(_file, entry.Line, $"'{key}' must be a single value");
        return null;
    }

    public double? Number(string key)
    {
        if (Text(key) is not { } text || text.Length == 0) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return number;
        _diagnostics.Error(_file, LineOf(key), $"'{key}' must be a number, not '{text}'");
        return null;
    }

    /// <summary>A list of scalars; a single scalar reads as a list of one.</summary>
    public IReadOnlyList<string> List(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return [];
        switch (entry.Node)
        {
            case YamlScalarNode scalar:
                return string.IsNullOrWhiteSpace(scalar.Value) ? [] : [scalar.Value.Trim()];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return sequence.Children.Select(c => ((YamlScalarNode)c).Value?.Trim() ?? "").Where(v => v.Length > 0).ToList();
            default:
                _diagnostics.Error(_file, entry.Line, $"'{key}' must be a list of values");
                return [];
        }
    }

    /// <summary>A list of mappings (such as <c>niveaux</c>), each as a dictionary of texts.</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, string> Fields, int Line)> Mappings(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return [];
        if (entry.Node is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlMappingNode))
        {
            var items = new List<(IReadOnlyDictionary<string, string>, int)>();
            foreach (var mapping in sequence.Children.Cast<YamlMappingNode>())
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in mapping.Children)
                    if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode value)
                        fields.TryAdd(name.Trim(), value.Value ?? "");
                items.Add((fields, _firstLine + (int)mapping.Start.Line - 1));
            }
            return items;
        }
        _diagnostics.Error(_file, entry.Line, $"'{key}' must be a list of entries");
        return [];
    }
}
