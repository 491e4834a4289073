using Assett.Referentials.Formulas;

namespace Assett.Referentials.Packages;

/// <summary>Turns the drafts of every file into a package: the tree, its points, questions, rules, documents.</summary>
internal static class PackageBuilder
{
    private static readonly Dictionary<string, string[]> DefaultHierarchies = new(StringComparer.Ordinal)
    {
        ["cae"] = ["referentiel", "axe", "sous-axe", "action", "sous-action", "tache"],
        ["eci"] = ["referentiel", "axe", "action", "sous-action", "tache"],
    };

    private static readonly string[] Categories = ["bases", "mise en oeuvre", "effets"];

    public static ReferentialPackage? Build(List<Draft> drafts, DiagnosticBag diagnostics)
    {
        var nodeDrafts = drafts.Where(d => d.Kind == DraftKind.Node).ToList();
        var roots = nodeDrafts.Where(d => Identifiant(d) == "").ToList();
        if (roots.Count == 0)
        {
            diagnostics.Error(drafts.FirstOrDefault()?.File ?? "(package)", 0,
                "the package has no root node (a heading with 'identifiant: \"\"' and 'referentiel: <id>')");
            return null;
        }
        foreach (var extra in roots.Skip(1))
            diagnostics.Error(extra.File, extra.Line, $"a second root node; the first is at {roots[0].File}:{roots[0].Line}");

        var rootDraft = roots[0];
        var referentialId = rootDraft.Yaml.Text("referentiel")?.Trim();
        if (string.IsNullOrEmpty(referentialId))
        {
            diagnostics.Error(rootDraft.File, rootDraft.Line, "the root node must declare 'referentiel: <id>'");
            return null;
        }
        var hierarchy = Hierarchy(rootDraft, referentialId, diagnostics);
        if (hierarchy is null) return null;

        var nodes = BuildTree(nodeDrafts, rootDraft, referentialId, hierarchy, diagnostics);
        PointsCalculator.Compute(nodes, diagnostics);
        CheckAttendance(nodes, hierarchy.ToList().IndexOf("action"), diagnostics);
        var nodesById = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var questions = BuildQuestions(drafts, referentialId, nodesById, diagnostics);
        var rules = BuildRules(drafts, referentialId, nodesById, questions, diagnostics);

        return new ReferentialPackage
        {
            ReferentialId = referentialId,
            Hierarchy = hierarchy,
            Nodes = nodes,
            NodesById = nodesById,
            Questions = questions,
            Rules = rules,
            EvidenceDocuments = BuildEvidence(drafts, referentialId, nodesById, diagnostics),
            MaturityLevels = MaturityLevels(rootDraft, diagnostics),
            Diagnostics = diagnostics,
        };
    }

    private static string? Identifiant(Draft draft) => draft.Yaml.Text("identifiant")?.Trim();

    private static IReadOnlyList<string>? Hierarchy(Draft root, string referentialId, DiagnosticBag diagnostics)
    {
        var declared = root.Yaml.List("hierarchie");
        IReadOnlyList<string>? hierarchy = declared.Count > 0 ? declared
            : DefaultHierarchies.TryGetValue(referentialId, out var known) ? known : null;
        if (hierarchy is null)
        {
            diagnostics.Error(root.File, root.Line,
                $"the referential '{referentialId}' must declare its levels, e.g. 'hierarchie: [referentiel, axe, action, sous-action, tache]'");
            return null;
        }
        if (!hierarchy.Contains("action"))
        {
            diagnostics.Error(root.File, root.Yaml.LineOf("hierarchie"), "'hierarchie' must contain the level 'action' (the measures)");
            return null;
        }
        return hierarchy;
    }

