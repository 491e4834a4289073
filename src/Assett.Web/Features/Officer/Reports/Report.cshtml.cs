using Assett.Data;
using Assett.Data.Reports;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Reports;

/// <summary>One cohort report, printable, and the same figures as XLSX (one sheet per table).</summary>
public sealed class ReportModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock) : OfficerPage(db, tenant, packages, member, clock)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public CohortReport Report { get; private set; } = null!;
    public ReportFigures Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal) return refusal;
        var funnel = Figures.Funnel;
        var sheets = new Dictionary<string, object>
        {
            ["Parcours"] = new[]
                {
                    ("Invitées", funnel.Invited), ("Inscrites", funnel.Registered), ("Commencées", funnel.Started), ("Transmises", funnel.Submitted),
                }
                .Select(x => new Dictionary<string, object?> { ["Étape"] = x.Item1, ["Organisations"] = x.Item2 }).ToList(),
            ["Maturité"] = Sheet(Figures.Themes),
            ["Par effectif"] = Sheet(Figures.BySize),
            ["Par secteur"] = Sheet(Figures.BySector),
            ["Progression"] = Figures.Progress.Select(p => new Dictionary<string, object?>
            {
                ["Thème"] = p.Theme, ["Organisations"] = p.Organisations, [$"Médiane {Figures.PreviousCampaign} (%)"] = Math.Round(p.Before, 1),
                [$"Médiane {Figures.Campaign} (%)"] = Math.Round(p.After, 1),
            }).ToList(),
            ["Rencontres"] = Figures.Meetings is not { } meetings ? new List<Dictionary<string, object?>>()
                : new[] { ("Rencontres tenues", (object?)meetings.Held), ("Inscriptions", meetings.Registrations),
                    ("Taux de présence (%)", meetings.AttendanceRate is { } rate ? Math.Round(rate * 100, 1) : null), ("Organisations venues", meetings.Met),
                    ("Organisations membres", meetings.Members), ("Jamais venues", meetings.NeverMet) }
                    .Select(x => new Dictionary<string, object?> { ["Indicateur"] = x.Item1, ["Valeur"] = x.Item2 })
                    .Concat(meetings.ByTheme.Select(t =>
                        new Dictionary<string, object?> { ["Indicateur"] = $"Rencontres sur {t.Label}", ["Valeur"] = t.Count }))
                    .ToList(),
            ["Thèmes à travailler"] = Figures.Weakest()
                .Select(t => new Dictionary<string, object?> { ["Thème"] = t.Theme, ["Médiane (%)"] = Math.Round(t.Median, 1) }).ToList(),
        };
        return await XlsxFile.CreateAsync(sheets, $"rapport-cohorte-{Territory.Identifier}-{Territory.DateAt(Report.CreatedAt):yyyy-MM-dd}.xlsx",
            cancellationToken);
    }

    private static List<Dictionary<string, object?>> Sheet(IEnumerable<ReportQuartiles> lines) =>
        [.. lines.Select(q => new Dictionary<string, object?>
        {
            ["Thème"] = q.Theme, ["Groupe"] = q.Group, ["Organisations"] = q.Organisations,
            ["1er quartile (%)"] = Math.Round(q.Q1, 1), ["Médiane (%)"] = Math.Round(q.Median, 1), ["3e quartile (%)"] = Math.Round(q.Q3, 1),
        })];

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (await Db.CohortReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, cancellationToken) is not { } report) return NotFound();
        (Report, Figures) = (report, CohortReports.Read(report));
        return null;
    }
}
