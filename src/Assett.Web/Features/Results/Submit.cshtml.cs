using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Results;

/// <summary>
/// Transmitting knowingly: what is still unanswered, measure by measure, then the owner confirms.
/// Once transmitted, the assessment no longer changes for the campaign; the plan stays the organisation's.
/// </summary>
public sealed class SubmitModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    public sealed record Gap(ReferentialNode Measure, IReadOnlyList<ReferentialNode> Tasks);

    public int Answered { get; private set; }
    public int Total { get; private set; }
    /// <summary>The measures with tasks still unanswered.</summary>
    public IReadOnlyList<Gap> Gaps { get; private set; } = [];

    [TempData]
    public string? Submitted { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        return Context.CanSubmit ? Page() : RedirectToPage("/Results/Index");
    }

    [HandlerAccess(Access.OrganisationOwner)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        if (!Context.CanSubmit) return Forbid();
        await Snapshots.SubmitAsync(db, Context, clock.GetUtcNow(), cancellationToken);
        Submitted = $"Votre autoévaluation de la {Context.Campaign.Name} est transmise à {Territory.Name}. Merci ! " +
            "Votre plan d’action reste ouvert : vos engagements continuent.";
        return RedirectToPage("/Results/Index");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var statuses = await AssessmentStore.StatusesAsync(db, Context.Assessment.Id, cancellationToken);
        var result = Context.Evaluate(statuses);
        var answered = statuses.Where(s => s.Status.Kind != StatusKinds.NonRenseigne).Select(s => s.NodeId).ToHashSet();
        var asked = Context.TasksOf(Context.Package.Root).Where(t => result[t].Counts).ToList();
        Total = asked.Count;
        Answered = asked.Count(t => answered.Contains(t.Id));
        Gaps = [.. asked.Where(t => !answered.Contains(t.Id)).GroupBy(MeasureOf).Select(g => new Gap(g.Key, [.. g]))];
        return null;
    }

    private ReferentialNode MeasureOf(ReferentialNode task)
    {
        var node = task;
        while (node.Depth > Context.Package.ActionDepth) node = node.Parent!;
        return node;
    }
}
