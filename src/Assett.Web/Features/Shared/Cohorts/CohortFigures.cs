using Assett.Data.Assessments;
using Assett.Data;
using Assett.Data.Campaigns;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Shared.Cohorts;

/// <summary>How far the cohort went in a campaign: organisations invited, registered, started, submitted.</summary>
public sealed record Funnel(int Invited, int Registered, int Started, int Submitted);

/// <summary>
/// The distribution of one theme's score % (or the overall score, <see cref="CohortFigures.Overall"/>)
/// over one group of organisations: a dimension (<c>tous</c>, <c>secteur</c>, <c>taille</c>,
/// <c>commune</c>, <c>type</c>) and its value.
/// </summary>
public sealed record ThemeQuartiles(string NodeId, string Dimension, string Value, int Organisations, double Q1, double Median, double Q3);

/// <summary>The organisations scored in both campaigns: their median score then and now, overall and per theme.</summary>
public sealed record ThemeProgress(string NodeId, int Organisations, double Before, double After);

/// <summary>
/// The cohort's figures for the territory officer, read from score snapshots (each organisation's
/// counted one, CountedSnapshot), never from raw answers (docs/decisions.md). Every query names the
/// tenant, on top of row-level security.
/// </summary>
public static class CohortFigures
{
    /// <summary>The node id under which the overall score is given.</summary>
    public const string Overall = "";

    public static readonly IReadOnlyList<(string Key, string Label)> Dimensions =
    [
        ("tous", "Toutes les organisations"),
        ("secteur", "Secteur d’activité (NAF)"),
        ("taille", "Effectif"),
        ("commune", "Commune"),
        ("type", "Type d’organisation"),
    ];

    public static async Task<Funnel> FunnelAsync(AssettDbContext db, Guid tenantId, Guid campaignId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<Funnel>(FunnelSql, Parameter("tenant", tenantId), Parameter("campaign", campaignId))
            .ToListAsync(cancellationToken)).Single();

    /// <summary>Each theme's quartiles (and the overall score's) for each group of <paramref name="dimension"/> (a key of <see cref="Dimensions"/>).</summary>
    public static Task<List<ThemeQuartiles>> QuartilesAsync(AssettDbContext db, Guid tenantId, Guid campaignId, string dimension,
        CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<ThemeQuartiles>(QuartilesSql, Parameter("tenant", tenantId), Parameter("campaign", campaignId),
            new NpgsqlParameter("dimension", dimension)).ToListAsync(cancellationToken);

    /// <summary>Progress from <paramref name="previousId"/> to <paramref name="campaignId"/>, for the organisations scored in both.</summary>
    public static Task<List<ThemeProgress>> ProgressAsync(AssettDbContext db, Guid tenantId, Guid previousId, Guid campaignId,
        CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<ThemeProgress>(ProgressSql, Parameter("tenant", tenantId), Parameter("previous", previousId),
            Parameter("campaign", campaignId)).ToListAsync(cancellationToken);

    /// <summary>The campaign before this one (by opening date), whose figures the progress compares with.</summary>
    public static Task<Campaign?> PreviousAsync(AssettDbContext db, Campaign campaign, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().Where(c => c.OpensOn < campaign.OpensOn).OrderByDescending(c => c.OpensOn).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// SQL of each organisation's counted snapshot in a campaign (parameters <c>@tenant</c> and
    /// <c>@campaign</c>): columns id, score_percent, taken_at, organisation_id.
    /// </summary>
    /// <summary>SQL condition on an organisation <c>o</c>: registered, with a membership that counts (ActiveMembership).</summary>
    internal const string IsRegistered = "EXISTS (SELECT 1 FROM active_memberships m WHERE m.tenant_id = o.tenant_id AND m.organisation_id = o.id)";

    internal const string LatestSnapshots =
        "SELECT id, score_percent, taken_at, organisation_id FROM counted_snapshots WHERE tenant_id = @tenant AND campaign_id = @campaign";

    private const string FunnelSql = $"""
        SELECT count(*)::int AS invited,
               count(*) FILTER (WHERE {IsRegistered})::int AS registered,
               count(*) FILTER (WHERE a.state IN ('{nameof(AssessmentState.InProgress)}', '{nameof(AssessmentState.Submitted)}'))::int AS started,
               count(*) FILTER (WHERE a.state = '{nameof(AssessmentState.Submitted)}')::int AS submitted
        FROM organisations o
        LEFT JOIN assessments a ON a.tenant_id = o.tenant_id AND a.organisation_id = o.id AND a.campaign_id = @campaign
        WHERE o.tenant_id = @tenant AND NOT o.awaiting_approval
        """;

    private const string QuartilesSql = $"""
        WITH latest AS ({LatestSnapshots}),
        scores AS (
            SELECT t.node_id, 100 * t.point_fait / t.point_potentiel AS percent, l.organisation_id
            FROM latest l JOIN score_node_totals t ON t.tenant_id = @tenant AND t.snapshot_id = l.id
            WHERE t.point_potentiel > 0
            UNION ALL
            SELECT '', l.score_percent, l.organisation_id FROM latest l)
        SELECT s.node_id, @dimension::text AS dimension,
               CASE @dimension::text WHEN 'secteur' THEN coalesce(o.naf_section, '?') WHEN 'taille' THEN coalesce(o.headcount, '?')
                               WHEN 'commune' THEN coalesce(o.commune_insee, '?') WHEN 'type' THEN o.kind ELSE '' END AS value,
               count(*)::int AS organisations,
               percentile_cont(0.25) WITHIN GROUP (ORDER BY s.percent) AS q1,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY s.percent) AS median,
               percentile_cont(0.75) WITHIN GROUP (ORDER BY s.percent) AS q3
        FROM scores s
        JOIN organisations o ON o.tenant_id = @tenant AND o.id = s.organisation_id
        GROUP BY 1, 2, 3
        """;

    // The earlier snapshot is found through the organisation's assessment of the previous campaign (a unique index): the planner
    // underestimates counted_snapshots (1 to 22 rows for 10,000), and joining two of them directly made nested loops of 10,000 × 70,000.
    private const string ProgressSql = $"""
        WITH later AS ({LatestSnapshots}),
        paired AS (
            SELECT e.id AS earlier_id, e.score_percent AS score_before, l.id AS later_id, l.score_percent AS score_after
            FROM later l
            JOIN assessments p ON p.tenant_id = @tenant AND p.organisation_id = l.organisation_id AND p.campaign_id = @previous
            JOIN counted_snapshots e ON e.tenant_id = @tenant AND e.assessment_id = p.id),
        pairs AS (
            SELECT '' AS node_id, score_before, score_after FROM paired
            UNION ALL
            SELECT te.node_id, 100 * te.point_fait / te.point_potentiel, 100 * tl.point_fait / tl.point_potentiel
            FROM paired x
            JOIN score_node_totals te ON te.tenant_id = @tenant AND te.snapshot_id = x.earlier_id
            JOIN score_node_totals tl ON tl.tenant_id = @tenant AND tl.snapshot_id = x.later_id AND tl.node_id = te.node_id
            WHERE te.point_potentiel > 0 AND tl.point_potentiel > 0)
        SELECT node_id, count(*)::int AS organisations,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY score_before) AS before,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY score_after) AS after
        FROM pairs GROUP BY node_id
        """;

    private static NpgsqlParameter Parameter(string name, Guid value) => new(name, value);
}
