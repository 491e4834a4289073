using Assett.Referentials.Formulas;

namespace Assett.Referentials.Evaluation;

/// <summary>
/// Who is assessed: identity tags (<c>type: [entreprise]</c>, <c>effectif: [moins_de_50]</c>...) and
/// answers to the personalisation questions (a boolean, a number in 0..1, or a choice id).
/// </summary>
public sealed class OrganisationProfile
{
    public Dictionary<string, HashSet<string>> Identity { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, FormulaValue> Answers { get; } = new(StringComparer.Ordinal);

    public OrganisationProfile Tag(string field, params string[] tags)
    {
        if (!Identity.TryGetValue(field, out var set)) Identity[field] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        set.UnionWith(tags);
        return this;
    }

    public OrganisationProfile Answer(string questionId, FormulaValue value)
    {
        Answers[questionId] = value;
        return this;
    }
}

/// <summary>What one evaluation reads: the profile and a status per node (by node index).</summary>
public sealed class EvaluationInput(OrganisationProfile profile, NodeStatus[] statuses)
{
    public OrganisationProfile Profile { get; } = profile;
    public NodeStatus[] Statuses { get; } = statuses;
}
