using System.Text;

namespace Assett.Referentials.Packages;

internal enum DraftKind
{
    Node,
    Question,
    Rules,
    Evidence,
}

/// <summary>A formula block of a rules draft, under its kind heading.</summary>
internal sealed record RuleBlock(RuleKind Kind, string Source, int Line, StringBuilder Explanation);

/// <summary>Something a heading and its YAML block declare, with the markdown that follows it.</summary>
internal sealed class Draft(DraftKind kind, string title, string file, int line, YamlBlock yaml)
{
    public DraftKind Kind { get; } = kind;
    public string Title { get; } = title;
    public string File { get; } = file;
    public int Line { get; } = line;
    public YamlBlock Yaml { get; } = yaml;
    public StringBuilder Description { get; } = new();
    public List<(string Title, StringBuilder Body)> Sections { get; } = [];
    public List<Choice> Choices { get; } = [];
    public List<RuleBlock> Rules { get; } = [];
}

/// <summary>
/// Reads one markdown file of a package into drafts: each heading followed by a YAML block starts a
/// draft (classified by the block's keys), and the headings and text after it are its sections.
/// </summary>
internal sealed class PackageFileParser(string file, DiagnosticBag diagnostics)
{
    private readonly List<Draft> _drafts = [];
    private Draft? _current;
    private StringBuilder? _text; // where free text goes now
    private RuleKind? _pendingRule;
    private int _sectionLevel; // heading level of the open section, 0 when none

    public static List<Draft> Parse(string file, string content, DiagnosticBag diagnostics)
    {
        var parser = new PackageFileParser(file, diagnostics);
        parser.Run(MarkdownScanner.Scan(content));
        return parser._drafts;
    }

    private void Run(List<MarkdownElement> elements)
    {
        for (var i = 0; i < elements.Count; i++)
        {
            switch (elements[i])
            {
                case Heading heading when NextYamlBlock(elements, i) is { } yamlIndex:
                    var block = (FencedBlock)elements[yamlIndex];
                    StartDraft(heading, YamlBlock.Parse(block.Content, file, block.Line + 1, diagnostics));
                    i = yamlIndex;
                    break;
                case Heading heading:
                    OnHeading(heading);
                    break;
                case FencedBlock { Info: "formule" } formula:
                    OnFormula(formula);
                    break;
                case FencedBlock { Info: "yaml" } yaml:
                    diagnostics.Warning(file, yaml.Line, "YAML block without a heading before it: ignored");
                    break;
                case FencedBlock other:
                    _text?.Append("```").AppendLine(other.Info).AppendLine(other.Content).AppendLine("```");
                    break;
                case TextLine line:
                    _text?.AppendLine(line.Text);
                    break;
            }
        }
    }

    /// <summary>The index of the YAML block right after a heading (blank lines allowed), or null.</summary>
    private static int? NextYamlBlock(List<MarkdownElement> elements, int headingIndex)
    {
        for (var j = headingIndex + 1; j < elements.Count; j++)
        {
            switch (elements[j])
            {
                case TextLine { Text: var text } when string.IsNullOrWhiteSpace(text):
                    continue;
                case FencedBlock { Info: "yaml" }:
                    return j;
                default:
                    return null;
            }
        }
        return null;
    }

    private void StartDraft(Heading heading, YamlBlock? yaml)
    {
        _pendingRule = null;
        _sectionLevel = 0;
        if (yaml is null)
        {
            _current = null;
            _text = null;
            return;
        }
        DraftKind? kind = yaml switch
        {
            _ when yaml.Has("identifiant") => DraftKind.Node,
            _ when yaml.Has("action_id") => DraftKind.Rules,
            _ when yaml.Has("id") && yaml.Has("type") => DraftKind.Question,
            _ when yaml.Has("id") && yaml.Has("actions") => DraftKind.Evidence,
            _ => null,
        };
        if (kind is null && yaml.Has("id") && _current is { Kind: DraftKind.Question } question)
        {
            question.Choices.Add(new Choice(yaml.Text("id") ?? "", heading.Text));
            _text = null;
            return;
        }
        if (kind is null)
        {
            diagnostics.Warning(file, heading.Line,
                $"YAML block with keys [{string.Join(", ", yaml.Keys)}] is neither a node, a question, a rule nor a document: ignored");
            _current = null;
            _text = null;
            return;
        }
        _current = new Draft(kind.Value, heading.Text, file, heading.Line, yaml);
        _drafts.Add(_current);
        _text = _current.Description;
    }

    private void OnHeading(Heading heading)
    {
        _pendingRule = null;
        if (_current is null)
        {
            _text = null;
            return;
        }
        var title = heading.Text.Trim();
        if (Is(title, "Actions") || (_current.Kind == DraftKind.Rules && Is(title, "Règles"))
            || (_current.Kind == DraftKind.Question && Is(title, "Choix")))
        {
            _text = null;
            _sectionLevel = 0;
            return;
        }
        if (_current.Kind == DraftKind.Rules && RuleKindOf(title) is { } ruleKind)
        {
            _pendingRule = ruleKind;
            _text = null;
            _sectionLevel = 0;
            return;
        }
        if (_sectionLevel > 0 && heading.Level > _sectionLevel && _text is not null)
        {
            // A sub-heading inside a section stays part of its markdown.
            _text.Append(new string('#', heading.Level)).Append(' ').AppendLine(title);
            return;
        }
        var body = new StringBuilder();
        _current.Sections.Add((title, body));
        _text = body;
        _sectionLevel = heading.Level;
    }

    private void OnFormula(FencedBlock formula)
    {
        if (_current is not { Kind: DraftKind.Rules } rules || _pendingRule is not { } kind)
        {
            diagnostics.Error(file, formula.Line,
                "formula block outside a rule: it must follow a '### Désactivation', '### Réduction de potentiel' or '### Score réalisé' heading of a rule");
            return;
        }
        var explanation = new StringBuilder();
        rules.Rules.Add(new RuleBlock(kind, formula.Content, formula.Line, explanation));
        _text = explanation;
    }

    private static RuleKind? RuleKindOf(string title) => Normalize(title) switch
    {
        "desactivation" => RuleKind.Desactivation,
        "reduction de potentiel" => RuleKind.Reduction,
        "score realise" => RuleKind.ScoreRealise,
        _ => null,
    };

    private static bool Is(string title, string expected) => Normalize(title) == Normalize(expected);

    /// <summary>Lower case, accents removed, single spaces: headings vary in real files.</summary>
    internal static string Normalize(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var previousSpace = false;
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            var space = char.IsWhiteSpace(c);
            if (space && previousSpace) continue;
            builder.Append(space ? ' ' : c);
            previousSpace = space;
        }
        return builder.ToString();
    }
}
