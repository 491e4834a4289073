using Assett.Web.Features.Shared.Cohorts;
using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.ReferenceData;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
/// </summary>
public sealed record NationalFigures(DateOnly From, DateOnly To, IReadOnlyList<NationalFunnel> Funnels, IReadOnlyList<NationalGroup> Groups,
    IReadOnlyList<NationalProgress> Progress)
{
    public const string Together = "Ensemble des territoires";

    private sealed record Score(Guid OrganisationId, string NodeId, string? NafSection, string? Headcount, double Fait, double Potentiel)
    {
        public double Percent => 100 * Fait / Potentiel;
    }

    public static async Task<NationalFigures> OfAsync(ITenantStore store, IMultiTenantContextAccessor accessor, AssettDbContext db, DateOnly from,
        DateOnly to, CancellationToken cancellationToken)
    {
        var funnels = new List<NationalFunnel>();
        var scores = new List<(string Territory, Score Score)>();
        var progress = new List<NationalProgress>();
        var themes = new Dictionary<string, string> { [CohortFigures.Overall] = "Score global" };
        foreach (var territory in await store.ListAsync(cancellationToken))
        {
            using var scope = accessor.Change(territory);
            var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Planned).OrderByDescending(c => c.OpensOn)
                .ToListAsync(cancellationToken);
            var campaign = campaigns.FirstOrDefault(c => c.OpensOn <= to && c.ClosesOn >= from);
            if (campaign is null)
            {
                funnels.Add(new NationalFunnel(territory.Name, null, new Funnel(0, 0, 0, 0)));
                continue;
            }
            funnels.Add(new NationalFunnel(territory.Name, campaign.Name, await CohortFigures.FunnelAsync(db, territory.Id, campaign.Id, cancellationToken)));
            var now = await ScoresAsync(db, territory, campaign, themes, cancellationToken);
            scores.AddRange(now.Select(s => (territory.Name, s)));
            if (campaigns.FirstOrDefault(c => c.OpensOn < campaign.OpensOn) is { } previous)
            {
                var before = (await ScoresAsync(db, territory, previous, themes, cancellationToken)).ToDictionary(s => (s.OrganisationId, s.NodeId));
                progress.AddRange(now.Where(s => before.ContainsKey((s.OrganisationId, s.NodeId))).GroupBy(s => s.NodeId)
                    .Where(g => g.Count() >= SmallGroups.Minimum)
                    .Select(g => new NationalProgress(territory.Name, g.Key, themes[g.Key], g.Count(),
                        Median([.. g.Select(s => before[(s.OrganisationId, s.NodeId)].Percent).Order()]), Median([.. g.Select(s => s.Percent).Order()]))));
            }
        }
        var groups = scores.Select(s => (Territory: Together, s.Score)).Concat(scores)
            .SelectMany(s => new (string Territory, string Dimension, string Group, Score Score)[]
            {
                (s.Territory, "tous", "Toutes les organisations", s.Score),
                (s.Territory, "secteur", s.Score.NafSection is { } section ? NafCodes.SectionName(section) : "Non renseigné", s.Score),
                (s.Territory, "taille", OrganisationLabels.Of(Enum.TryParse<HeadcountBand>(s.Score.Headcount, out var band) ? band : null), s.Score),
            })
            .GroupBy(x => (x.Territory, x.Dimension, x.Group, x.Score.NodeId))
            .Where(g => g.Count() >= SmallGroups.Minimum)
            .Select(g =>
            {
                var sorted = g.Select(x => x.Score.Percent).Order().ToList();
                return new NationalGroup(g.Key.Territory, g.Key.Dimension, g.Key.Group, g.Key.NodeId, themes[g.Key.NodeId], sorted.Count,
                    Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75));
            })
            .OrderBy(g => g.Territory != Together).ThenBy(g => g.Territory, French.Names).ThenBy(g => g.Dimension).ThenBy(g => g.Group, French.Names)
            .ThenBy(g => g.NodeId, StringComparer.Ordinal)
            .ToList();
        return new NationalFigures(from, to, funnels, groups, progress);
    }

    /// <summary>
    /// Each organisation's national score, overall and per national theme, in the campaign; the themes' titles are added to
    /// <paramref name="themes"/>.
    /// </summary>
    private static async Task<List<Score>> ScoresAsync(AssettDbContext db, TenantInfo territory, Campaign campaign, Dictionary<string, string> themes,
        CancellationToken cancellationToken)
    {
        var nodes = (await db.ReferentialVersions.AsNoTracking().SingleAsync(v => v.Id == campaign.ReferentialVersionId, cancellationToken)).Package.Nodes;
        var root = nodes.Single(n => n.ParentId is null);
        var axes = nodes.Where(n => n.ParentId == root.Id && !n.Local).ToList();
        foreach (var axis in axes) themes.TryAdd(axis.Id, axis.Title);
        return await db.Database.SqlQueryRaw<Score>(ScoresSql, new NpgsqlParameter("tenant", territory.Id), new NpgsqlParameter("campaign", campaign.Id),
                new NpgsqlParameter("axes", axes.Select(a => a.Id).ToArray()))
            .Where(s => s.Potentiel > 0).ToListAsync(cancellationToken);
    }

    private static double Median(IReadOnlyList<double> sorted) => Quantile(sorted, 0.5);

    /// <summary>PostgreSQL's <c>percentile_cont</c>, as the officers' figures compute it.</summary>
    private static double Quantile(IReadOnlyList<double> sorted, double fraction)
    {
        var position = fraction * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        return below + 1 < sorted.Count ? sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
    }

    // The organisation is joined once per snapshot, not once per theme's total (eight times fewer look-ups).
    private const string ScoresSql = $"""
        WITH latest AS (
            SELECT l.id, l.organisation_id, o.naf_section, o.headcount
            FROM ({CohortFigures.LatestSnapshots}) l JOIN organisations o ON o.tenant_id = @tenant AND o.id = l.organisation_id)
        SELECT l.organisation_id, t.node_id, l.naf_section, l.headcount, t.national_fait AS fait, t.national_potentiel AS potentiel
        FROM latest l JOIN score_node_totals t ON t.tenant_id = @tenant AND t.snapshot_id = l.id
        WHERE t.node_id = ANY (@axes::text[])
        UNION ALL
        SELECT l.organisation_id, '', l.naf_section, l.headcount, s.national_fait, s.national_potentiel
        FROM latest l JOIN score_snapshots s ON s.tenant_id = @tenant AND s.id = l.id
        """;
}
