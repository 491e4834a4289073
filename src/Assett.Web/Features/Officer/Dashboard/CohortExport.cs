using Assett.Data;
using Assett.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>
/// The officer's list of organisations, with its filters, as CSV (for Excel in French) or XLSX
/// (MiniExcel): one line per organisation with its score overall and per theme. Only the territory's
/// rows: the list comes from <see cref="CohortRows"/>, scoped to the tenant.
/// </summary>
public static class CohortExport
{
    public static async Task<IActionResult> CsvAsync(OrganisationsModel page, AssettDbContext db, CancellationToken cancellationToken)
    {
        var (headers, rows) = await TableAsync(page, db, cancellationToken);
        var csv = new CsvFile().Line(headers);
        foreach (var row in rows)
            csv.Line(row.Select(value => value switch
            {
                null => "",
                double number => number.ToString("0.#", French.Culture),
                DateTime at => at.ToString("yyyy-MM-dd HH:mm", French.Culture),
                _ => value.ToString() ?? "",
            }));
        return new FileContentResult(csv.ToBytes(), "text/csv; charset=utf-8") { FileDownloadName = FileName(page, "csv") };
    }

    public static async Task<IActionResult> XlsxAsync(OrganisationsModel page, AssettDbContext db, CancellationToken cancellationToken)
    {
        var (headers, rows) = await TableAsync(page, db, cancellationToken);
        var sheet = rows.Select(row => headers.Zip(row).ToDictionary(cell => cell.First, cell => cell.Second)).ToList();
        return await XlsxFile.CreateAsync(sheet, FileName(page, "xlsx"), cancellationToken, sheetName: "Organisations");
    }

    /// <summary>The headers and the rows, values typed (numbers stay numbers in XLSX).</summary>
    private static async Task<(List<string> Headers, IEnumerable<object?[]> Rows)> TableAsync(OrganisationsModel page, AssettDbContext db,
        CancellationToken cancellationToken)
    {
        var themes = page.Themes;
        var scores = await CohortRows.ThemeScoresAsync(db, page.Territory.Id, page.Campaign!.Id, cancellationToken);
        List<string> headers = ["Organisation", "SIRET ou RNA", "Type", "Code NAF", "Effectif", "Commune", "Étape", "Charte", "Dernière activité",
            "Score global (%)",
            .. themes.Select(t => $"{t.Identifiant}. {t.Title} (%)")];
        var zone = page.Territory.Zone;
        var rows = page.Rows.Select(row => (object?[])[row.Name, row.Identifier, OrganisationLabels.Of(row.Kind), row.NafCode,
            OrganisationLabels.Of(row.Headcount), page.CommuneName(row.Commune), Words.Stage(row.Stage),
            Words.Charter(row.Standing(page.CharterVersion), page.CharterVersion),
            row.LastActivity is { } at ? TimeZoneInfo.ConvertTime(at, zone).DateTime : null,
            Round(row.Score), .. themes.Select(t => Round(ThemeScore(scores, row.Id, t.Id)))]);
        return (headers, rows);
    }

    private static double? ThemeScore(Dictionary<Guid, Dictionary<string, double>> scores, Guid organisation, string theme) =>
        scores.TryGetValue(organisation, out var byTheme) && byTheme.TryGetValue(theme, out var score) ? score : null;

    private static object? Round(double? value) => value is { } known ? Math.Round(known, 1) : null;

    private static string FileName(OrganisationsModel page, string extension) =>
        $"cohorte-{page.Territory.Identifier}-{page.Campaign!.Name.ToLowerInvariant().Replace(' ', '-')}.{extension}";
}
