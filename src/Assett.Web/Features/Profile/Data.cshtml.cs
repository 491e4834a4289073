using System.Text.Json;
using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Audit;
using Assett.Data.Organisations;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Profile;

/// <summary>
/// The organisation's data (RGPD): its owner downloads all of it as JSON, or deletes the organisation
/// with everything it answered. People's accounts stay; they just no longer belong to it.
/// </summary>
/// <remarks>
/// Not a <see cref="JourneyPage"/>: an organisation's data stays its own to take or delete, charter
/// accepted or not, and with or without a campaign.
/// </remarks>
[Authorize(Policy = Access.OrganisationOwner)]
public sealed class DataModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Organisation Organisation { get; private set; } = null!;

    [BindProperty]
    public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var id = Organisation.Id;
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == id).ToListAsync(cancellationToken);
        var assessmentIds = assessments.Select(a => a.Id).ToList();
        var people = await AddressesOfItsPeopleAsync(cancellationToken);
        var export = new
        {
            exportedAt = clock.GetUtcNow(),
            territory = tenant.Current!.Name,
            organisation = Organisation,
            members = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == id)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, Role = m.Role.ToString(), m.CreatedAt }).ToListAsync(cancellationToken),
            invitations = await db.Invitations.AsNoTracking().Where(i => i.OrganisationId == id)
                .Select(i => new { i.Email, Role = i.Role.ToString(), i.CreatedAt, i.ExpiresAt, i.AcceptedAt }).ToListAsync(cancellationToken),
            assessments = assessments
                .Select(a => new { a.Id, a.CampaignId, State = a.State.ToString(), a.IdentityTags, a.Answers, a.CreatedAt, a.SubmittedAt }),
            answers = await db.TaskStatuses.AsNoTracking().Where(s => assessmentIds.Contains(s.AssessmentId)).ToListAsync(cancellationToken),
            history = await db.TaskStatusChanges.AsNoTracking().Where(c => assessmentIds.Contains(c.AssessmentId)).OrderBy(c => c.ChangedAt)
                .ToListAsync(cancellationToken),
            charter = await db.CharterAcceptances.AsNoTracking().Where(a => a.OrganisationId == id).OrderBy(a => a.Version)
                .Select(a => new { a.Version, a.AcceptedAt, a.AcceptedBy }).ToListAsync(cancellationToken),
            commitments = await db.Commitments.AsNoTracking().Where(c => c.OrganisationId == id).ToListAsync(cancellationToken),
            commitmentHistory = await db.CommitmentEvents.AsNoTracking().Where(e => db.Commitments.Any(c => c.Id == e.CommitmentId && c.OrganisationId == id))
                .OrderBy(e => e.At).ToListAsync(cancellationToken),
            bilans = await db.Bilans.AsNoTracking().Where(b => b.OrganisationId == id).Select(b => new { b.CampaignId, b.FrozenAt, b.Figures })
                .ToListAsync(cancellationToken),
            scores = await db.ScoreSnapshots.AsNoTracking().Where(s => assessmentIds.Contains(s.AssessmentId))
                .Select(s => new
                {
                    s.AssessmentId, Kind = s.Kind.ToString(), s.TakenAt, s.ScorePercent, s.PointFait, s.PointProgramme, s.PointPasFait, s.PointPotentiel,
                })
                .ToListAsync(cancellationToken),
            reminderOptOuts = await db.ReminderOptOuts.AsNoTracking().Where(o => o.OrganisationId == id)
                .Join(db.Campaigns, o => o.CampaignId, c => c.Id, (o, c) => new { Campaign = c.Name, o.At }).ToListAsync(cancellationToken),
            // Subject, date and recipient, never the bodies: they hold links that still work (docs/decisions.md, « Data export »).
            messages = await db.OutboxMessages.AsNoTracking().Where(m => people.Contains(m.ToAddress.ToLower())).OrderBy(m => m.CreatedAt)
                .Select(m => new { m.ToAddress, m.Subject, m.CreatedAt, m.SentAt }).ToListAsync(cancellationToken),
        };
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", $"donnees-{Organisation.Siret ?? Organisation.Rna}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        if (Confirmation?.Trim() != Organisation.Name)
        {
            ModelState.AddModelError(nameof(Confirmation), "Recopiez exactement le nom de l’organisation pour confirmer.");
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Everything of the organisation goes with it (foreign keys cascade), messages to its people too; the audit keeps no name.
        var people = await AddressesOfItsPeopleAsync(cancellationToken);
        await db.OutboxMessages.Where(m => people.Contains(m.ToAddress.ToLower())).ExecuteDeleteAsync(cancellationToken);
        await db.Organisations.Where(o => o.Id == Organisation.Id).ExecuteDeleteAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            Id = Guid.NewGuid(), At = clock.GetUtcNow(), Actor = User.Identity!.Name!, Action = "organisation.deleted", Subject = Organisation.Id.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Done"] = $"{Organisation.Name} et toutes ses données sont supprimées.";
        return Redirect("~/");
    }

    /// <summary>
    /// The addresses of the organisation's members and invited people who have nothing else in the
    /// territory: the messages sent to them are the organisation's.
    /// </summary>
    private async Task<List<string>> AddressesOfItsPeopleAsync(CancellationToken cancellationToken)
    {
        var id = Organisation.Id;
        var members = db.Memberships.Where(m => m.OrganisationId == id).Select(m => m.UserId);
        var elsewhere = db.Memberships.Where(m => m.OrganisationId != id || m.OrganisationId == null).Select(m => m.UserId);
        var memberAddresses = await db.Users.Where(u => members.Contains(u.Id) && !elsewhere.Contains(u.Id)).Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        var invited = await db.Invitations.Where(i => i.OrganisationId == id).Select(i => i.Email).ToListAsync(cancellationToken);
        return [.. memberAddresses.Concat(invited).Select(a => a.ToLowerInvariant()).Distinct()];
    }

    /// <summary>Only the owner may export or delete; other members and officers get 403, strangers to the territory 404.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        var (membership, missing) = await contexts.MembershipAsync(cancellationToken);
        if (missing == MissingContext.Stranger) return NotFound();
        if (membership?.Role != MembershipRole.OrganisationOwner) return Forbid();
        Organisation = await db.Organisations.SingleAsync(o => o.Id == membership.OrganisationId, cancellationToken);
        return null;
    }
}
