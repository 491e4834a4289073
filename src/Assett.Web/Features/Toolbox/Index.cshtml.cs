using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Assett.Web.Features.Toolbox;

/// <summary>The toolbox: the recommended next steps, ranked, with the measure's resources and the territory's partners.</summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db) : JourneyPage(contexts, tenant)
{
    public IReadOnlyList<Recommendation> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var result = await Context.EvaluateAsync(db, cancellationToken);
        Steps = Recommendations.For(result, Context.Version.Package, Context.TasksOf);
        return Page();
    }
}
