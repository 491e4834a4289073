using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Referentials;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Shared.Assessments;

/// <summary>
/// Everything a page of the business owner's journey works on: the person's organisation in this
/// territory, the current campaign, its referential, and the organisation's assessment in it.
/// </summary>
public sealed record AssessmentContext(Membership Membership, Organisation Organisation, Campaign Campaign, LoadedVersion Referential,
    Assessment Assessment)
{
    public ReferentialVersion Version => Referential.Version;
    public ReferentialPackage Package => Referential.Package;

    /// <summary>The territory's charter while the organisation has not accepted its current version; null once accepted, or without one.</summary>
    public PendingCharter? PendingCharter { get; init; }

    /// <summary>The territory's time zone, in which times are shown.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Owners and editors answer, until the assessment is submitted; readers only read.</summary>
    public bool CanEdit => Membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor
        && Assessment.State != AssessmentState.Submitted && Campaign.State != CampaignState.Closed;

    /// <summary>Owners transmit, while the campaign is open; then the assessment no longer changes.</summary>
    public bool CanSubmit => CanEdit && Membership.Role == MembershipRole.OrganisationOwner && Campaign.State == CampaignState.Open;

    /// <summary>What the person answers: the leaves below the measures (the tasks).</summary>
    public IEnumerable<ReferentialNode> TasksOf(ReferentialNode node) => TasksOf(Package, node);

    public static IEnumerable<ReferentialNode> TasksOf(ReferentialPackage package, ReferentialNode node) =>
        package.Nodes.Skip(node.Index).TakeWhile(n => n == node || n.IsBelow(node)).Where(n => n.IsLeaf && n.Depth > package.ActionDepth);

    public ReferentialNode? Measure(string identifiant) =>
        Package.NodesById.TryGetValue($"{Package.ReferentialId}_{identifiant}", out var node) && node.Depth == Package.ActionDepth ? node : null;

    public IEnumerable<ReferentialNode> Themes => Package.Root.Children;

    public async Task<EvaluationResult> EvaluateAsync(AssettDbContext db, CancellationToken cancellationToken) =>
        Evaluate(await AssessmentStore.StatusesAsync(db, Assessment.Id, cancellationToken));

    public EvaluationResult Evaluate(IEnumerable<TaskStatusEntry> entries) => Evaluate(Referential, Assessment, entries);

    /// <summary>An assessment's evaluation on its campaign's referential version, outside any request (a job's).</summary>
    public static EvaluationResult Evaluate(LoadedVersion referential, Assessment assessment, IEnumerable<TaskStatusEntry> entries) =>
        referential.Evaluator.Evaluate(new EvaluationInput(AssessmentInputs.Profile(referential.Package, assessment.IdentityTags, assessment.Answers),
            AssessmentInputs.Statuses(referential.Package, entries)));
}

/// <summary>The charter an organisation has to accept: its version, its text, and whether it accepted an earlier version.</summary>
public sealed record PendingCharter(int Version, string Text, bool Renewal)
{
    public static PendingCharter? Of(Data.Tenants.TenantSettings? settings, int? accepted) =>
        settings is { Charter: { } text, CharterInForce: { } version } && accepted != version
            ? new PendingCharter(version, text, accepted is not null)
            : null;
}

/// <summary>Why there is no context: a stranger to the territory, a person of it without an organisation, no campaign yet.</summary>
public enum MissingContext
{
    None,
    Stranger,
    NoOrganisation,
    NoCampaign,
}

