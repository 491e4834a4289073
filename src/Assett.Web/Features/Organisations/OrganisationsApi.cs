using Assett.Data;
using Assett.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Organisations;

/// <summary>
/// <c>/api/v1/organisations</c>: the organisations of the token's territory, and one with its
/// assessments. Another territory's organisation is simply not found (404).
/// </summary>
public static class OrganisationsApi
{
    public sealed record OrganisationSummary(Guid Id, string? Siret, string? Rna, string Name, string Kind, string? NafCode,
        string? NafSection, string? Headcount, string? CommuneInsee);

    public sealed record AssessmentSummary(Guid Id, string Campaign, string State, double? ScorePercent, DateTimeOffset? SubmittedAt);

    public sealed record OrganisationDetail(OrganisationSummary Organisation, IReadOnlyList<AssessmentSummary> Assessments);

    public static RouteGroupBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organisations").WithTags("Organisations")
            .RequireAuthorization(ApiSetup.Policy("organisations"));
        group.MapGet("/", ListAsync).WithName("ListOrganisations").WithSummary("The organisations of the territory (100 per page).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOrganisation").WithSummary("An organisation and its assessments.");
        return group;
    }

    private static async Task<Ok<List<OrganisationSummary>>> ListAsync(AssettDbContext db, int page = 1, CancellationToken cancellationToken = default)
    {
        const int pageSize = 100;
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize)
            .Select(o => new OrganisationSummary(o.Id, o.Siret, o.Rna, o.Name, o.Kind.ToString(), o.NafCode, o.NafSection,
                o.Headcount == null ? null : o.Headcount.ToString(), o.CommuneInsee))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(organisations);
    }

    private static async Task<Results<Ok<OrganisationDetail>, NotFound>> GetAsync(Guid id, AssettDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationSummary(o.Id, o.Siret, o.Rna, o.Name, o.Kind.ToString(), o.NafCode, o.NafSection,
                o.Headcount == null ? null : o.Headcount.ToString(), o.CommuneInsee))
            .SingleOrDefaultAsync(cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == id)
            .Join(db.Campaigns, a => a.CampaignId, c => c.Id, (a, c) => new { Assessment = a, Campaign = c.Name, c.OpensOn })
            .OrderBy(x => x.OpensOn)
            .Select(x => new AssessmentSummary(x.Assessment.Id, x.Campaign, x.Assessment.State.ToString(),
                db.ScoreSnapshots.Where(s => s.AssessmentId == x.Assessment.Id).OrderByDescending(s => s.TakenAt).Select(s => (double?)s.ScorePercent).FirstOrDefault(),
                x.Assessment.SubmittedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrganisationDetail(organisation, assessments));
    }
}
