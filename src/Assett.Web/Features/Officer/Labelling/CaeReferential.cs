using Assett.Data.Labelling;
using Assett.Data.Organisations;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;

namespace Assett.Web.Features.Officer.Labelling;

/// <summary>One measure of the CAE referential, scored from the officer's confirmed statuses.</summary>
public sealed record MeasureScore(string Identifiant, string Title, double Potential, double Done, double Planned, int Confirmed, int Tasks)
{
    public double Percent => Potential > 0 ? Done / Potential * 100 : 0;
}

/// <summary>
/// The Climat Air Énergie package of Territoires en Transitions, when <c>Assett:Labelling:CaePackage</c> names its
/// folder (docs/decisions.md, « Labelling »): loaded once, it gives the tasks' official titles and scores the
/// measures they belong to for the territory, an EPCI with its population from the reference data.
/// </summary>
public sealed class CaeReferential
{
    public const string Setting = "Assett:Labelling:CaePackage";

    private readonly Lazy<(ReferentialEvaluator? Evaluator, string? Problem)> _loaded;

    public CaeReferential(IConfiguration configuration, ILogger<CaeReferential> logger)
    {
        var folder = configuration[Setting];
        _loaded = new(() =>
        {
            if (string.IsNullOrWhiteSpace(folder)) return (null, null);
            var loaded = PackageLoader.Load(folder);
            if (loaded is { Succeeded: true, Package: { } package }) return (new ReferentialEvaluator(package), null);
            logger.LogError("The CAE package {Folder} does not load: {Errors}", folder, string.Join("; ", loaded.Diagnostics.Errors.Take(5)));
            return (null, $"Le référentiel Climat Air Énergie configuré ({folder}) ne se charge pas : les titres officiels et les scores manquent.");
        });
    }

    public bool Configured => _loaded.Value.Evaluator is not null;

    /// <summary>Why a configured package is not used, in French; null when it is used or not configured.</summary>
    public string? Problem => _loaded.Value.Problem;

    public ReferentialPackage? Package => _loaded.Value.Evaluator?.Package;

    /// <summary>The official title of a task, or null without the package or when the package does not know it.</summary>
    public string? TitleOf(string caeId) => Package?.NodesById.GetValueOrDefault(caeId)?.Title;

    /// <summary>The measures (actions) holding the mapped tasks, scored with only the confirmed statuses set.</summary>
    public IReadOnlyList<MeasureScore> Score(IReadOnlyList<EvidenceTask> tasks, IReadOnlyDictionary<string, EvidenceStatus> confirmed,
        int population, string timeZone)
    {
        if (_loaded.Value.Evaluator is not { } evaluator) return [];
        var package = evaluator.Package;
        var statuses = new NodeStatus[package.Nodes.Count];
        foreach (var (id, status) in confirmed)
            if (package.NodesById.TryGetValue(id, out var node))
                statuses[node.Index] = status switch
                {
                    EvidenceStatus.Done => NodeStatus.Done,
                    EvidenceStatus.Planned => NodeStatus.Planned,
                    _ => NodeStatus.NotDone,
                };
        var profile = new OrganisationProfile().Tag("type", "EPCI").Tag("population", PopulationTags(population))
            .Tag("localisation", IdentityTags.LocalisationOf(timeZone));
        var result = evaluator.Evaluate(new EvaluationInput(profile, statuses));
        var measures = tasks.Select(t => package.NodesById.GetValueOrDefault(t.CaeId)).OfType<ReferentialNode>()
            .Select(n => Ancestor(n, package.ActionDepth)).Distinct();
        return [.. measures.Select(measure =>
        {
            var score = result[measure];
            var mapped = tasks.Where(t => t.CaeId.StartsWith(measure.Id + ".", StringComparison.Ordinal)).ToList();
            return new MeasureScore(measure.Identifiant, measure.Title, score.PointPotentiel, score.PointFait, score.PointProgramme,
                mapped.Count(t => confirmed.ContainsKey(t.CaeId)), mapped.Count);
        })];
    }

    private static ReferentialNode Ancestor(ReferentialNode node, int depth)
    {
        while (node.Depth > depth && node.Parent is { } parent) node = parent;
        return node;
    }

    /// <summary>The engine's <c>population</c> tags of the CAE rules: each threshold below or above which the territory falls.</summary>
    private static string[] PopulationTags(int population) =>
        [.. new[] { 3000, 5000, 10000, 20000, 50000, 100000 }.Select(t => population < t ? $"moins_de_{t}" : $"plus_de_{t}")];
}
