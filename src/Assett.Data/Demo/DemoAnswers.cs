using Assett.Data.Assessments;
using Assett.Data.Organisations;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Data.Demo;

/// <summary>
/// Statuses and profiles for demo assessments: each task is done with a probability given by the
/// organisation's maturity, higher for the bases of a measure and lower for its effets.
/// </summary>
internal sealed class DemoAnswers(Random random, ReferentialPackage package)
{
    // A task proven by attendance is not declared: the demo meetings prove it, or not.
    private readonly ReferentialNode[] _leaves = package.Nodes.Where(n => n.IsLeaf && n.Depth > package.ActionDepth && n.MeetingsAttended is null).ToArray();

    public NodeStatus[] Statuses(double maturity, bool complete)
    {
        var statuses = new NodeStatus[package.Nodes.Count];
        var answered = complete ? 1 : 0.5 + random.NextDouble() * 0.5;
        foreach (var leaf in _leaves)
        {
            if (random.NextDouble() > answered) continue;
            var stage = (leaf.Parent?.Category ?? leaf.Category) switch
            {
                "bases" => 0.15,
                "effets" => -0.15,
                _ => 0.0,
            };
            var done = Math.Clamp(maturity + stage, 0.02, 0.97);
            var r = random.NextDouble();
            statuses[leaf.Index] = r < 0.03 ? NodeStatus.NotConcerned
                : r < 0.03 + done ? NodeStatus.Done
                : r < 0.03 + done + (1 - done) * 0.3 ? NodeStatus.Planned
                : NodeStatus.NotDone;
        }
        return statuses;
    }

    /// <summary>The engine's identity tags and the personalisation answers of an organisation.</summary>
    public (OrganisationProfile Profile, Dictionary<string, List<string>> Tags) Profile(DemoOrganisation demo, string localisation)
    {
        var organisation = demo.Organisation;
        var tags = IdentityTags.Of(organisation, localisation);
        var profile = AssessmentInputs.Profile(package, tags, demo.Answers);
        return (profile, tags);
    }
}
