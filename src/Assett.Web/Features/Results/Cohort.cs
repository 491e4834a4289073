using Assett.Data;
using Assett.Data.Organisations;
using Assett.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.Extensions.Caching.Memory;

namespace Assett.Web.Features.Results;

/// <summary>A comparison group's median score per theme (node id → %), with how many organisations it holds.</summary>
public sealed record CohortMedians(string Name, int Organisations, IReadOnlyDictionary<string, double> ByTheme);

/// <summary>
/// The territory's cohort in a campaign, from score snapshots (each organisation's submitted one, else
/// its current one): all its organisations, those of the same sector, those of the same size. A group
/// and each theme's median are shown only from <see cref="MinimumGroup"/> organisations, so that no
/// one's score can be read in them. Figures are kept 5 minutes, under a key that holds the tenant.
/// </summary>
public sealed class Cohort(IMemoryCache cache)
{
    public const int MinimumGroup = SmallGroups.Minimum;
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private sealed record Row(string NodeId, double Median, int Organisations);

    public async Task<IReadOnlyList<CohortMedians>> CompareAsync(AssettDbContext db, Organisation organisation, Guid campaignId,
        CancellationToken cancellationToken)
    {
        var candidates = new List<(string Name, string? Section, string? Band)> { ("Toutes les organisations du territoire", null, null) };
        if (organisation.NafSection is { } sector) candidates.Add(("Même secteur d’activité", sector, null));
        if (organisation.Headcount is { } size) candidates.Add(("Même taille", null, size.ToString()));
        var groups = new List<CohortMedians>();
        foreach (var (name, section, band) in candidates)
        {
            var rows = await cache.GetOrCreateAsync(("cohort-medians", organisation.TenantId, campaignId, section, band), entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = KeptFor;
                return MediansAsync(db, organisation.TenantId, campaignId, section, band, cancellationToken);
            }) ?? [];
            var count = rows.Count == 0 ? 0 : rows.Max(r => r.Organisations);
            if (count >= MinimumGroup) groups.Add(new CohortMedians(name, count, rows.ToDictionary(r => r.NodeId, r => r.Median)));
        }
        return groups;
    }

    private static Task<List<Row>> MediansAsync(AssettDbContext db, Guid tenantId, Guid campaignId, string? section, string? band,
        CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<Row>(MediansSql, new NpgsqlParameter("tenant", tenantId), new NpgsqlParameter("campaign", campaignId),
            new NpgsqlParameter("section", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)section ?? DBNull.Value },
            new NpgsqlParameter("band", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)band ?? DBNull.Value },
            new NpgsqlParameter("minimum", MinimumGroup)).ToListAsync(cancellationToken);

    private const string MediansSql = """
            WITH latest AS (SELECT id, organisation_id FROM counted_snapshots WHERE tenant_id = @tenant AND campaign_id = @campaign)
            SELECT t.node_id AS node_id,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.point_fait / t.point_potentiel * 100) AS median,
                   count(*)::int AS organisations
            FROM latest l
            JOIN score_node_totals t ON t.tenant_id = @tenant AND t.snapshot_id = l.id
            JOIN organisations o ON o.tenant_id = @tenant AND o.id = l.organisation_id
            WHERE t.point_potentiel > 0
              AND (@section::text IS NULL OR o.naf_section = @section)
              AND (@band::text IS NULL OR o.headcount = @band)
            GROUP BY t.node_id
            HAVING count(*) >= @minimum
            """;
}
