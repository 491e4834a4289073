using System.Globalization;
using System.Text;
using Assett.Data;
using Assett.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Questionnaire;

/// <summary>
/// The organisation's answers as CSV, for Excel in French: UTF-8 with a byte order mark, « ; » between
/// fields, one line per task, answered or not.
/// </summary>
public sealed class AnswersCsvModel(AssessmentContexts contexts, IMultiTenantContextAccessor tenant, AssettDbContext db) : JourneyPage(contexts, tenant)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadContextAsync(cancellationToken) is { } refusal) return refusal;
        var entries = await db.TaskStatuses.AsNoTracking().Where(s => s.AssessmentId == Context.Assessment.Id).ToDictionaryAsync(s => s.NodeId, cancellationToken);
        var csv = new StringBuilder();
        Line(csv, "Thème", "Mesure", "Étape", "Identifiant", "Action", "Statut", "Part faite (%)", "Part programmée (%)", "Commentaire", "Modifié par", "Modifié le");
        foreach (var task in Context.TasksOf(Context.Package.Root))
        {
            var step = task.Parent!;
            var measure = step.Parent!;
            var entry = entries.GetValueOrDefault(task.Id);
            var status = entry?.Status;
            Line(csv, measure.Parent!.Title, $"{measure.Identifiant} {measure.Title}", step.Title, task.Identifiant, task.Title,
                Describe.Status(status), Share(status, status?.Fait), Share(status, status?.Programme), entry?.Comment ?? "", entry?.UpdatedBy ?? "",
                entry is null ? "" : TimeZoneInfo.ConvertTime(entry.UpdatedAt, Context.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }
        var name = $"reponses-{Context.Organisation.Siret ?? Context.Organisation.Rna}-{Context.Campaign.OpensOn:yyyy}.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", name);

        static string Share(Data.Assessments.StatusValue? status, double? value) =>
            status is { Kind: Data.Assessments.StatusKinds.Detaille } && value is { } v ? (v * 100).ToString("0.#", Describe.French) : "";
    }

    private static void Line(StringBuilder csv, params string[] fields) => csv.AppendJoin(';', fields.Select(Field)).Append("\r\n");

    /// <summary>Quoted when needed; a leading = + - @ tab or carriage return is neutralised so that Excel never runs it as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
