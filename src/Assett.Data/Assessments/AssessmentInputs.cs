using System.Globalization;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Formulas;
using Assett.Referentials.Packages;

namespace Assett.Data.Assessments;

/// <summary>What the engine reads from a stored assessment: the profile (identity tags and answers) and the statuses.</summary>
public static class AssessmentInputs
{
    public static OrganisationProfile Profile(ReferentialPackage package, Dictionary<string, List<string>> tags, IReadOnlyDictionary<string, string> answers)
    {
        var profile = new OrganisationProfile();
        foreach (var (field, values) in tags) profile.Tag(field, [.. values]);
        foreach (var (question, answer) in answers)
        {
            // An answer that no longer fits its question (a new referential version changed its type) counts as unanswered.
            if (!package.Questions.TryGetValue(question, out var known)) continue;
            FormulaValue? value = known.Type switch
            {
                QuestionType.Binaire when answer is "OUI" or "NON" => FormulaValue.Of(answer == "OUI"),
                QuestionType.Proportion when double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) => FormulaValue.Of(share),
                QuestionType.Choix when known.Choices.Any(c => c.Id == answer) => FormulaValue.OfText(answer),
                _ => null,
            };
            if (value is { } fitting) profile.Answer(question, fitting);
        }
        return profile;
    }

    /// <summary>The statuses by node index, as the engine wants them; nodes the package no longer has are skipped.</summary>
    public static NodeStatus[] Statuses(ReferentialPackage package, IEnumerable<TaskStatusEntry> entries)
    {
        var statuses = new NodeStatus[package.Nodes.Count];
        foreach (var entry in entries)
            if (package.NodesById.TryGetValue(entry.NodeId, out var node)) statuses[node.Index] = ToNode(entry.Status);
        return statuses;
    }

    public static NodeStatus ToNode(StatusValue status) => status.Kind switch
    {
        StatusKinds.Fait => NodeStatus.Done,
        StatusKinds.Programme => NodeStatus.Planned,
        StatusKinds.PasFait => NodeStatus.NotDone,
        StatusKinds.NonConcerne => NodeStatus.NotConcerned,
        StatusKinds.Detaille => NodeStatus.Split(status.Fait, status.Programme, status.PasFait) ?? NodeStatus.NotFilled,
        _ => NodeStatus.NotFilled,
    };
}

/// <summary>The stored names of statuses (<see cref="StatusValue.Kind"/>).</summary>
public static class StatusKinds
{
    public const string Fait = "fait";
    public const string Programme = "programme";
    public const string PasFait = "pas_fait";
    public const string NonConcerne = "non_concerne";
    public const string Detaille = "detaille";
    public const string NonRenseigne = "non_renseigne";
}
