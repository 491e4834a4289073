using Assett.Data;
using Assett.Data.Meetings;
using Assett.Data.ReferenceData;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Assett.Web.Features.Shared.Territories;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Meetings;

/// <summary>
/// Planning a meeting, or changing one (officer admins). A published meeting whose date or place
/// changes gets a new sequence, and everyone registered or waiting is told with the updated calendar file.
/// </summary>
[Authorize(Policy = Access.OfficerAdmin)]
public sealed class EditModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, MeetingMails mails) : OfficerPage(db, tenant, packages, member, clock)
{
    /// <summary>The theme a meeting may work on: an axis, and its measures.</summary>
    public sealed record ThemeChoice(ReferentialNode Axis, IReadOnlyList<ReferentialNode> Measures);

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public MeetingForm Form { get; set; } = new();

    public Meeting? Meeting { get; private set; }
    public IReadOnlyList<ThemeChoice> ThemeChoices { get; private set; } = [];
    public IReadOnlyList<string> PartnerNames { get; private set; } = [];
    public IReadOnlyList<Commune> Communes { get; private set; } = [];

    /// <summary>The NAF sections of the territory's organisations.</summary>
    public IReadOnlyList<string> Sectors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        if (Meeting is not null) Form = MeetingForm.Of(Meeting, Territory.Zone, [.. PartnerNames]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing) return missing;
        var meeting = Meeting ?? new Meeting
        {
            Id = Guid.NewGuid(), Title = "", CreatedBy = User.Identity!.Name!, CreatedAt = Clock.GetUtcNow(), State = MeetingState.Draft,
            StartsAt = DateTimeOffset.MinValue,
        };
        var before = (meeting.StartsAt, meeting.DurationMinutes, meeting.Place, meeting.OnlineUrl);
        var themes = ThemeChoices.SelectMany(t => t.Measures.Prepend(t.Axis)).Select(n => n.Id).ToHashSet();
        if (!Form.Apply(ModelState, meeting, Territory.Zone, Clock.GetUtcNow(), themes, Communes.Select(c => c.Code).ToHashSet())) return Page();

        var moved = Meeting is not null && meeting.State == MeetingState.Published
            && before != (meeting.StartsAt, meeting.DurationMinutes, meeting.Place, meeting.OnlineUrl);
        if (moved) meeting.Sequence++;
        if (Meeting is null) Db.Meetings.Add(meeting);
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        var told = moved ? await mails.ChangedAsync(Territory, meeting, cancellationToken) : 0;
        await transaction.CommitAsync(cancellationToken);
        TempData["Done"] = Meeting is null ? "La rencontre est enregistrée en brouillon : publiez-la pour inviter son public."
            : moved ? $"Modifications enregistrées : {told} personne(s) inscrite(s) ou en attente prévenue(s), avec l’invitation mise à jour."
            : "Modifications enregistrées.";
        return RedirectToPage("Meeting", new { id = meeting.Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Id is { } id)
        {
            Meeting = await Db.Meetings.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (Meeting is null) return NotFound();
            if (Meeting.State == MeetingState.Cancelled) return RedirectToPage("Meeting", new { id });
        }
        if (Campaign is not null)
        {
            var (version, package) = await Packages.GetAsync(Db, Campaign.ReferentialVersionId, cancellationToken);
            var measures = package.Nodes.Where(n => n.Depth == package.ActionDepth).ToLookup(n => AxisOf(n));
            ThemeChoices = [.. package.Root.Children.Select(axis => new ThemeChoice(axis, [.. measures[axis]]))];
            PartnerNames = [.. version.Package.Partners.Values.SelectMany(p => p).Select(p => p.Name).Distinct().Order(Shared.French.Names)];
        }
        Communes = await TerritoryCommunes.OfAsync(Db, Territory.Id, cancellationToken);
        Sectors = await Db.Organisations.Where(o => o.NafSection != null).Select(o => o.NafSection!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        return null;
    }

    private static ReferentialNode AxisOf(ReferentialNode node)
    {
        while (node.Depth > 1) node = node.Parent!;
        return node;
    }
}