/// <summary>Finds, and starts when needed, the assessment of the signed-in person's organisation.</summary>
public sealed class AssessmentContexts(AssettDbContext db, ReferentialPackages packages, IMultiTenantContextAccessor tenant, TimeProvider clock,
    TerritoryMember member, Meetings.AttendanceEvidence evidence)
{
    /// <summary>
    /// The context, or why there is none. The current campaign is the open one, else the next planned
    /// one: answers can be prepared before it opens (docs/journey.md).
    /// </summary>
    public async Task<(AssessmentContext? Context, MissingContext Missing)> LoadAsync(CancellationToken cancellationToken)
    {
        var (membership, missing) = await MembershipAsync(cancellationToken);
        if (membership is null) return (null, missing);
        var found = await ContextQuery(db, membership.OrganisationId!.Value, cancellationToken);
        if (found.Campaign is not { } campaign) return (null, MissingContext.NoCampaign);
        var territory = tenant.Current!;
        var referential = await packages.GetAsync(db, campaign.ReferentialVersionId, cancellationToken);
        var assessment = found.Assessment ?? await StartAsync(found.Organisation, campaign, territory.TimeZone, cancellationToken);
        return (new AssessmentContext(membership, found.Organisation, campaign, referential, assessment)
        {
            PendingCharter = Shared.Assessments.PendingCharter.Of(found.Settings, found.Accepted),
            TimeZone = territory.Zone,
        }, MissingContext.None);
    }

    /// <summary>The person's membership of an organisation of this territory (the highest role, then the oldest), or why there is none.</summary>
    public async Task<(Membership? Membership, MissingContext Missing)> MembershipAsync(CancellationToken cancellationToken)
    {
        if (await member.GetAsync(cancellationToken) is not { Memberships: var memberships }) return (null, MissingContext.Stranger);
        var membership = memberships.Where(m => m.OrganisationId is not null).OrderBy(m => m.Role).ThenBy(m => m.CreatedAt).FirstOrDefault();
        return membership is null ? (null, MissingContext.NoOrganisation) : (membership, MissingContext.None);
    }

    /// <summary>
    /// The tasks answered in the organisation's previous campaign that its referential version no
    /// longer has: their answers could not carry over (docs/decisions.md), so the owner is told which.
    /// </summary>
    public async Task<IReadOnlyList<ReferentialNode>> DisappearedAsync(AssessmentContext context, CancellationToken cancellationToken)
    {
        var previous = await PreviousAsync(context.Organisation.Id, context.Campaign.Id, cancellationToken);
        if (previous is null || previous.Value.VersionId == context.Version.Id) return [];
        var (_, before) = await packages.GetAsync(db, previous.Value.VersionId, cancellationToken);
        var answered = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == previous.Value.Assessment.Id).Select(s => s.NodeId)
            .ToListAsync(cancellationToken);
        return [.. answered.Where(id => !context.Package.NodesById.ContainsKey(id) && before.NodesById.ContainsKey(id))
            .Select(id => before.NodesById[id]).OrderBy(n => n.Index)];
    }

    private sealed record ContextRow(Organisation Organisation, Campaign? Campaign, Assessment? Assessment, Data.Tenants.TenantSettings? Settings,
        int? Accepted);

    /// <summary>
    /// One query for the organisation, the current campaign (the open one, else the next planned one), its assessment, the
    /// territory's charter and the latest version accepted: each round trip counts on every page. Compiled once, since
    /// translating it again on each request cost more than running it (docs/performance.md).
    /// </summary>
    private static readonly Func<AssettDbContext, Guid, CancellationToken, Task<ContextRow>> ContextQuery = EF.CompileAsyncQuery(
        (AssettDbContext db, Guid organisationId, CancellationToken _) => (
            from o in db.Organisations.Where(o => o.Id == organisationId)
            from c in db.Campaigns.Where(c => c.State != CampaignState.Closed)
                .OrderBy(c => c.State == CampaignState.Open ? 0 : 1).ThenBy(c => c.OpensOn).Take(1).DefaultIfEmpty()
            from a in db.Assessments.Where(a => a.OrganisationId == o.Id && a.CampaignId == c!.Id).DefaultIfEmpty()
            select new ContextRow(o, c, a, db.Tenants.Where(t => t.Id == o.TenantId).Select(t => t.Settings).FirstOrDefault(),
                db.CharterAcceptances.Where(x => x.OrganisationId == o.Id).Max(x => (int?)x.Version))).Single());

    private async Task<Assessment> StartAsync(Organisation organisation, Campaign campaign, string timeZone, CancellationToken cancellationToken)
    {
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, CampaignId = campaign.Id, State = AssessmentState.NotStarted,
            IdentityTags = IdentityTags.Of(organisation, IdentityTags.LocalisationOf(timeZone)), CreatedAt = clock.GetUtcNow(),
        };
        db.Assessments.Add(assessment);
        await CarryOverAsync(assessment, campaign, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await evidence.ApplyAsync([organisation.Id], cancellationToken); // meetings attended before it started count too
            return assessment;
        }
        catch (DbUpdateException)
        {
            // A colleague started it at the same instant: theirs is the one.
            db.Entry(assessment).State = EntityState.Detached;
            db.ChangeTracker.Clear();
            return await db.Assessments.SingleAsync(a => a.OrganisationId == organisation.Id && a.CampaignId == campaign.Id, cancellationToken);
        }
    }

    /// <summary>A new campaign starts from the answers of the previous one, node by node (docs/decisions.md).</summary>
    private async Task CarryOverAsync(Assessment assessment, Campaign campaign, CancellationToken cancellationToken)
    {
        if (await PreviousAsync(assessment.OrganisationId, campaign.Id, cancellationToken) is not var (previous, _)) return;
        assessment.Answers = new Dictionary<string, string>(previous.Answers);
        var (_, package) = await packages.GetAsync(db, campaign.ReferentialVersionId, cancellationToken);
        var entries = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == previous.Id).ToListAsync(cancellationToken);
        // A task proven by attendance is proven again in each campaign's window, never carried over.
        foreach (var entry in entries.Where(e => package.NodesById.TryGetValue(e.NodeId, out var node) && node.MeetingsAttended is null))
            db.TaskStatuses.Add(new TaskStatusEntry
            {
                Id = Guid.NewGuid(), AssessmentId = assessment.Id, NodeId = entry.NodeId, Status = entry.Status, Comment = entry.Comment,
                UpdatedBy = entry.UpdatedBy, UpdatedAt = entry.UpdatedAt,
            });
        if (entries.Count > 0) assessment.State = AssessmentState.InProgress;
    }

    /// <summary>The organisation's assessment of the latest other campaign, with that campaign's referential version.</summary>
    private async Task<(Assessment Assessment, Guid VersionId)?> PreviousAsync(Guid organisationId, Guid campaignId, CancellationToken cancellationToken)
    {
        var previous = await db.Assessments.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.CampaignId != campaignId)
            .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { Assessment = a, c.OpensOn, c.ReferentialVersionId })
            .OrderByDescending(x => x.OpensOn).FirstOrDefaultAsync(cancellationToken);
        return previous is null ? null : (previous.Assessment, previous.ReferentialVersionId);
    }
}
