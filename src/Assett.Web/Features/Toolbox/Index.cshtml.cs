using Assett.Data;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;

namespace Assett.Web.Features.Toolbox;

/// <summary>
/// The toolbox: the recommended next steps, ranked, with the measure's resources and the territory's partners,
/// filtered by theme (<c>?theme=2</c>) and stage (<c>?etape=bases</c>).
/// </summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db) : JourneyPage(contexts, tenant)
{
    /// <summary>The stages of the referential's categories, in their order.</summary>
    public static readonly IReadOnlyList<string> Stages = ["bases", "mise en œuvre", "effets"];

    [BindProperty(SupportsGet = true, Name = "theme")]
    public string? Theme { get; set; }

    [BindProperty(SupportsGet = true, Name = "etape")]
    public string? Stage { get; set; }

    public IReadOnlyList<ReferentialNode> Themes { get; private set; } = [];
    public IReadOnlyList<Recommendation> Steps { get; private set; } = [];

    /// <summary>Every step before the filters: the page says how many the filters hide.</summary>
    public int AllSteps { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var result = await Context.EvaluateAsync(db, cancellationToken);
        Themes = [.. Context.Themes];
        var all = Recommendations.For(result, Context.Version.Package, Context.TasksOf);
        AllSteps = all.Count;
        Steps = [.. all.Where(s => (string.IsNullOrEmpty(Theme) || s.Measure.Parent?.Identifiant == Theme)
            && (string.IsNullOrEmpty(Stage) || string.Equals(s.Step.Category, Stage, StringComparison.OrdinalIgnoreCase)))];
        return Page();
    }
}
