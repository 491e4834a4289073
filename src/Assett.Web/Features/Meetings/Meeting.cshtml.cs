using Assett.Data;
using Assett.Data.Accounts;
using Assett.Data.Meetings;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Meetings;

/// <summary>
/// A meeting that invites the person's organisation: registering one or more people by name and
/// address, cancelling; afterwards, the follow-up, the materials, and a commitment to take on one of the
/// meeting's themes. Owners and editors register; a meeting that does not invite the organisation is 404.
/// </summary>
[Authorize(Policy = Access.OrganisationMember)]
public sealed class MeetingModel(AssessmentContexts contexts, AssettDbContext db, IMultiTenantContextAccessor tenant, TimeProvider clock,
    MeetingRegistrations registrations) : PageModel
{
    public sealed record Material(Guid Id, string FileName, int Size);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public TenantInfo Territory => tenant.Current!;
    public OrganisationMeeting Item { get; private set; } = null!;
    public Meeting Meeting => Item.Meeting;
    public IReadOnlyList<Material> Files { get; private set; } = [];
    public IReadOnlyList<ReferentialNode> Themes { get; private set; } = [];

    /// <summary>The tasks of the meeting's themes not yet done by the organisation: where a commitment can follow the meeting.</summary>
    public IReadOnlyList<ReferentialNode> ToCommit { get; private set; } = [];

    /// <summary>Owners and editors register people; readers only read.</summary>
    public bool CanRegister { get; private set; }

    public bool Open => Meeting.State == MeetingState.Published && Meeting.StartsAt > clock.GetUtcNow();
    public bool Past => Meeting.State == MeetingState.Published && Meeting.StartsAt <= clock.GetUtcNow();

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (Item.Ours.Count == 0) Email = User.Identity!.Name;
        return Page();
    }

    /// <summary>A file of the materials, for the organisations the meeting invited.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        var found = await db.MeetingMaterials.AsNoTracking().SingleOrDefaultAsync(m => m.Id == file && m.MeetingId == Id, cancellationToken);
        return found is null ? NotFound() : File(found.Content, found.ContentType, found.FileName);
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (!Open) ModelState.AddModelError("", "Les inscriptions à cette rencontre sont closes.");
        var name = Name?.Trim() ?? "";
        var email = Email?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0) ModelState.AddModelError(nameof(Name), "Indiquez le nom de la personne qui viendra.");
        else if (name.Length > 200) ModelState.AddModelError(nameof(Name), "Un nom tient en 200 caractères au plus.");
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email || email.Length > 320)
            ModelState.AddModelError(nameof(Email),
                "Indiquez son adresse électronique, par exemple nom@exemple.fr : elle y recevra l’invitation pour son agenda.");
        else if (Item.Ours.Any(r => r.Email == email))
            ModelState.AddModelError(nameof(Email), $"{email} est déjà inscrite à cette rencontre.");
        if (!ModelState.IsValid) return Page();

        var organisation = (await contexts.MembershipAsync(cancellationToken)).Membership!.OrganisationId!.Value;
        var registration = await registrations.RegisterAsync(Territory, Id, organisation, name, email, User.Identity!.Name!, cancellationToken);
        Done = registration.State == RegistrationState.Waiting
            ? $"La rencontre est complète : {name} est sur la liste d’attente et sera prévenue si une place se libère."
            : $"{name} est inscrite : l’invitation pour son agenda part à {email}.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OrganisationEditor)]
    public async Task<IActionResult> OnPostCancelAsync(Guid registration, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (Item.Ours.FirstOrDefault(r => r.Id == registration) is not { } ours) return NotFound();
        if (!Open) return RedirectToPage();
        await registrations.CancelAsync(Territory, ours.Id, cancellationToken);
        Done = $"L’inscription de {ours.Name} est annulée.";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if ((await contexts.MembershipAsync(cancellationToken)).Membership is not { OrganisationId: { } organisation } membership) return NotFound();
        CanRegister = membership.Role is MembershipRole.OrganisationOwner or MembershipRole.OrganisationEditor;
        var meeting = await MeetingAudiences.Inviting(db, organisation).SingleOrDefaultAsync(m => m.Id == Id, cancellationToken);
        if (meeting is null) return NotFound();
        Item = (await OrganisationMeetings.WithRegistrationsAsync(db, organisation, [meeting], cancellationToken))[0];
        Files = await db.MeetingMaterials.AsNoTracking().Where(m => m.MeetingId == Id).OrderBy(m => m.AddedAt)
            .Select(m => new Material(m.Id, m.FileName, m.Size)).ToListAsync(cancellationToken);
        var (context, _) = await contexts.LoadAsync(cancellationToken);
        if (context is null) return null;
        Themes = [.. meeting.Themes.Select(context.Package.NodesById.GetValueOrDefault).OfType<ReferentialNode>()];
        if (Past && Themes.Count > 0)
        {
            var result = await context.EvaluateAsync(db, cancellationToken);
            ToCommit = [.. Themes.SelectMany(context.TasksOf).Distinct()
                .Where(t => t.MeetingsAttended is null && result[t].Counts && result[t].PointFait < result[t].PointPotentiel - 1e-9).Take(12)];
        }
        return null;
    }
}
