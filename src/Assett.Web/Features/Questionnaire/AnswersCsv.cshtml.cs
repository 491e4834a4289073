using Assett.Web.Features.Shared.Assessments;
using System.Globalization;
using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Questionnaire;

/// <summary>
/// The organisation's answers as CSV (<see cref="CsvFile"/>), one line per task, answered or not.
/// </summary>
public sealed class AnswersCsvModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db) : JourneyPage(contexts, tenant)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var entries = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == Context.Assessment.Id)
            .ToDictionaryAsync(s => s.NodeId, cancellationToken);
        var csv = new CsvFile().Line("Thème", "Mesure", "Étape", "Identifiant", "Action", "Statut", "Part faite (%)", "Part programmée (%)", "Commentaire",
            "Modifié par", "Modifié le");
        foreach (var task in Context.TasksOf(Context.Package.Root))
        {
            var step = task.Parent!;
            var measure = step.Parent!;
            var entry = entries.GetValueOrDefault(task.Id);
            var status = entry?.Status;
            csv.Line(measure.Parent!.Title, $"{measure.Identifiant} {measure.Title}", step.Title, task.Identifiant, task.Title,
                Describe.Status(status), Share(status, status?.Fait), Share(status, status?.Programme), entry?.Comment ?? "", entry?.UpdatedBy ?? "",
                entry is null ? "" : TimeZoneInfo.ConvertTime(entry.UpdatedAt, Context.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }
        var name = $"reponses-{Context.Organisation.Siret ?? Context.Organisation.Rna}-{Context.Campaign.OpensOn:yyyy}.csv";
        return File(csv.ToBytes(), "text/csv; charset=utf-8", name);

        static string Share(Data.Assessments.StatusValue? status, double? value) =>
            status is { Kind: Data.Assessments.StatusKinds.Detaille } && value is { } v ? (v * 100).ToString("0.#", French.Culture) : "";
    }
}
