using Assett.Web.Features.Shared.Cohorts;
using Assett.Data;
using Assett.Data.Organisations;
using Assett.Data.Reports;
using Assett.Data.ReferenceData;
using Assett.Tenancy;
using Assett.Web.Features.Shared;

namespace Assett.Web.Features.Platform;

/// <summary>
/// A group's figures on one theme (or the overall score, <see cref="CohortFigures.Overall"/>): how many organisations, and the
/// quartiles of their score %.
/// </summary>
public sealed record NationalGroup(string Territory, string Dimension, string Group, string NodeId, string Theme, int Organisations, double Q1,
    double Median, double Q3);

/// <summary>A territory's funnel in the campaign the figures come from.</summary>
public sealed record NationalFunnel(string Territory, string? Campaign, Funnel Funnel);

/// <summary>The median score then and now, of the organisations scored in a territory's campaign and in the one before.</summary>
public sealed record NationalProgress(string Territory, string NodeId, string Theme, int Organisations, double Before, double After);

/// <summary>
/// The scheme's figures for Cerema, on the national nodes only: a territory's local measures are left
/// out of its themes and of the overall score (each counted snapshot keeps these national totals,
/// <see cref="StoredNodes"/>), so that every territory is measured on the same referential. For each
/// territory, its latest campaign begun in the period, and the one before for the progress. Groups
/// below <see cref="SmallGroups.Minimum"/> organisations are left out; no organisation is named.
/// Each territory's part is read from its <see cref="NationalFigureSet"/> (computed ahead, under its own row-level
/// security); « Ensemble des territoires » merges the territories' sorted scores, so its quartiles stay exact.
/// </summary>
public sealed record NationalFigures(DateOnly From, DateOnly To, IReadOnlyList<NationalFunnel> Funnels, IReadOnlyList<NationalGroup> Groups,
    IReadOnlyList<NationalProgress> Progress)
{
    public const string Together = "Ensemble des territoires";

    /// <param name="now">When a territory's set missing for its campaign is computed now, the instant it is stamped with.</param>
    public static async Task<NationalFigures> OfAsync(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db, DateOnly from,
        DateOnly to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var funnels = new List<NationalFunnel>();
        var progress = new List<NationalProgress>();
        var themes = new Dictionary<string, string> { [CohortFigures.Overall] = "Score global" };
        // Each territory's groups' scores, as the sorted runs of the cells they take in.
        var scores = new Dictionary<(string Territory, string Dimension, string Group, string NodeId), List<ArraySegment<double>>>();
        List<ArraySegment<double>> ScoresOf((string, string, string, string) group) =>
            scores.TryGetValue(group, out var runs) ? runs : scores[group] = [];
        foreach (var territory in await store.ListAsync(cancellationToken))
        {
            using var scope = accessor.Change(territory);
            var campaigns = await NationalFigureSets.BegunAsync(db, cancellationToken);
            var campaign = campaigns.FirstOrDefault(c => c.OpensOn <= to && c.ClosesOn >= from);
            if (campaign is null)
            {
                funnels.Add(new NationalFunnel(territory.Name, null, new Funnel(0, 0, 0, 0)));
                continue;
            }
            var set = await NationalFigureSets.GetAsync(db, territory, campaign, NationalFigureSets.PreviousOf(campaigns, campaign), now,
                cancellationToken);
            funnels.Add(new NationalFunnel(territory.Name, campaign.Name, new Funnel(set.Invited, set.Registered, set.Started, set.Submitted)));
            foreach (var theme in set.Themes) themes.TryAdd(theme.Id, theme.Title);
            var offset = 0;
            foreach (var cell in set.Cells)
            {
                var percents = new ArraySegment<double>(set.Percents, offset, cell.Scores);
                offset += cell.Scores;
                foreach (var (dimension, group) in GroupsOf(cell))
                {
                    ScoresOf((territory.Name, dimension, group, cell.NodeId)).Add(percents);
                }
            }
            progress.AddRange(set.Progress.Where(p => p.Organisations >= SmallGroups.Minimum)
                .Select(p => new NationalProgress(territory.Name, p.NodeId, themes[p.NodeId], p.Organisations, p.Before, p.After)));
        }
        var sorted = scores.ToDictionary(g => g.Key, g => Quartiles.Merge(g.Value));
        // Together, a group merges the territories' groups of the same name, small ones included: each territory's scores already sorted.
        foreach (var same in sorted.GroupBy(g => (g.Key.Dimension, g.Key.Group, g.Key.NodeId)).ToList())
            sorted[(Together, same.Key.Dimension, same.Key.Group, same.Key.NodeId)] = Quartiles.Merge([.. same.Select(g => new ArraySegment<double>(g.Value))]);
        var groups = sorted.Where(g => g.Value.Length >= SmallGroups.Minimum)
            .Select(g => new NationalGroup(g.Key.Territory, g.Key.Dimension, g.Key.Group, g.Key.NodeId, themes[g.Key.NodeId], g.Value.Length,
                Quartiles.Quantile(g.Value, 0.25), Quartiles.Median(g.Value), Quartiles.Quantile(g.Value, 0.75)))
            .OrderBy(g => g.Territory != Together).ThenBy(g => g.Territory, French.Names).ThenBy(g => g.Dimension).ThenBy(g => g.Group, French.Names)
            .ThenBy(g => g.NodeId, StringComparer.Ordinal)
            .ToList();
        return new NationalFigures(from, to, funnels, groups, progress);
    }

    /// <summary>The groups whose figures a cell's scores count in, by dimension.</summary>
    private static IEnumerable<(string Dimension, string Group)> GroupsOf(ScoreCell cell) =>
    [
        ("tous", "Toutes les organisations"),
        ("secteur", cell.NafSection is { } section ? NafCodes.SectionName(section) : "Non renseigné"),
        ("taille", OrganisationLabels.Of(Enum.TryParse<HeadcountBand>(cell.Headcount, out var band) ? band : null)),
    ];
}
