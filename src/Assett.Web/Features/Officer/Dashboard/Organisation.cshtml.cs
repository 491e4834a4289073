using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Commitments;
using Assett.Data.Organisations;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>
/// One organisation of the cohort, for the officer: who it is and who signed the charter, its scores in
/// the campaign (from its snapshot), its commitments, and its comments only if it chose to share them.
/// </summary>
public sealed class OrganisationModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock) : OfficerPage(db, tenant, packages, member, clock)
{
    public sealed record Comment(ReferentialNode? Task, string NodeId, StatusValue Status, string Text, string By, DateTimeOffset At);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Data.Organisations.Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<string> Owners { get; private set; } = [];
    public Assessment? Assessment { get; private set; }
    public ScoreSnapshot? Snapshot { get; private set; }
    public IReadOnlyDictionary<string, ScoreNodeTotal> ThemeTotals { get; private set; } = new Dictionary<string, ScoreNodeTotal>();
    public IReadOnlyList<Commitment> Commitments { get; private set; } = [];
    public IReadOnlyList<CharterAcceptance> Charters { get; private set; } = [];
    public IReadOnlyList<Comment> Comments { get; private set; } = [];
    public ReferentialPackage? Package { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        // Row-level security: another territory's organisation is simply not found.
        if (await Db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Id && !o.AwaitingApproval, cancellationToken) is not { } organisation)
            return NotFound();
        Organisation = organisation;
        Owners = await Db.Memberships.Where(m => m.OrganisationId == Id && m.Role == MembershipRole.OrganisationOwner)
            .Join(Db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email!).OrderBy(e => e).ToListAsync(cancellationToken);
        Charters = await Db.CharterAcceptances.AsNoTracking().Where(a => a.OrganisationId == Id).OrderByDescending(a => a.Version)
            .ToListAsync(cancellationToken);
        if (Campaign is null) return Page();
        Package = (await Packages.GetAsync(Db, Campaign.ReferentialVersionId, cancellationToken)).Package;
        Assessment = await Db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.OrganisationId == Id && a.CampaignId == Campaign.Id, cancellationToken);
        if (Assessment is null) return Page();
        Snapshot = await Db.ScoreSnapshots.AsNoTracking()
            .Where(s => Db.CountedSnapshots.Any(c => c.Id == s.Id && c.AssessmentId == Assessment.Id)).FirstOrDefaultAsync(cancellationToken);
        if (Snapshot is not null)
            ThemeTotals = await Db.ScoreNodeTotals.AsNoTracking().Where(t => t.SnapshotId == Snapshot.Id).ToDictionaryAsync(t => t.NodeId, cancellationToken);
        Commitments = await Db.Commitments.AsNoTracking().Where(c => c.OrganisationId == Id && c.CampaignId == Campaign.Id).OrderBy(c => c.DueDate)
            .ToListAsync(cancellationToken);
        if (organisation.SharesComments)
            Comments = [.. (await Db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == Assessment.Id && s.Comment != null)
                    .ToListAsync(cancellationToken))
                .Select(s => new Comment(Package.NodesById.GetValueOrDefault(s.NodeId), s.NodeId, s.Status, s.Comment!, s.UpdatedBy, s.UpdatedAt))
                .OrderBy(c => c.Task?.Index ?? int.MaxValue)];
        return Page();
    }

    public string Title(string nodeId) => Package?.NodesById.GetValueOrDefault(nodeId) is { } node ? $"{node.Identifiant} {node.Title}" : nodeId;
}
