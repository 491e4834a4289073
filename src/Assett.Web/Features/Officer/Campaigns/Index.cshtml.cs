using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Campaigns;

/// <summary>
/// The territory's campaigns: an officer admin creates one on a referential version (windows never
/// overlap); it opens and closes itself on its dates (<see cref="CampaignCalendar"/>), and the officer
/// may still open or close it by hand. Readers see them. Campaigns of <c>tenant.yaml</c> show here too.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member, TimeProvider clock,
    CampaignCalendar calendar) : OfficerPage(db, tenant, packages, member, clock)
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez le nom de la campagne.")]
        [StringLength(200, ErrorMessage = "Le nom tient en 200 caractères au plus.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Indiquez la date d’ouverture.")]
        public DateOnly? OpensOn { get; set; }

        [Required(ErrorMessage = "Indiquez la date de clôture.")]
        public DateOnly? ClosesOn { get; set; }

        public Guid VersionId { get; set; }
    }

    public sealed record Version(Guid Id, string Label, DateTimeOffset PublishedAt);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Version> Versions { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> VersionLabels => Versions.ToDictionary(v => v.Id, v => v.Label);

    [TempData]
    public string? Done { get; set; }

    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var name = Input.Name.Trim();
        if (Input.OpensOn is { } opens && Input.ClosesOn is { } closes && closes < opens)
            ModelState.AddModelError("Input.ClosesOn", "La clôture ne peut pas précéder l’ouverture.");
        else if (Input.OpensOn is { } start && Input.ClosesOn is { } end
                 && Campaigns.FirstOrDefault(c => c.OpensOn <= end && start <= c.ClosesOn) is { } overlapping)
            ModelState.AddModelError("Input.OpensOn", $"Ces dates chevauchent « {overlapping.Name} » (du {Shared.French.Day(overlapping.OpensOn)} au " +
                $"{Shared.French.Day(overlapping.ClosesOn)}) : les campagnes d’un territoire se suivent sans se chevaucher.");
        if (Campaigns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError("Input.Name", $"Une campagne s’appelle déjà « {name} » : choisissez un autre nom.");
        if (Versions.All(v => v.Id != Input.VersionId))
            ModelState.AddModelError("Input.VersionId", "Choisissez une version du référentiel du territoire.");
        if (!ModelState.IsValid) return Page();
        Db.Campaigns.Add(new Campaign
        {
            Id = Guid.NewGuid(), Name = name, OpensOn = Input.OpensOn!.Value, ClosesOn = Input.ClosesOn!.Value, ReferentialVersionId = Input.VersionId,
            State = CampaignState.Planned,
        });
        await Db.SaveChangesAsync(cancellationToken);
        Done = $"La campagne « {name} » est créée : elle s’ouvrira d’elle-même le {Shared.French.Day(Input.OpensOn!.Value)}, " +
            "ou plus tôt si vous l’ouvrez.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Answer(await calendar.OpenAsync(Territory, id, cancellationToken),
            name => $"« {name} » est ouverte : les organisations peuvent répondre et transmettre leur autoévaluation ; chacune en reçoit l’annonce.");

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Answer(await calendar.CloseAsync(Territory, id, cancellationToken),
            name => $"« {name} » est close : les autoévaluations ne peuvent plus changer, et chaque organisation reçoit son bilan dans l’heure.");

    private IActionResult Answer(CampaignChange change, Func<string, string> done)
    {
        if (change.Campaign is null) return NotFound();
        if (change.Refused is { } refused)
        {
            Refused = refused;
            return Page();
        }
        Done = done(change.Campaign.Name);
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        Versions = await Db.ReferentialVersions.AsNoTracking().OrderByDescending(v => v.PublishedAt)
            .Select(v => new Version(v.Id, v.Label, v.PublishedAt)).ToListAsync(cancellationToken);
        if (Input.VersionId == Guid.Empty && Versions.Count > 0) Input.VersionId = Versions[0].Id;
        return null;
    }

}
