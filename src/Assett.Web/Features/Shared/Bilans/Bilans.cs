using System.Text.Json;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Commitments;
using Assett.Data.Mail;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Commitments;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Assett.Web.Features.Shared.Bilans;

/// <summary>
/// Freezes the bilans: an organisation's figures for a campaign, beside its previous campaign's, with
/// its commitments and the toolbox's next steps. Each campaign closed gets every organisation's bilan,
/// once, and its owner a link; an owner can also ask for it after a submission (frozen again).
/// </summary>
public sealed class Bilans(AssettDbContext db, ReferentialPackages packages, TerritoryLinks links, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The bilan as the page, the PDF and the downloads show it.</summary>
    public const string PartialView = "/Features/Shared/Bilans/_Bilan.cshtml";

    /// <summary>The next steps a bilan lists.</summary>
    public const int NextSteps = 3;

    public static BilanFigures Read(Data.Bilans.Bilan bilan) => JsonSerializer.Deserialize<BilanFigures>(bilan.Figures, Json)!;

    /// <summary>Freezes (or freezes again) the organisation's bilan; null when it has no assessment in the campaign.</summary>
    public async Task<BilanFigures?> FreezeAsync(TenantInfo territory, Guid organisationId, Campaign campaign, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.OrganisationId == organisationId && a.CampaignId == campaign.Id, cancellationToken);
        if (assessment is null) return null;
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var referential = await packages.GetAsync(db, campaign.ReferentialVersionId, cancellationToken);
        var (version, package) = referential;
        var now = await ScoresAsync(assessment.Id, cancellationToken);
        var previous = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .Join(db.Campaigns.Where(c => c.OpensOn < campaign.OpensOn), a => a.CampaignId, c => c.Id,
                (a, c) => new { a.Id, c.Name, c.OpensOn, c.ReferentialVersionId })
            .OrderByDescending(x => x.OpensOn).FirstOrDefaultAsync(cancellationToken);
        var before = previous is null ? null : await ScoresAsync(previous.Id, cancellationToken);
        var beforePackage = previous is null ? null : (await packages.GetAsync(db, previous.ReferentialVersionId, cancellationToken)).Package;
        BilanScore Score(string? node)
        {
            double? Of((double Overall, Dictionary<string, double> Themes)? scores) =>
                scores is not { } known ? null : node is null ? known.Overall : known.Themes.TryGetValue(node, out var percent) ? percent : null;
            var (percent, earlier) = (Of(now), Of(before));
            return new BilanScore(percent, percent is { } p ? package.LevelFor(p)?.Name : null,
                earlier, earlier is { } e ? beforePackage!.LevelFor(e)?.Name : null);
        }

        var today = territory.DateAt(clock.GetUtcNow());
        var commitments = await db.Commitments.AsNoTracking()
            .Where(c => c.OrganisationId == organisationId && (c.CampaignId == campaign.Id || c.State == CommitmentState.Open))
            .OrderBy(c => c.DueDate).ToListAsync(cancellationToken);
        BilanCommitment Line(Commitment c) => new(package.NodesById.GetValueOrDefault(c.NodeId)?.Title ?? c.NodeId, CommitmentWords.Target(c), c.DueDate,
            c.Carrier, CommitmentWords.Reached(c));
        var open = commitments.Where(c => c.State == CommitmentState.Open).ToList();

        var result = AssessmentContext.Evaluate(referential, assessment, await AssessmentStore.StatusesAsync(db, assessment.Id, cancellationToken));
        var steps = Recommendations.For(result, version.Package, node => AssessmentContext.TasksOf(package, node)).Take(NextSteps)
            .Select(r => new BilanStep($"{r.Measure.Identifiant} {r.Measure.Title}", r.Step.Title, Math.Round(r.PointsToGain, 1)));

        var meetings = (await Meetings.OrganisationMeetings.AttendedAsync(db, organisationId, cancellationToken))
            .Select(m => new BilanMeeting(m.Meeting.Title, territory.DateAt(m.Meeting.StartsAt)))
            .Where(m => m.Day >= campaign.OpensOn && m.Day <= campaign.ClosesOn).OrderBy(m => m.Day);

        var figures = new BilanFigures(organisation, territory.Name, campaign.Name, previous?.Name, assessment.SubmittedAt is not null, today,
            Score(null), [.. package.Root.Children.Where(t => result[t].Counts).Select(t => new BilanTheme(t.Id, $"{t.Identifiant}. {t.Title}", Score(t.Id)))],
            [.. commitments.Where(c => c.State == CommitmentState.Done && c.CampaignId == campaign.Id).Select(Line)],
            [.. open.Where(c => c.IsOverdue(today)).Select(Line)], [.. open.Where(c => !c.IsOverdue(today)).Select(Line)], [.. meetings], [.. steps]);
        await db.Database.ExecuteSqlRawAsync(UpsertSql, [new NpgsqlParameter("tenant", territory.Id), new NpgsqlParameter("id", Guid.NewGuid()),
            new NpgsqlParameter("organisation", organisationId), new NpgsqlParameter("campaign", campaign.Id),
            new NpgsqlParameter("at", clock.GetUtcNow()),
            new NpgsqlParameter("figures", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(figures, Json) }], cancellationToken);
        return figures;
    }

    /// <summary>
    /// The bilans every closed campaign still owes, each frozen and its owner sent the link, in one
    /// transaction per organisation: a retried or doubled run freezes and sends nothing twice.
    /// </summary>
    public async Task<int> FreezeClosedAsync(TenantInfo territory, CancellationToken cancellationToken)
    {
        var owed = await db.Assessments.AsNoTracking()
            .Join(db.Campaigns.Where(c => c.State == CampaignState.Closed), a => a.CampaignId, c => c.Id, (a, c) => new { a.OrganisationId, Campaign = c })
            .Where(x => !db.Bilans.Any(b => b.OrganisationId == x.OrganisationId && b.CampaignId == x.Campaign.Id))
            .ToListAsync(cancellationToken);
        var owners = await db.FirstOwnersAsync([.. owed.Select(o => o.OrganisationId).Distinct()], cancellationToken);
        var frozen = 0;
        foreach (var (organisationId, campaign) in owed.Select(o => (o.OrganisationId, o.Campaign)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await FreezeAsync(territory, organisationId, campaign, cancellationToken) is null) continue;
            if (owners.TryGetValue(organisationId, out var owner)) await SendAsync(territory, campaign, organisationId, owner, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            frozen++;
        }
        return frozen;
    }

    private async Task SendAsync(TenantInfo territory, Campaign campaign, Guid organisationId, string to, CancellationToken cancellationToken)
    {
        var link = $"{links.Site(territory)}/bilan/{campaign.Id}";
        var message = $"« {campaign.Name} » de {territory.Name} est close, et le bilan de votre organisation est prêt : vos scores par thème " +
            "à côté de ceux de la campagne précédente, vos engagements réalisés, en retard et reportés, et les prochaines étapes proposées.";
        await Outbox.EnqueueNoticeAsync(db, $"bilan:{campaign.Id}:{organisationId}", to, $"Votre bilan {campaign.Name} est prêt", message,
            ("Voir le bilan", link), cancellationToken);
    }

    /// <summary>The assessment's counted score: overall, and per theme (node id → %).</summary>
    private async Task<(double Overall, Dictionary<string, double> Themes)?> ScoresAsync(Guid assessmentId, CancellationToken cancellationToken)
    {
        var snapshot = await db.CountedSnapshots.AsNoTracking().Where(s => s.AssessmentId == assessmentId).Select(s => new { s.Id, s.ScorePercent })
            .FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null) return null;
        var themes = await db.ScoreNodeTotals.AsNoTracking().Where(t => t.SnapshotId == snapshot.Id && t.PointPotentiel > 0)
            .ToDictionaryAsync(t => t.NodeId, t => 100 * t.PointFait / t.PointPotentiel, cancellationToken);
        return (snapshot.ScorePercent, themes);
    }

    private const string UpsertSql = """
        INSERT INTO bilans (tenant_id, id, organisation_id, campaign_id, frozen_at, figures)
        VALUES (@tenant, @id, @organisation, @campaign, @at, @figures)
        ON CONFLICT (tenant_id, organisation_id, campaign_id) DO UPDATE SET frozen_at = excluded.frozen_at, figures = excluded.figures
        """;
}
