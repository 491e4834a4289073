using System.ComponentModel.DataAnnotations;
using Assett.Data;
using Assett.Data.Campaigns;
using Assett.Tenancy;
using Assett.Web.Features.Officer.Dashboard;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Campaigns;

/// <summary>
/// The territory's campaigns: an officer admin creates one on a referential version, opens it (one
/// campaign open at a time) and closes it; readers see them. Campaigns of <c>tenant.yaml</c> show here too.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member, TimeProvider clock)
    : OfficerPage(db, tenant, packages, member, clock)
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
        Done = $"La campagne « {name} » est créée. Ouvrez-la quand les organisations peuvent répondre.";
        return RedirectToPage();
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, CampaignState.Open, cancellationToken);

    [HandlerAccess(Access.OfficerAdmin)]
    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id, CampaignState.Closed, cancellationToken);

    /// <summary>Planned → open → closed, one campaign open at a time; the row lock makes two officers' clicks meet.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, CampaignState state, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var campaign = await Db.Campaigns.FromSqlRaw(LockCampaignSql, new Npgsql.NpgsqlParameter("id", id)).SingleOrDefaultAsync(cancellationToken);
        if (campaign is null) return NotFound();
        var open = await Db.Campaigns.AsNoTracking()
            .Where(c => c.State == CampaignState.Open && c.Id != id)
            .Select(c => c.Name)
            .FirstOrDefaultAsync(cancellationToken);
        Refused = (campaign.State, state) switch
        {
            (CampaignState.Planned, CampaignState.Open) when open is not null
                => $"« {open} » est encore ouverte : fermez-la avant d’ouvrir « {campaign.Name} ».",
            (CampaignState.Planned, CampaignState.Open) or (CampaignState.Open, CampaignState.Closed) => null,
            _ => $"« {campaign.Name} » est {Words.State(campaign.State)} : elle ne peut pas devenir {Words.State(state)}.",
        };
        if (Refused is not null) return Page();
        campaign.State = state;
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Done = state == CampaignState.Open
            ? $"« {campaign.Name} » est ouverte : les organisations peuvent répondre et transmettre leur autoévaluation."
            : $"« {campaign.Name} » est close : les autoévaluations ne peuvent plus changer.";
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

    private const string LockCampaignSql = "SELECT * FROM campaigns WHERE id = @id FOR UPDATE";
}
