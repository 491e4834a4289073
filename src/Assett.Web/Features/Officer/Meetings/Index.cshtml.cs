using Assett.Data;
using Assett.Data.Meetings;
using Assett.Referentials.Packages;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Meetings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Meetings;

/// <summary>
/// The territory's meetings over a campaign's window (its first to its last day; the coming year without
/// a campaign): upcoming and past, drafts, and the figures (held, registrations, attendance rate, by
/// theme and segment, organisations never met), all in one XLSX.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock) : OfficerPage(db, tenant, packages, member, clock)
{
    public MeetingFigures Figures { get; private set; } = null!;
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateTimeOffset Now { get; private set; }
    private ReferentialPackage? Package { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var zone = Territory.Zone;
        var ids = Figures.Meetings.Select(m => m.Meeting.Id).ToList();
        var people = await Db.MeetingRegistrations.AsNoTracking().Where(r => ids.Contains(r.MeetingId))
            .Join(Db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { Registration = r, Organisation = o.Name })
            .ToListAsync(cancellationToken);
        var titles = Figures.Meetings.ToDictionary(m => m.Meeting.Id, m => m.Meeting);
        static Dictionary<string, object?> Tally(MeetingTally t, string label, string count, string of) =>
            new() { [label] = t.Label, [count] = t.Count, [of] = t.Of };
        var sheets = new Dictionary<string, object>
        {
            ["Rencontres"] = Figures.Meetings.Select(m => new Dictionary<string, object?>
            {
                ["Date"] = French.At(m.Meeting.StartsAt, zone), ["Titre"] = m.Meeting.Title, ["Type"] = MeetingWords.Kind(m.Meeting.Kind),
                ["État"] = MeetingWords.State(m.Meeting.State), ["Lieu"] = MeetingWords.Where(m.Meeting), ["Thèmes"] = ThemesOf(m.Meeting),
                ["Places"] = m.Meeting.Capacity, ["Inscrits"] = m.Registered, ["En attente"] = m.Waiting,
                ["Présents"] = m.Recorded ? m.Attended : null,
            }).ToList(),
            ["Participants"] = people.OrderBy(p => titles[p.Registration.MeetingId].StartsAt).ThenBy(p => p.Organisation)
                .Select(p => new Dictionary<string, object?>
                {
                    ["Rencontre"] = titles[p.Registration.MeetingId].Title, ["Date"] = French.Day(titles[p.Registration.MeetingId].StartsAt, zone),
                    ["Organisation"] = p.Organisation, ["Personne"] = p.Registration.Name, ["Adresse"] = p.Registration.Email,
                    ["Inscription"] = MeetingWords.Registration(p.Registration.State),
                    ["Présence"] = p.Registration.Attended switch { true => "Présent(e)", false => "Absent(e)", _ => "" },
                }).ToList(),
            ["Par thème"] = Figures.ByTheme.Select(t => Tally(t, "Thème", "Rencontres tenues", "Participants")).ToList(),
            ["Par secteur"] = Figures.BySector.Select(t => Tally(t, "Secteur", "Organisations membres", "Venues à une rencontre")).ToList(),
            ["Par effectif"] = Figures.ByHeadcount.Select(t => Tally(t, "Effectif", "Organisations membres", "Venues à une rencontre")).ToList(),
            ["Jamais rencontrées"] = Figures.NeverMet.Select(n => new Dictionary<string, object?> { ["Organisation"] = n }).ToList(),
        };
        return await XlsxFile.CreateAsync(sheets, $"rencontres-{Territory.Identifier}-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.xlsx", cancellationToken);
    }

    public string ThemesOf(Meeting meeting) =>
        string.Join(" ; ", meeting.Themes.Select(t => Package?.NodesById.GetValueOrDefault(t) is { } node ? $"{node.Identifiant} {node.Title}" : t));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        Now = Clock.GetUtcNow();
        (From, To) = Campaign is { } campaign ? (campaign.OpensOn, campaign.ClosesOn) : (Today.AddMonths(-6), Today.AddMonths(12));
        if (Campaign is not null) Package = (await Packages.GetAsync(Db, Campaign.ReferentialVersionId, cancellationToken)).Package;
        Figures = await MeetingFigures.OfAsync(Db, Territory, Package, From, To, cancellationToken);
    }
}
