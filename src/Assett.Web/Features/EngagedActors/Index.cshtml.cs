using Assett.Data;
using Assett.Data.Assessments;
using Assett.Data.Organisations;
using Assett.Data.ReferenceData;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Territories;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.EngagedActors;

/// <summary>
/// « Les acteurs engagés », public: the organisations of the territory that chose to appear, with what
/// they chose to show and nothing else (docs/decisions.md, « Public means opted in »): name, kind,
/// commune, sector, date of joining, and their last submitted maturity level if they chose so.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages) : PageModel
{
    public sealed record Actor(string Name, OrganisationKind Kind, string? Commune, string? Sector, DateOnly Joined, string? Level);

    [BindProperty(SupportsGet = true, Name = "commune")] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true, Name = "secteur")] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public OrganisationKind? Kind { get; set; }

    public TenantInfo Territory => tenant.Current!;

    /// <summary>Every listed organisation; <see cref="Shown"/> is what the filters keep.</summary>
    public IReadOnlyList<Actor> Actors { get; private set; } = [];
    public IReadOnlyList<Actor> Shown { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Current is null) return NotFound();
        var listed = await db.Organisations.AsNoTracking().Where(o => o.ListedPublicly && !o.AwaitingApproval)
            .Select(o => new
            {
                o.Name, o.Kind, o.CommuneInsee, o.NafSection, o.CreatedAt, o.ShowsLevelPublicly,
                Joined = db.CharterAcceptances.Where(a => a.OrganisationId == o.Id).Min(a => (DateTimeOffset?)a.AcceptedAt),
                Submitted = db.ScoreSnapshots
                    .Where(s => s.Kind == SnapshotKind.Submitted && db.Assessments.Any(a => a.Id == s.AssessmentId && a.OrganisationId == o.Id))
                    .OrderByDescending(s => s.TakenAt).Select(s => new { s.ScorePercent, s.ReferentialVersionId }).FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        var communes = (await TerritoryCommunes.OfAsync(db, Territory.Id, cancellationToken)).ToDictionary(c => c.Code, c => c.Name);
        var actors = new List<Actor>();
        foreach (var o in listed)
        {
            var level = o is { ShowsLevelPublicly: true, Submitted: { } submitted }
                ? (await packages.GetAsync(db, submitted.ReferentialVersionId, cancellationToken)).Package.LevelFor(submitted.ScorePercent)?.Name
                : null;
            actors.Add(new Actor(o.Name, o.Kind, o.CommuneInsee is { } code ? communes.GetValueOrDefault(code) ?? code : null,
                o.NafSection is { } section ? NafCodes.SectionName(section) : null, Territory.DateAt(o.Joined ?? o.CreatedAt), level));
        }
        Actors = [.. actors.OrderBy(a => a.Name, French.Names)];
        Shown = [.. Actors.Where(a => (string.IsNullOrEmpty(Commune) || a.Commune == Commune) && (string.IsNullOrEmpty(Sector) || a.Sector == Sector)
            && (Kind is null || a.Kind == Kind))];
        return Page();
    }
}
