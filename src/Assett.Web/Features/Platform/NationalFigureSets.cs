using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Data.Reports;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Cohorts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Platform;

/// <summary>
/// A territory's national figure sets (<see cref="NationalFigureSet"/>), computed from its counted snapshots under its own
/// row-level security: by <see cref="NationalFiguresJob"/> every five minutes, or when the console asks for a campaign
/// that has none yet.
/// </summary>
public static class NationalFigureSets
{
    public static async Task<NationalFigureSet> GetAsync(AssettDbContext db, TenantInfo territory, Campaign campaign, Campaign? previous,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.NationalFigureSets.AsNoTracking().SingleOrDefaultAsync(s => s.CampaignId == campaign.Id, cancellationToken)
        ?? await ComputeAsync(db, territory, campaign, previous, now, cancellationToken);

    /// <summary>The territory's campaigns begun (not planned), the latest first: those a set is computed for.</summary>
    public static Task<List<Campaign>> BegunAsync(AssettDbContext db, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().Where(c => c.State != CampaignState.Planned).OrderByDescending(c => c.OpensOn).ToListAsync(cancellationToken);

    /// <summary>The campaign a set's progress starts from: the latest of <paramref name="begun"/> opened before it.</summary>
    public static Campaign? PreviousOf(IEnumerable<Campaign> begun, Campaign campaign) => begun.FirstOrDefault(c => c.OpensOn < campaign.OpensOn);

    /// <summary>Computes the campaign's set (its progress from <paramref name="previous"/>) and stores it in place of the one before.</summary>
    public static async Task<NationalFigureSet> ComputeAsync(AssettDbContext db, TenantInfo territory, Campaign campaign, Campaign? previous,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var funnel = await CohortFigures.FunnelAsync(db, territory.Id, campaign.Id, cancellationToken);
        var (themes, scores) = await ScoresAsync(db, territory, campaign, cancellationToken);
        var cells = scores.GroupBy(s => (s.NodeId, s.NafSection, s.Headcount))
            .Select(g => (Cell: new ScoreCell(g.Key.NodeId, g.Key.NafSection, g.Key.Headcount, g.Count()), Percents: g.Select(s => s.Percent).Order()))
            .ToList();
        var set = new NationalFigureSet
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, ComputedAt = now, Invited = funnel.Invited, Registered = funnel.Registered,
            Started = funnel.Started, Submitted = funnel.Submitted, Themes = themes, Cells = [.. cells.Select(c => c.Cell)],
            Percents = [.. cells.SelectMany(c => c.Percents)],
        };
        if (previous is not null)
        {
            var (previousThemes, previousScores) = await ScoresAsync(db, territory, previous, cancellationToken);
            set.Themes.AddRange(previousThemes);
            var before = previousScores.ToDictionary(s => (s.OrganisationId, s.NodeId));
            set.Progress = [.. scores.Where(s => before.ContainsKey((s.OrganisationId, s.NodeId))).GroupBy(s => s.NodeId)
                .Select(g => new ProgressFigure(g.Key, g.Count(), Quartiles.Median([.. g.Select(s => before[(s.OrganisationId, s.NodeId)].Percent).Order()]),
                    Quartiles.Median([.. g.Select(s => s.Percent).Order()])))];
        }
        await ReplaceAsync(db, set, cancellationToken);
        return set;
    }

    private static async Task ReplaceAsync(AssettDbContext db, NationalFigureSet set, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.NationalFigureSets.Where(s => s.CampaignId == set.CampaignId).ExecuteDeleteAsync(cancellationToken);
        db.NationalFigureSets.Add(set);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The job and a request computed the same campaign at once: the other's set, as recent, stays.
        }
        finally
        {
            db.Entry(set).State = EntityState.Detached;
        }
    }

    private sealed record Score(Guid OrganisationId, string NodeId, string? NafSection, string? Headcount, double Fait, double Potentiel)
    {
        public double Percent => 100 * Fait / Potentiel;
    }

    /// <summary>Each organisation's national score, overall and per national theme, in the campaign; and the themes' titles.</summary>
    private static async Task<(List<ThemeTitle> Themes, List<Score> Scores)> ScoresAsync(AssettDbContext db, TenantInfo territory, Campaign campaign,
        CancellationToken cancellationToken)
    {
        var nodes = (await db.ReferentialVersions.AsNoTracking().SingleAsync(v => v.Id == campaign.ReferentialVersionId, cancellationToken)).Package.Nodes;
        var root = nodes.Single(n => n.ParentId is null);
        var axes = nodes.Where(n => n.ParentId == root.Id && !n.Local).Select(n => new ThemeTitle(n.Id, n.Title)).ToList();
        var scores = await db.Database.SqlQueryRaw<Score>(ScoresSql, new NpgsqlParameter("tenant", territory.Id), new NpgsqlParameter("campaign", campaign.Id),
                new NpgsqlParameter("axes", axes.Select(a => a.Id).ToArray()))
            .Where(s => s.Potentiel > 0).ToListAsync(cancellationToken);
        return (axes, scores);
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
