using Assett.Data;
using Assett.Referentials.Evaluation;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.AspNetCore.Mvc;

namespace Assett.Web.Features.Results;

/// <summary>Where the organisation stands: score and maturity level overall and per theme, with points done, planned and remaining.</summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, Cohort cohort, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    public sealed record ThemeResult(ReferentialNode Theme, NodeScore Score, MaturityLevel? Level)
    {
        public double Remaining => Math.Max(0, Score.PointPotentiel - Score.PointFait - Score.PointProgramme);
    }

    public NodeScore Overall { get; private set; }
    public MaturityLevel? Level { get; private set; }
    public IReadOnlyList<ThemeResult> Themes { get; private set; } = [];
    public IReadOnlyList<CohortMedians> Cohort { get; private set; } = [];
    public IReadOnlyList<OrganisationMeeting> Meetings { get; private set; } = [];


    [TempData]
    public string? Submitted { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var result = await Context.EvaluateAsync(db, cancellationToken);
        Overall = result.Root;
        Level = result.LevelOf(Context.Package.Root);
        Themes = Context.Themes.Where(t => result[t].Concerne).Select(t => new ThemeResult(t, result[t], result.LevelOf(t))).ToList();
        Cohort = await cohort.CompareAsync(db, Context.Organisation, Context.Campaign.Id, cancellationToken);
        Meetings = await OrganisationMeetings.UpcomingAsync(db, Context.Organisation.Id, clock.GetUtcNow(), cancellationToken);
        return Page();
    }
}
