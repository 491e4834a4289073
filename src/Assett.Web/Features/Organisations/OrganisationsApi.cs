using System.Security.Claims;
using Assett.Data;
using Assett.Web.Features.Shared.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Organisations;

/// <summary>
/// <c>/api/v1/organisations</c>: the organisations of the token's territory, and one with its
/// assessments; <c>/api/v1/assessments/{id}</c>: an assessment's scores and answers. Another
/// territory's organisation is simply not found (404); so is one a person's application may not read
/// (<see cref="ApiCaller"/>).
/// </summary>
public static class OrganisationsApi
{
    public sealed record OrganisationSummary(Guid Id, string? Siret, string? Rna, string Name, string Kind, string? NafCode,
        string? NafSection, string? Headcount, string? CommuneInsee);

    public sealed record AssessmentSummary(Guid Id, string Campaign, string State, double? ScorePercent, DateTimeOffset? SubmittedAt);

    public sealed record OrganisationDetail(OrganisationSummary Organisation, IReadOnlyList<AssessmentSummary> Assessments);

    public sealed record ThemeScore(string NodeId, double PointFait, double PointProgramme, double PointPasFait, double PointPotentiel, double? ScorePercent);

    /// <summary>A task's answer; its comment only when the organisation shares comments with its territory, or for its own members.</summary>
    public sealed record Answer(string NodeId, string Status, double Fait, double Programme, double PasFait, string? Comment, DateTimeOffset UpdatedAt);

    public sealed record AssessmentDetail(AssessmentSummary Assessment, Guid OrganisationId, DateTimeOffset? ScoredAt, IReadOnlyList<ThemeScore> Themes,
        IReadOnlyList<Answer> Answers);

    /// <summary>Maps onto the <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations")
            .RequireAuthorization(ApiSetup.Policy("organisations"));
        group.MapGet("/", ListAsync).WithName("ListOrganisations").WithSummary("The organisations of the territory (100 per page).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOrganisation").WithSummary("An organisation and its assessments.");
        api.MapGet("/assessments/{id:guid}", GetAssessmentAsync).WithTags("Organisations").WithName("GetAssessment")
            .WithSummary("An assessment: its latest scores per theme and its answers.").RequireAuthorization(ApiSetup.Policy("organisations"));
        return group;
    }

    private static async Task<IQueryable<Data.Organisations.Organisation>> ReadableAsync(ClaimsPrincipal caller, AssettDbContext db,
        CancellationToken cancellationToken)
    {
        var readable = await ApiCaller.ReadableOrganisationsAsync(caller, db, cancellationToken);
        return readable is null ? db.Organisations.AsNoTracking() : db.Organisations.AsNoTracking().Where(o => readable.Contains(o.Id));
    }

    private const int PageSize = 100, LastPage = 100_000;

    private static async Task<Results<Ok<List<OrganisationSummary>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal caller, AssettDbContext db, int page = 1,
        CancellationToken cancellationToken = default)
    {
        if (page is < 1 or > LastPage) return ApiProblems.BadParameter("page", $"un numéro de page entre 1 et {LastPage}");
        var organisations = await (await ReadableAsync(caller, db, cancellationToken)).OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(o => new OrganisationSummary(o.Id, o.Siret, o.Rna, o.Name, o.Kind.ToString(), o.NafCode, o.NafSection,
                o.Headcount == null ? null : o.Headcount.ToString(), o.CommuneInsee))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(organisations);
    }

    private static async Task<Results<Ok<OrganisationDetail>, NotFound>> GetAsync(Guid id, ClaimsPrincipal caller, AssettDbContext db,
        CancellationToken cancellationToken)
    {
        var organisation = await (await ReadableAsync(caller, db, cancellationToken)).Where(o => o.Id == id)
            .Select(o => new OrganisationSummary(o.Id, o.Siret, o.Rna, o.Name, o.Kind.ToString(), o.NafCode, o.NafSection,
                o.Headcount == null ? null : o.Headcount.ToString(), o.CommuneInsee))
            .SingleOrDefaultAsync(cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == id)
            .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { Assessment = a, Campaign = c.Name, c.OpensOn })
            .OrderBy(x => x.OpensOn)
            .Select(x => new AssessmentSummary(x.Assessment.Id, x.Campaign, x.Assessment.State.ToString(),
                db.CountedSnapshots.Where(s => s.AssessmentId == x.Assessment.Id).Select(s => (double?)s.ScorePercent).FirstOrDefault(),
                x.Assessment.SubmittedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrganisationDetail(organisation, assessments));
    }

    private static async Task<Results<Ok<AssessmentDetail>, NotFound>> GetAssessmentAsync(Guid id, ClaimsPrincipal caller, AssettDbContext db,
        CancellationToken cancellationToken)
    {
        var readable = await ApiCaller.ReadableOrganisationsAsync(caller, db, cancellationToken);
        var found = await db.Assessments.AsNoTracking().Where(a => a.Id == id && (readable == null || readable.Contains(a.OrganisationId)))
            .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { Assessment = a, Campaign = c.Name })
            .Join(db.Organisations, x => x.Assessment.OrganisationId, o => o.Id, (x, o) => new { x.Assessment, x.Campaign, o.SharesComments })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return TypedResults.NotFound();
        var snapshot = await db.CountedSnapshots.AsNoTracking().Where(s => s.AssessmentId == id).FirstOrDefaultAsync(cancellationToken);
        var themes = snapshot is null ? [] : await db.ScoreNodeTotals.AsNoTracking().Where(t => t.SnapshotId == snapshot.Id).OrderBy(t => t.NodeId)
            .Select(t => new ThemeScore(t.NodeId, t.PointFait, t.PointProgramme, t.PointPasFait, t.PointPotentiel,
                t.PointPotentiel > 0 ? t.PointFait / t.PointPotentiel * 100 : null))
            .ToListAsync(cancellationToken);
        var showComments = found.SharesComments || readable is not null;
        var answers = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == id).OrderBy(s => s.NodeId)
            .Select(s => new Answer(s.NodeId, s.Status.Kind, s.Status.Fait, s.Status.Programme, s.Status.PasFait, showComments ? s.Comment : null, s.UpdatedAt))
            .ToListAsync(cancellationToken);
        var summary = new AssessmentSummary(found.Assessment.Id, found.Campaign, found.Assessment.State.ToString(), snapshot?.ScorePercent,
            found.Assessment.SubmittedAt);
        return TypedResults.Ok(new AssessmentDetail(summary, found.Assessment.OrganisationId, snapshot?.TakenAt, themes, answers));
    }
}