    private static List<ReferentialNode> BuildTree(List<Draft> drafts, Draft rootDraft, string referentialId,
        IReadOnlyList<string> hierarchy, DiagnosticBag diagnostics)
    {
        var byIdentifiant = new Dictionary<string, (ReferentialNode Node, Draft Draft)>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (Identifiant(draft) is not { } identifiant) continue;
            if (identifiant == "" && draft != rootDraft) continue; // a second root, already reported
            if (identifiant.Length > 0 && identifiant.Split('.').Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace)))
            {
                diagnostics.Error(draft.File, draft.Yaml.LineOf("identifiant"), $"'{identifiant}' is not a valid identifiant (dotted numbers like 1.2.3)");
                continue;
            }
            if (byIdentifiant.TryGetValue(identifiant, out var first))
            {
                diagnostics.Error(draft.File, draft.Line,
                    $"duplicate identifiant '{identifiant}': already defined at {first.Draft.File}:{first.Draft.Line}");
                continue;
            }
            byIdentifiant[identifiant] = (CreateNode(draft, identifiant, referentialId, diagnostics), draft);
        }

        foreach (var (identifiant, (node, draft)) in byIdentifiant)
        {
            if (identifiant.Length == 0) continue;
            var cut = identifiant.LastIndexOf('.');
            var parentIdentifiant = cut < 0 ? "" : identifiant[..cut];
            if (!byIdentifiant.TryGetValue(parentIdentifiant, out var parent))
            {
                diagnostics.Error(draft.File, draft.Line,
                    $"orphan node '{node.Id}': its parent '{(parentIdentifiant.Length == 0 ? referentialId : $"{referentialId}_{parentIdentifiant}")}'"
                    + " does not exist");
                continue;
            }
            node.Parent = parent.Node;
            parent.Node.ChildList.Add(node);
        }

        var ordered = new List<ReferentialNode>();
        var stack = new Stack<ReferentialNode>();
        stack.Push(byIdentifiant[""].Node);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            node.Index = ordered.Count;
            ordered.Add(node);
            if (node.Depth < hierarchy.Count) node.LevelName = hierarchy[node.Depth];
            else
                diagnostics.Error(node.File, node.Line,
                    $"'{node.Id}' is deeper than the hierarchy ({string.Join(", ", hierarchy)})");
            node.ChildList.Sort(IdentifiantComparer.Instance);
            for (var i = node.ChildList.Count - 1; i >= 0; i--) stack.Push(node.ChildList[i]);
        }
        return ordered;
    }

    /// <summary><c>rencontres</c> proves a task, the leaf a person answers: on any other node it would prove nothing.</summary>
    private static void CheckAttendance(List<ReferentialNode> nodes, int actionDepth, DiagnosticBag diagnostics)
    {
        foreach (var node in nodes.Where(n => n.MeetingsAttended is not null && (!n.IsLeaf || n.Depth <= actionDepth)))
            diagnostics.Error(node.File, node.Line, $"'rencontres' belongs on a task (a leaf below the measures), not on '{node.Id}'");
    }

    private static int? MeetingsAttended(Draft draft, DiagnosticBag diagnostics)
    {
        if (draft.Yaml.Number("rencontres") is not { } count) return null;
        if (count >= 1 && count <= 100 && count == Math.Floor(count)) return (int)count;
        diagnostics.Error(draft.File, draft.Yaml.LineOf("rencontres"), $"'rencontres' must be a whole number of meetings from 1 to 100, not '{count}'");
        return null;
    }

    private static ReferentialNode CreateNode(Draft draft, string identifiant, string referentialId, DiagnosticBag diagnostics)
    {
        var yaml = draft.Yaml;
        var percentage = yaml.Number("pourcentage");
        if (yaml.Has("percentage"))
        {
            if (percentage is not null)
                diagnostics.Warning(draft.File, yaml.LineOf("percentage"), "both 'pourcentage' and 'percentage': 'pourcentage' is used");
            percentage ??= yaml.Number("percentage");
        }
        var category = yaml.Text("categorie")?.Trim();
        if (category is { Length: > 0 } && !Categories.Contains(PackageFileParser.Normalize(category).Replace("œ", "oe")))
            diagnostics.Warning(draft.File, yaml.LineOf("categorie"), $"unknown categorie '{category}' (expected bases, mise en œuvre or effets)");

        var description = draft.Description.ToString().Trim();
        var sections = draft.Sections.Select(s => new Section(s.Title, s.Body.ToString().Trim())).ToList();
        var descriptionSection = sections.FirstOrDefault(s => PackageFileParser.Normalize(s.Title) == "description");
        return new ReferentialNode
        {
            Id = identifiant.Length == 0 ? referentialId : $"{referentialId}_{identifiant}",
            Identifiant = identifiant,
            Title = draft.Title,
            File = draft.File,
            Line = draft.Line,
            ExplicitPoints = yaml.Number("points"),
            Percentage = percentage,
            Category = category is { Length: > 0 } ? category : null,
            MeetingsAttended = MeetingsAttended(draft, diagnostics),
            Description = description.Length > 0 ? description : descriptionSection?.Markdown ?? "",
            Sections = sections,
        };
    }

    private static Dictionary<string, Question> BuildQuestions(List<Draft> drafts, string referentialId,
        Dictionary<string, ReferentialNode> nodes, DiagnosticBag diagnostics)
    {
        var questions = new Dictionary<string, Question>(StringComparer.Ordinal);
        foreach (var draft in drafts.Where(d => d.Kind == DraftKind.Question))
        {
            var yaml = draft.Yaml;
            var id = yaml.Text("id")?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                diagnostics.Error(draft.File, draft.Line, "a question needs an 'id'");
                continue;
            }
            QuestionType? type = yaml.Text("type")?.Trim().ToLowerInvariant() switch
            {
                "binaire" => QuestionType.Binaire,
                "proportion" => QuestionType.Proportion,
                "choix" => QuestionType.Choix,
                _ => null,
            };
            if (type is null)
            {
                diagnostics.Error(draft.File, yaml.LineOf("type"), $"question '{id}': type must be binaire, proportion or choix, not '{yaml.Text("type")}'");
                continue;
            }
            if (questions.TryGetValue(id, out var existing))
            {
                diagnostics.Error(draft.File, draft.Line, $"duplicate question id '{id}': already defined at {existing.File}:{existing.Line}");
                continue;
            }
            var question = new Question
            {
                Id = id,
                Text = draft.Title,
                Type = type.Value,
                ThematiqueId = yaml.Text("thematique_id"),
                Actions = OwnActions(yaml.List("actions"), referentialId, nodes, draft, $"question '{id}'", diagnostics),
                Ordonnancement = yaml.Number("ordonnancement") is { } order ? (int)order : null,
                TypesConcernes = yaml.List("types_concernes"),
                File = draft.File,
                Line = draft.Line,
                Description = string.Join("\n\n", new[] { draft.Description.ToString().Trim() }
                    .Concat(draft.Sections.Select(s => s.Body.ToString().Trim())).Where(t => t.Length > 0)),
            };
            question.Choices.AddRange(draft.Choices);
            if (type == QuestionType.Choix && question.Choices.Count == 0)
                diagnostics.Error(draft.File, draft.Line, $"question '{id}' is of type choix but lists no choice (### headings with an 'id' under '## Choix')");
            foreach (var duplicate in question.Choices.GroupBy(c => c.Id).Where(g => g.Count() > 1))
                diagnostics.Error(draft.File, draft.Line, $"question '{id}' has the choice id '{duplicate.Key}' twice");
            questions[id] = question;
        }
        return questions;
    }

    /// <summary>The node ids of this referential; those of another referential are dropped with a warning.</summary>
    private static List<string> OwnActions(IReadOnlyList<string> actions, string referentialId,
        Dictionary<string, ReferentialNode> nodes, Draft draft, string owner, DiagnosticBag diagnostics)
    {
        var own = actions.Where(a => BelongsTo(a, referentialId)).ToList();
        var foreign = actions.Except(own).ToList();
        if (foreign.Count > 0)
            diagnostics.Warning(draft.File, draft.Yaml.LineOf("actions"),
                $"{owner} names actions of another referential, ignored: {string.Join(", ", foreign)}");
        foreach (var unknown in own.Where(a => !nodes.ContainsKey(a)))
            diagnostics.Warning(draft.File, draft.Yaml.LineOf("actions"), $"{owner} names '{unknown}', which is not a node of this referential");
        return own.Where(nodes.ContainsKey).ToList();
    }

    private static bool BelongsTo(string nodeId, string referentialId) =>
        nodeId == referentialId || nodeId.StartsWith(referentialId + "_", StringComparison.Ordinal);

    private static List<PersonalisationRule> BuildRules(List<Draft> drafts, string referentialId,
        Dictionary<string, ReferentialNode> nodes, Dictionary<string, Question> questions, DiagnosticBag diagnostics)
    {
        var rules = new List<PersonalisationRule>();
        foreach (var draft in drafts.Where(d => d.Kind == DraftKind.Rules))
        {
            var actionId = draft.Yaml.Text("action_id")?.Trim() ?? "";
            if (!nodes.TryGetValue(actionId, out var node))
            {
                if (BelongsTo(actionId, referentialId))
                    diagnostics.Error(draft.File, draft.Yaml.LineOf("action_id"), $"rule on '{actionId}', which is not a node of this referential");
                else
                    diagnostics.Warning(draft.File, draft.Yaml.LineOf("action_id"), $"rule on '{actionId}' of another referential: ignored");
                continue;
            }
            if (draft.Rules.Count == 0)
                diagnostics.Warning(draft.File, draft.Line, $"personalisation of '{actionId}' has no formula");
            foreach (var block in draft.Rules)
            {
                Formula formula;
                try
                {
                    formula = Formula.Parse(block.Source);
                }
                catch (FormulaSyntaxException e)
                {
                    diagnostics.Error(draft.File, block.Line + e.Line, $"formula of '{actionId}' does not parse: {e.Message} (column {e.Column})");
                    continue;
                }
                if (rules.FirstOrDefault(r => r.NodeIndex == node.Index && r.Kind == block.Kind) is { } twin)
                {
                    diagnostics.Error(draft.File, block.Line, $"a second {block.Kind} rule on '{actionId}'; the first is at {twin.File}:{twin.Line}");
                    continue;
                }
                if (!CheckReferences(formula, block, draft.File, referentialId, nodes, questions, diagnostics)) continue;
                rules.Add(new PersonalisationRule
                {
                    ActionId = actionId,
                    Kind = block.Kind,
                    Formula = formula,
                    Explanation = block.Explanation.ToString().Trim(),
                    File = draft.File,
                    Line = block.Line,
                    NodeIndex = node.Index,
                });
            }
        }
        return rules;
    }

    private static bool CheckReferences(Formula formula, RuleBlock block, string file, string referentialId,
        Dictionary<string, ReferentialNode> nodes, Dictionary<string, Question> questions, DiagnosticBag diagnostics)
    {
        var valid = true;
        foreach (var part in formula.Root.DescendantsAndSelf())
        {
            switch (part)
            {
                case AnswerCall call when !questions.TryGetValue(call.QuestionId, out _):
                    diagnostics.Error(file, block.Line + call.Line, $"unknown question '{call.QuestionId}' in reponse()");
                    valid = false;
                    break;
                case AnswerCall { Expected: { } expected } call:
                    var question = questions[call.QuestionId];
                    var problem = question.Type switch
                    {
                        QuestionType.Binaire when expected is not Literal { Value.Kind: ValueKind.Boolean } => "a binaire question is compared with OUI or NON",
                        QuestionType.Choix when expected is not Name { Text: var choice } || question.Choices.All(c => c.Id != choice) =>
                            $"'{call.QuestionId}' has no such choice (choices: {string.Join(", ", question.Choices.Select(c => c.Id))})",
                        _ => null,
                    };
                    if (problem is not null)
                    {
                        diagnostics.Error(file, block.Line + call.Line, $"reponse({call.QuestionId}, …): {problem}");
                        valid = false;
                    }
                    break;
                case ScoreCall call when nodes.TryGetValue(call.NodeId, out var target):
                    call.NodeIndex = target.Index;
                    break;
                case ScoreCall call:
                    diagnostics.Warning(file, block.Line + call.Line,
                        $"score({call.NodeId}): {(BelongsTo(call.NodeId, referentialId) ? "no such node" : "a node of another referential")}; it yields null");
                    break;
            }
        }
        return valid;
    }

    private static List<EvidenceDocument> BuildEvidence(List<Draft> drafts, string referentialId,
        Dictionary<string, ReferentialNode> nodes, DiagnosticBag diagnostics) =>
        drafts.Where(d => d.Kind == DraftKind.Evidence)
            .Select(d => new EvidenceDocument(
                d.Yaml.Text("id")?.Trim() ?? "",
                d.Title,
                OwnActions(d.Yaml.List("actions"), referentialId, nodes, d, $"document '{d.Yaml.Text("id")}'", diagnostics),
                d.Description.ToString().Trim(),
                d.File,
                d.Line))
            .ToList();

    private static List<MaturityLevel> MaturityLevels(Draft root, DiagnosticBag diagnostics)
    {
        var levels = new List<MaturityLevel>();
        foreach (var (fields, line) in root.Yaml.Mappings("niveaux"))
        {
            if (!fields.TryGetValue("nom", out var name) || string.IsNullOrWhiteSpace(name)
                || !fields.TryGetValue("min", out var minText)
                || !double.TryParse(minText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var min))
            {
                diagnostics.Error(root.File, line, "each maturity level needs 'nom' (a name) and 'min' (a score %)");
                continue;
            }
            if (levels.Count == 0 && min != 0)
                diagnostics.Error(root.File, line, $"the first maturity level must start at min: 0, not {minText}");
            if (levels.Count > 0 && min <= levels[^1].MinimumPercent)
                diagnostics.Error(root.File, line, $"maturity levels must have increasing 'min': {minText} comes after {levels[^1].MinimumPercent}");
            levels.Add(new MaturityLevel(name.Trim(), min));
        }
        return levels;
    }
}
