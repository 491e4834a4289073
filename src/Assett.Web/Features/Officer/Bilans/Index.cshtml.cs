using System.IO.Compression;
using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Bilans;
using Assett.Web.Features.Shared.Printing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Assett.Web.Features.Shared.Access;

namespace Assett.Web.Features.Officer.Bilans;

/// <summary>
/// The cohort's bilans of a campaign, downloaded at once: one ZIP holding a table of every
/// organisation's figures (XLSX) and each organisation's printable page (docs/decisions.md). Built on
/// demand, never stored: named lists are not kept.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, PrintablePages printable) : OfficerPage(db, tenant, packages, member, clock)
{
    public int Frozen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Campaign is not null) Frozen = await Db.Bilans.CountAsync(b => b.CampaignId == Campaign.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        if (Campaign is null) return NotFound();
        var rows = await Db.Bilans.AsNoTracking().Where(b => b.CampaignId == Campaign.Id)
            .Join(Db.Organisations, b => b.OrganisationId, o => o.Id, (b, o) => new { Bilan = b, o.Name, Identifier = o.Siret ?? o.Rna })
            .ToListAsync(cancellationToken);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var table = new List<Dictionary<string, object?>>();
            foreach (var row in rows.OrderBy(r => r.Name, French.Names))
            {
                var figures = Shared.Bilans.Bilans.Read(row.Bilan);
                table.Add(Line(row.Name, row.Identifier, figures));
                var page = archive.CreateEntry($"bilans/{PrintablePages.Slug(row.Name)}-{row.Identifier}.html");
                await using var writer = new StreamWriter(await page.OpenAsync(cancellationToken));
                await writer.WriteAsync(await printable.RenderAsync(HttpContext, Shared.Bilans.Bilans.PartialView, figures,
                    $"Bilan {figures.Campaign} – {figures.Organisation}"));
            }
            var sheet = archive.CreateEntry("bilans.xlsx");
            await using var xlsx = await sheet.OpenAsync(cancellationToken);
            using var buffer = new MemoryStream();
            await buffer.SaveAsAsync(table, sheetName: "Bilans", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            buffer.Position = 0;
            await buffer.CopyToAsync(xlsx, cancellationToken);
        }
        return File(zip.ToArray(), "application/zip", $"bilans-{Territory.Identifier}-{PrintablePages.Slug(Campaign.Name)}.zip");
    }

    /// <summary>One organisation's figures as a row: numbers stay numbers.</summary>
    private static Dictionary<string, object?> Line(string name, string? identifier, BilanFigures figures)
    {
        var line = new Dictionary<string, object?>
        {
            ["Organisation"] = name, ["SIRET ou RNA"] = identifier, ["Transmise"] = figures.Submitted ? "oui" : "non",
            ["Score global (%)"] = Round(figures.Overall.Percent), ["Niveau"] = figures.Overall.Level,
            [$"Score {figures.PreviousCampaign ?? "précédent"} (%)"] = Round(figures.Overall.PreviousPercent),
        };
        foreach (var theme in figures.Themes) line[$"{theme.Title} (%)"] = Round(theme.Score.Percent);
        line["Engagements réalisés"] = figures.Done.Count;
        line["Engagements en retard"] = figures.Overdue.Count;
        line["Engagements reportés"] = figures.Overdue.Count + figures.CarriedOver.Count;
        return line;
    }

    private static double? Round(double? value) => value is { } known ? Math.Round(known, 1) : null;
}
