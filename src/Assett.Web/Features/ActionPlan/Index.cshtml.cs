using Assett.Data;
using Assett.Data.Assessments;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.ActionPlan;

/// <summary>
/// The action plan: commitments to tasks with a target date and a person in charge. Committing makes
/// the task « programmé »; marking a commitment done makes it « fait ».
/// </summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TaskAnswers answers, TimeProvider clock)
    : JourneyPage(contexts, tenant)
{
    public sealed record Line(ActionCommitment Commitment, ReferentialNode? Task, bool Overdue);

    [BindProperty(SupportsGet = true, Name = "tache")]
    public string? TaskId { get; set; }

    [BindProperty]
    public DateOnly? TargetDate { get; set; }

    [BindProperty]
    public string? Responsible { get; set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<ReferentialNode> Open { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!Context.CanEdit) return Forbid();
        var task = Open.FirstOrDefault(t => t.Id == TaskId);
        if (task is null) ModelState.AddModelError(nameof(TaskId), "Choisissez une action qui n’est pas encore faite.");
        else if (Lines.Any(l => l.Commitment.NodeId == task.Id && l.Commitment.CompletedAt is null))
            ModelState.AddModelError(nameof(TaskId), "Cette action a déjà un engagement en cours.");
        if (TargetDate is null || TargetDate < Today) ModelState.AddModelError(nameof(TargetDate), "Choisissez une date d’échéance à venir.");
        if (string.IsNullOrWhiteSpace(Responsible)) ModelState.AddModelError(nameof(Responsible), "Indiquez la personne responsable.");
        if (!ModelState.IsValid) return Page();

        db.ActionCommitments.Add(new ActionCommitment
        {
            Id = Guid.NewGuid(), AssessmentId = Context.Assessment.Id, NodeId = task!.Id, TargetDate = TargetDate!.Value,
            ResponsibleName = Responsible!.Trim(), CreatedBy = User.Identity!.Name!, CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        Done = $"Engagement ajouté : « {task.Title} » pour le {TargetDate:dd/MM/yyyy}."
            + await SetStatusAsync(task.Id, StatusKinds.Programme, cancellationToken);
        return RedirectToPage(new { tache = (string?)null });
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!Context.CanEdit) return Forbid();
        var commitment = await db.ActionCommitments.SingleOrDefaultAsync(c => c.Id == id && c.AssessmentId == Context.Assessment.Id, cancellationToken);
        if (commitment is null) return NotFound();
        commitment.CompletedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        Done = "Bravo : l’action est marquée comme faite." + await SetStatusAsync(commitment.NodeId, StatusKinds.Fait, cancellationToken);
        return RedirectToPage(new { tache = (string?)null });
    }

    /// <summary>
    /// Changes the task's status from its current version: the person acts on what the plan shows now.
    /// Committing keeps a detailed split (its part done stays done). Returns what to add to the message when it could not.
    /// </summary>
    private async Task<string> SetStatusAsync(string nodeId, string kind, CancellationToken cancellationToken)
    {
        var current = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == Context.Assessment.Id && s.NodeId == nodeId)
            .SingleOrDefaultAsync(cancellationToken);
        if (kind == StatusKinds.Programme && current?.Status.Kind is StatusKinds.Detaille or StatusKinds.Fait) return "";
        var result = await answers.SaveAsync(Context, new TaskAnswer(nodeId, kind, null, null, current?.Comment, current?.Version ?? 0),
            User.Identity!.Name!, cancellationToken);
        return result.Outcome is SaveOutcome.Saved or SaveOutcome.Unchanged
            ? ""
            : $" Le statut de l’action n’a pas été mis à jour : {result.Error ?? "modifié entre-temps par un collègue"}.";
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Context.TimeZone).DateTime);
        var commitments = await db.ActionCommitments.AsNoTracking().Where(c => c.AssessmentId == Context.Assessment.Id).ToListAsync(cancellationToken);
        Lines = [.. commitments
            .Select(c => new Line(c, Context.Package.NodesById.GetValueOrDefault(c.NodeId), c.CompletedAt is null && c.TargetDate < Today))
            .OrderBy(l => l.Commitment.CompletedAt is not null).ThenByDescending(l => l.Overdue).ThenBy(l => l.Commitment.TargetDate)];
        var result = await Context.EvaluateAsync(db, cancellationToken);
        Open = [.. Context.TasksOf(Context.Package.Root).Where(t => result[t].Counts && result[t].PointFait < result[t].PointPotentiel - 1e-9)];
        return null;
    }
}
