using System.Globalization;
using Assett.Referentials.Formulas;
using Assett.Referentials.Packages;
using YamlDotNet.RepresentationModel;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// Reads an evaluation case (docs/referential-format.md §7): <c>Identité</c> (or <c>Collectivité</c>),
/// <c>Réponses</c> (or <c>Reponses</c>) and <c>Statuts</c>, each optional; other keys are ignored.
/// </summary>
public static class CaseFile
{
    public static (EvaluationInput? Input, DiagnosticBag Diagnostics) Parse(string text, string file, ReferentialPackage package)
    {
        var diagnostics = new DiagnosticBag();
        var profile = new OrganisationProfile();
        var statuses = new NodeStatus[package.Nodes.Count];
        var node = YamlText.Load(text, out var failure);
        if (failure is not null)
        {
            diagnostics.Error(file, failure.Line, failure.Message);
            return (null, diagnostics);
        }
        var root = node is null ? new YamlMappingNode() : node as YamlMappingNode;
        if (root is null)
        {
            diagnostics.Error(file, 1, "a case is a YAML mapping with the sections Identité, Réponses and Statuts");
            return (null, diagnostics);
        }

        foreach (var (key, value) in root.Children)
        {
            switch ((key as YamlScalarNode)?.Value?.Trim())
            {
                case "Identité" or "Identite" or "Collectivité" or "Collectivite":
                    ReadIdentity(value, profile, file, diagnostics);
                    break;
                case "Réponses" or "Reponses":
                    ReadAnswers(value, profile, package, file, diagnostics);
                    break;
                case "Statuts":
                    ReadStatuses(value, statuses, package, file, diagnostics);
                    break;
            }
        }
        return (diagnostics.HasErrors ? null : new EvaluationInput(profile, statuses), diagnostics);
    }

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static IEnumerable<(string Key, YamlNode Value, int Line)> Entries(YamlNode section, string name, string file, DiagnosticBag diagnostics)
    {
        if (section is YamlScalarNode { Value: null or "" }) yield break; // an empty section
        if (section is not YamlMappingNode mapping)
        {
            diagnostics.Error(file, LineOf(section), $"'{name}' must be a list of 'key: value' lines");
            yield break;
        }
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } text }) yield return (text.Trim(), value, LineOf(key));
            else diagnostics.Error(file, LineOf(key), $"a key of '{name}' must be a plain name");
        }
    }

    private static void ReadIdentity(YamlNode section, OrganisationProfile profile, string file, DiagnosticBag diagnostics)
    {
        foreach (var (field, value, line) in Entries(section, "Identité", file, diagnostics))
        {
            switch (value)
            {
                case YamlScalarNode { Value: var tag }:
                    if (!string.IsNullOrWhiteSpace(tag)) profile.Tag(field, tag.Trim());
                    break;
                case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                    profile.Tag(field, sequence.Children.Select(c => ((YamlScalarNode)c).Value?.Trim() ?? "").Where(t => t.Length > 0).ToArray());
                    break;
                default:
                    diagnostics.Error(file, line, $"identity field '{field}' must be a tag or a list of tags");
                    break;
            }
        }
    }

    private static void ReadAnswers(YamlNode section, OrganisationProfile profile, ReferentialPackage package,
        string file, DiagnosticBag diagnostics)
    {
        foreach (var (questionId, value, line) in Entries(section, "Réponses", file, diagnostics))
        {
            if (!package.Questions.TryGetValue(questionId, out var question))
            {
                diagnostics.Error(file, line, $"unknown question '{questionId}'");
                continue;
            }
            var text = (value as YamlScalarNode)?.Value?.Trim();
            if (text is null)
            {
                diagnostics.Error(file, line, $"the answer to '{questionId}' must be a single value");
                continue;
            }
            if (text.Length == 0) continue; // left blank: unanswered
            FormulaValue? answer = question.Type switch
            {
                QuestionType.Binaire => text.ToUpperInvariant() switch
                {
                    "OUI" or "TRUE" => FormulaValue.True,
                    "NON" or "FALSE" => FormulaValue.False,
                    _ => null,
                },
                QuestionType.Proportion => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1
                    ? FormulaValue.Of(p) : null,
                _ => question.Choices.Any(c => c.Id == text) ? FormulaValue.OfText(text) : null,
            };
            if (answer is null)
            {
                diagnostics.Error(file, line, question.Type switch
                {
                    QuestionType.Binaire => $"'{questionId}' is answered OUI or NON, not '{text}'",
                    QuestionType.Proportion => $"'{questionId}' is a proportion between 0 and 1, not '{text}'",
                    _ => $"'{text}' is not a choice of '{questionId}' ({string.Join(", ", question.Choices.Select(c => c.Id))})",
                });
                continue;
            }
            profile.Answer(questionId, answer.Value);
        }
    }

    private static void ReadStatuses(YamlNode section, NodeStatus[] statuses, ReferentialPackage package,
        string file, DiagnosticBag diagnostics)
    {
        foreach (var (nodeId, value, line) in Entries(section, "Statuts", file, diagnostics))
        {
            if (!package.NodesById.TryGetValue(nodeId, out var node))
            {
                diagnostics.Warning(file, line, $"unknown node '{nodeId}': status ignored");
                continue;
            }
            NodeStatus status;
            switch (value)
            {
                case YamlScalarNode { Value: var name }:
                    if (NodeStatus.FromName(name ?? "") is { } known) status = known;
                    else
                    {
                        diagnostics.Warning(file, line, $"unknown status '{name}' for '{nodeId}': read as non_renseigne");
                        status = NodeStatus.NotFilled;
                    }
                    break;
                case YamlSequenceNode split when Split(split) is { } detailed:
                    status = detailed;
                    break;
                default:
                    diagnostics.Error(file, line,
                        $"the detailed status of '{nodeId}' must be three numbers between 0 and 1 summing to 1: [fait, programmé, pas fait]");
                    continue;
            }
            if (node.Depth <= package.ActionDepth)
            {
                diagnostics.Warning(file, line, $"'{nodeId}' is at the level '{node.LevelName}': statuses go on sub-actions and tasks; ignored");
                continue;
            }
            statuses[node.Index] = status;
        }
    }

    private static NodeStatus? Split(YamlSequenceNode sequence)
    {
        if (sequence.Children.Count != 3) return null;
        var parts = new double[3];
        for (var i = 0; i < 3; i++)
        {
            if (sequence.Children[i] is not YamlScalarNode { Value: { } text }
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out parts[i]))
                return null;
        }
        return NodeStatus.Split(parts[0], parts[1], parts[2]);
    }
}
