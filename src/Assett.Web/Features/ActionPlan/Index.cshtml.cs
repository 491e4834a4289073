using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Assessments;
using Assett.Data.Commitments;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Commitments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.ActionPlan;

/// <summary>
/// The action plan: the organisation's commitments, each on a task, with a measurable target or a
/// deliverable, a due date and who carries it; edited, done or abandoned, with their history. They
/// belong to the organisation: the plan works after the submission, and open commitments follow it
/// from one campaign to the next. While the assessment is open, committing makes the task « programmé »
/// and marking done makes it « fait » (docs/decisions.md), and the message says so.
/// </summary>
public sealed class IndexModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TaskAnswers answers,
    CommitmentBook book, TimeProvider clock) : JourneyPage(contexts, tenant)
{
    public sealed record Line(Commitment Commitment, ReferentialNode? Task, IReadOnlyList<CommitmentEvent> History)
    {
        public bool Open => Commitment.State == CommitmentState.Open;
    }

    [BindProperty(SupportsGet = true, Name = "tache")]
    public string? TaskId { get; set; }

    /// <summary>The commitment whose terms are being changed (<c>?modifier=</c>), or none: the form adds one.</summary>
    [BindProperty(SupportsGet = true, Name = "modifier")]
    public Guid? Editing { get; set; }

    [BindProperty]
    public CommitmentForm Form { get; set; } = new();

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<ReferentialNode> Open { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>Commitments are the organisation's: its owners and editors keep them, submitted or not.</summary>
    public bool CanCommit => Context.Membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor;

    public Line? Edited => Lines.FirstOrDefault(l => l.Commitment.Id == Editing && l.Open);

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Edited is { } line) Form = CommitmentForm.Of(line.Commitment);
        return Page();
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanCommit) return Forbid();
        var task = Open.FirstOrDefault(t => t.Id == TaskId);
        if (task is null) ModelState.AddModelError(nameof(TaskId), "Choisissez une action qui n’est pas encore faite.");
        else if (Lines.Any(l => l.Commitment.NodeId == task.Id && l.Open))
            ModelState.AddModelError(nameof(TaskId), "Cette action a déjà un engagement en cours : modifiez-le plutôt.");
        if (Form.Validate(ModelState, Today) is not { } terms || task is null) return Page();

        var commitment = book.Add(Context.Organisation.Id, Context.Campaign.Id, terms with { NodeId = task.Id }, User.Identity!.Name!);
        await db.SaveChangesAsync(cancellationToken);
        Done = $"Engagement ajouté : « {task.Title} », pour le {Shared.French.Day(commitment.DueDate)}."
            + await SetStatusAsync(task, StatusKinds.Programme, cancellationToken);
        return RedirectToPage(new { tache = (string?)null });
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanCommit) return Forbid();
        if (await TrackedAsync(Editing, cancellationToken) is not { State: CommitmentState.Open } commitment) return NotFound();
        if (Form.Validate(ModelState, Today, commitment.DueDate) is not { } terms) return Page();
        var changed = book.Edit(commitment, terms, User.Identity!.Name!);
        await db.SaveChangesAsync(cancellationToken);
        Done = changed ? $"Engagement modifié : « {Title(commitment)} »." : "Rien n’a changé dans cet engagement.";
        return RedirectToPage(new { modifier = (Guid?)null });
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostCompleteAsync(Guid id, string? reached, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanCommit) return Forbid();
        if (await TrackedAsync(id, cancellationToken) is not { } commitment) return NotFound();
        if (commitment.State != CommitmentState.Open) return RedirectToPage();
        decimal? value = null;
        if (commitment.IsTarget && !string.IsNullOrWhiteSpace(reached) && (value = CommitmentForm.Parse(reached)) is null)
        {
            ModelState.AddModelError($"reached-{id}", "Indiquez la valeur atteinte en chiffres (par exemple 12,5), ou laissez vide.");
            return Page();
        }
        book.MarkDone(commitment, value, User.Identity!.Name!);
        await db.SaveChangesAsync(cancellationToken);
        var task = Context.Package.NodesById.GetValueOrDefault(commitment.NodeId);
        Done = "Bravo : l’engagement est réalisé." + (task is null ? "" : await SetStatusAsync(task, StatusKinds.Fait, cancellationToken));
        return RedirectToPage();
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostAbandonAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (!CanCommit) return Forbid();
        if (await TrackedAsync(id, cancellationToken) is not { } commitment) return NotFound();
        if (commitment.State != CommitmentState.Open) return RedirectToPage();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > CommitmentForm.ReasonMaxLength)
        {
            ModelState.AddModelError($"reason-{id}",
                $"Dites en quelques mots pourquoi l’engagement est abandonné ({CommitmentForm.ReasonMaxLength} caractères au plus).");
            return Page();
        }
        book.Abandon(commitment, reason.Trim(), User.Identity!.Name!);
        await db.SaveChangesAsync(cancellationToken);
        Done = $"L’engagement « {Title(commitment)} » est abandonné ; il reste dans l’historique du plan.";
        return RedirectToPage();
    }

    public string Title(Commitment commitment) => Context.Package.NodesById.GetValueOrDefault(commitment.NodeId)?.Title ?? commitment.NodeId;

    private Task<Commitment?> TrackedAsync(Guid? id, CancellationToken cancellationToken) =>
        db.Commitments.SingleOrDefaultAsync(c => c.Id == id && c.OrganisationId == Context.Organisation.Id, cancellationToken);

    /// <summary>
    /// Changes the task's answer from its current version, while the assessment is open: the person acts
    /// on what the plan shows now. Committing changes only a task « pas fait » or unanswered. Returns
    /// what to add to the message: what changed, or why it could not.
    /// </summary>
    private async Task<string> SetStatusAsync(ReferentialNode task, string kind, CancellationToken cancellationToken)
    {
        if (!Context.CanEdit) return "";
        var current = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == Context.Assessment.Id && s.NodeId == task.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (current?.Status.Kind == kind) return "";
        if (kind == StatusKinds.Programme && current?.Status.Kind is not (null or StatusKinds.NonRenseigne or StatusKinds.PasFait)) return "";
        var result = await answers.SaveAsync(Context, new TaskAnswer(task.Id, kind, null, null, current?.Comment, current?.Version ?? 0),
            User.Identity!.Name!, cancellationToken);
        var word = kind == StatusKinds.Fait ? "« fait »" : "« programmé »";
        return result.Outcome switch
        {
            SaveOutcome.Saved => $" Dans votre autoévaluation, « {task.Title} » est maintenant {word}.",
            SaveOutcome.Unchanged => "",
            _ => $" La réponse de l’autoévaluation n’a pas été mise à jour : {result.Error ?? "modifiée entre-temps par un collègue"}.",
        };
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        Today = Territory.DateAt(clock.GetUtcNow());
        var (organisation, campaign) = (Context.Organisation.Id, Context.Campaign.Id);
        var commitments = await db.Commitments.AsNoTracking()
            .Where(c => c.OrganisationId == organisation && (c.State == CommitmentState.Open || c.CampaignId == campaign)).ToListAsync(cancellationToken);
        var ids = commitments.Select(c => c.Id).ToList();
        var history = (await db.CommitmentEvents.AsNoTracking().Where(e => ids.Contains(e.CommitmentId)).OrderBy(e => e.At).ToListAsync(cancellationToken))
            .ToLookup(e => e.CommitmentId);
        Lines = [.. commitments
            .Select(c => new Line(c, Context.Package.NodesById.GetValueOrDefault(c.NodeId), [.. history[c.Id]]))
            .OrderBy(l => !l.Open).ThenByDescending(l => l.Commitment.IsOverdue(Today)).ThenBy(l => l.Commitment.DueDate)];
        var result = await Context.EvaluateAsync(db, cancellationToken);
        Open = [.. Context.TasksOf(Context.Package.Root).Where(t => result[t].Counts && result[t].PointFait < result[t].PointPotentiel - 1e-9)];
        return null;
    }
}
