using Assett.Data;
using Assett.Data.Assessments;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Results;

/// <summary>Progress from one campaign to the next: the organisation's score per theme in each campaign, from its snapshots.</summary>
public sealed class ProgressModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db) : JourneyPage(contexts, tenant)
{
    /// <summary>One campaign's figures: overall and per theme (node id → %); submitted, or still in progress.</summary>
    public sealed record CampaignScores(string Campaign, bool Submitted, double Overall, IReadOnlyDictionary<string, double> ByTheme);

    public IReadOnlyList<CampaignScores> Campaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var snapshots = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == Context.Organisation.Id)
            .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { a.Id, CampaignId = c.Id, c.Name, c.OpensOn })
            .Join(db.ScoreSnapshots, x => x.Id, s => s.AssessmentId, (x, s) => new { x.CampaignId, x.Name, x.OpensOn, Snapshot = s })
            .ToListAsync(cancellationToken);
        var latest = snapshots.GroupBy(x => x.CampaignId)
            .Select(g => g.OrderByDescending(x => x.Snapshot.Kind == SnapshotKind.Submitted).ThenByDescending(x => x.Snapshot.TakenAt).First())
            .OrderBy(x => x.OpensOn).ToList();
        var ids = latest.Select(x => x.Snapshot.Id).ToList();
        var themes = await db.ScoreNodeTotals.AsNoTracking().Where(t => ids.Contains(t.SnapshotId)).ToListAsync(cancellationToken);
        Campaigns = [.. latest.Select(x => new CampaignScores(x.Name, x.Snapshot.Kind == SnapshotKind.Submitted, x.Snapshot.ScorePercent,
            themes.Where(t => t.SnapshotId == x.Snapshot.Id && t.PointPotentiel > 0).ToDictionary(t => t.NodeId, t => t.PointFait / t.PointPotentiel * 100)))];
        return Page();
    }
}
