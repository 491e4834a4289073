using Assett.Referentials.Packages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assett.Data.Onboarding;

/// <summary>
/// Strict reading of a YAML mapping: known keys only (an unknown key is almost always a typo, so it
/// is an error naming the nearest known key), each error with file, line and field path.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _mapping;
    private readonly string _file;
    private readonly string _path;
    private readonly DiagnosticBag _diagnostics;

    public YamlFields(YamlMappingNode mapping, string file, string path, DiagnosticBag diagnostics, params string[] knownKeys)
    {
        _mapping = mapping;
        _file = file;
        _path = path;
        _diagnostics = diagnostics;
        if (knownKeys.Length == 0) return; // a mapping keyed by free names, such as node ids
        foreach (var (key, _) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (knownKeys.Contains(name)) continue;
            var nearest = knownKeys.MinBy(k => Distance(k, name));
            var hint = nearest is not null && Distance(nearest, name) <= 3 ? $": did you mean '{nearest}'?" : $" (known keys: {string.Join(", ", knownKeys)})";
            Error(key, Field(name), $"unknown key{hint}");
        }
    }

    public int Line => (int)_mapping.Start.Line;

    /// <summary>The root mapping of a YAML file, or null with the problem reported: invalid YAML, or not <paramref name="shape"/>.</summary>
    public static YamlMappingNode? LoadMapping(string path, string shown, DiagnosticBag diagnostics, string shape)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root) return root;
            diagnostics.Error(shown, 1, shape);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            var line = e is YamlException yamlError ? (int)yamlError.Start.Line : 1;
            diagnostics.Error(shown, line, $"invalid YAML: {(e as YamlException)?.InnerException?.Message ?? e.Message}");
        }
        return null;
    }

    public string Field(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public void Error(YamlNode at, string field, string message) => _diagnostics.Error(_file, (int)at.Start.Line, $"{field}: {message}");

    public YamlNode? Node(string key) =>
        _mapping.Children.FirstOrDefault(p => (p.Key as YamlScalarNode)?.Value == key).Value;

    public string? Text(string key, bool required = false)
    {
        switch (Node(key))
        {
            case null:
                if (required) _diagnostics.Error(_file, Line, $"{Field(key)}: missing (required)");
                return null;
            case YamlScalarNode { Value: { } value } scalar when TenantBlanks.IsBlank(value):
                Error(scalar, Field(key), TenantBlanks.Message(Field(key)));
                return null;
            case YamlScalarNode { Value: var value } scalar:
                if (string.IsNullOrWhiteSpace(value))
                {
                    if (required) Error(scalar, Field(key), "must not be empty");
                    return null;
                }
                return value.Trim();
            case var other:
                Error(other, Field(key), "must be a single value");
                return null;
        }
    }

    public IReadOnlyList<(string Value, YamlNode Node)> TextList(string key)
    {
        switch (Node(key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                var values = new List<(string, YamlNode)>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } value }) values.Add((value.Trim(), item));
                    else Error(item, Field(key), "each item must be a single value");
                }
                return values;
            case var other:
                Error(other, Field(key), "must be a list, e.g. [a, b]");
                return [];
        }
    }

    public IReadOnlyList<YamlMappingNode> MappingList(string key)
    {
        switch (Node(key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                var items = new List<YamlMappingNode>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlMappingNode mapping) items.Add(mapping);
                    else Error(item, Field(key), "each item must be a set of 'key: value' lines");
                }
                return items;
            case var other:
                Error(other, Field(key), "must be a list of entries");
                return [];
        }
    }

    public YamlFields? Mapping(string key, params string[] knownKeys) => Node(key) switch
    {
        null => null,
        YamlMappingNode mapping => new YamlFields(mapping, _file, Field(key), _diagnostics, knownKeys),
        var other => ErrorAndNull(other, Field(key), "must be a set of 'key: value' lines"),
    };

    public YamlFields Item(YamlMappingNode item, string key, int index, params string[] knownKeys) =>
        new(item, _file, $"{Field(key)}[{index}]", _diagnostics, knownKeys);

    /// <summary>The entries of a mapping keyed by free names (such as node ids): build it with no known keys.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries() =>
        _mapping.Children.Select(p => ((p.Key as YamlScalarNode)?.Value ?? "", p.Key, p.Value));

    private YamlFields? ErrorAndNull(YamlNode at, string field, string message)
    {
        Error(at, field, message);
        return null;
    }

    private static int Distance(string a, string b)
    {
        var costs = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = costs[0];
            costs[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = costs[j];
                costs[j] = Math.Min(Math.Min(costs[j] + 1, costs[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return costs[b.Length];
    }
}
