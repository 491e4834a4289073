using Assett.Data;
using Assett.Data.Labelling;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Assessments;
using Assett.Web.Features.Shared.Printing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Labelling;

/// <summary>
/// « Preuves Territoire engagé » (docs/labelling.md): for each task of the CAE referential that the cohort's
/// data document, the figures over a period, the status they propose and the one the officer confirmed, with
/// one printable page and one XLSX per task; with the CAE package configured, the official titles and the
/// measures' scores from the confirmed statuses. Admins confirm; readers read.
/// </summary>
public sealed class IndexModel(AssettDbContext db, IMultiTenantContextAccessor tenant, ReferentialPackages packages, TerritoryMember member,
    TimeProvider clock, CaeReferential cae, PrintablePages printable, PdfPrinter printer) : OfficerPage(db, tenant, packages, member, clock)
{
    public const string PrintPartial = "/Features/Officer/Labelling/_TaskEvidencePrint.cshtml";

    [BindProperty(SupportsGet = true, Name = "du")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "au")]
    public string? ToText { get; set; }

    public CohortEvidence Cohort { get; private set; } = null!;
    public IReadOnlyList<TaskEvidence> Tasks { get; private set; } = [];
    public IReadOnlyList<MeasureScore> Measures { get; private set; } = [];
    public CaeReferential Cae => cae;
    public bool CanPrintPdf => printer.Available;

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetPrintAsync(string? tache, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Tasks.FirstOrDefault(t => t.Task.CaeId == tache) is not { } task) return NotFound();
        return Content(await printable.RenderAsync(HttpContext, PrintPartial, task, Title(task)), "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnGetPdfAsync(string? tache, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Tasks.FirstOrDefault(t => t.Task.CaeId == tache) is not { } task) return NotFound();
        if (!printer.Available) return RedirectToPage(new { handler = "Print", tache, du = Cohort.Period.From, au = Cohort.Period.To });
        var html = await printable.RenderAsync(HttpContext, PrintPartial, task, Title(task));
        return File(await printer.PrintAsync(html, cancellationToken), "application/pdf", $"{FileName(task)}.pdf");
    }

    public async Task<IActionResult> OnGetExportAsync(string? tache, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Tasks.FirstOrDefault(t => t.Task.CaeId == tache) is not { } task) return NotFound();
        return await XlsxFile.CreateAsync(EvidenceSheets.Of(task), $"{FileName(task)}.xlsx", cancellationToken);
    }

    [HandlerAccess(Access.OfficerAdmin)]
    public async Task<IActionResult> OnPostConfirmAsync(string? tache, string? statut, CancellationToken cancellationToken)
    {
        var mapped = await MappingAsync(cancellationToken);
        if (mapped.All(t => t.CaeId != tache) || !Enum.TryParse<EvidenceStatus>(statut, out var status) || !Enum.IsDefined(status))
            return BadRequest();
        var confirmation = await Db.EvidenceConfirmations.SingleOrDefaultAsync(c => c.CaeId == tache, cancellationToken);
        if (confirmation is null)
            Db.EvidenceConfirmations.Add(confirmation = new EvidenceConfirmation { Id = Guid.NewGuid(), CaeId = tache!, ConfirmedBy = "" });
        confirmation.Status = status;
        confirmation.ConfirmedBy = User.Identity!.Name!;
        confirmation.ConfirmedAt = Clock.GetUtcNow();
        await Db.SaveChangesAsync(cancellationToken);
        Done = $"Statut de la tâche {tache![4..]} confirmé : {EvidenceWords.Status(status).ToLowerInvariant()}.";
        return RedirectToPage(pageName: null, pageHandler: null, routeValues: new { du = FromText, au = ToText }, fragment: tache);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadOfficerAsync(cancellationToken);
        var settings = await Db.Tenants.AsNoTracking().Where(t => t.Id == Territory.Id).Select(t => new { t.Siren, t.Settings })
            .SingleAsync(cancellationToken);
        var mapped = settings.Settings.Evidence;
        var period = ReportingPeriod.Parse(FromText, ToText, Today);
        Cohort = await CohortEvidence.OfAsync(Db, Territory, settings.Siren, settings.Settings.CharterInForce, period, Clock.GetUtcNow(),
            cancellationToken);
        var confirmed = await Db.EvidenceConfirmations.AsNoTracking().ToDictionaryAsync(c => c.CaeId, cancellationToken);
        Tasks = [.. mapped.Select(t => new TaskEvidence(t, cae.TitleOf(t.CaeId), Cohort, t.Propose(Cohort.Counts), confirmed.GetValueOrDefault(t.CaeId),
            Territory.Name, Territory.Zone))];
        if (cae.Configured)
        {
            var population = settings.Siren is null ? 0 : Data.ReferenceData.Territories.CommunesOf(settings.Siren).Sum(c => c.Population);
            Measures = cae.Score(mapped, confirmed.ToDictionary(c => c.Key, c => c.Value.Status), population, Territory.TimeZone);
        }
    }

    private async Task<List<EvidenceTask>> MappingAsync(CancellationToken cancellationToken) =>
        (await Db.Tenants.AsNoTracking().Where(t => t.Id == Territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken)).Evidence;

    private string Title(TaskEvidence task) => $"Preuve {task.Number} – {Territory.Name}";

    private string FileName(TaskEvidence task) =>
        $"preuve-{task.Number}-{Territory.Identifier}-{Cohort.Period.From:yyyy-MM-dd}-{Cohort.Period.To:yyyy-MM-dd}";
}
