using System.Globalization;
using Assett.Tenancy;

namespace Assett.Web.Features.Shared;

/// <summary>
/// A period typed in a form (<c>?du=2026-01-01&amp;au=2026-12-31</c>), the last twelve months by default;
/// a date that does not parse, or a start after the end, falls back to the default with <see cref="Error"/> in French.
/// </summary>
public sealed record ReportingPeriod(DateOnly From, DateOnly To, string? Error)
{
    // The scheme's data start after 2000; bounds keep a typed 9999-12-31 from overflowing the period's last instant.
    private const int FirstYear = 2000;
    private const int LastYear = 2100;

    public static ReportingPeriod Parse(string? fromText, string? toText, DateOnly today)
    {
        string? error = null;
        DateOnly? Day(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                error = $"La date « {text} » ({field}) n’est pas une date : la valeur par défaut est utilisée.";
            else if (day.Year is < FirstYear or > LastYear)
                error = $"La date « {text} » ({field}) sort des années {FirstYear} à {LastYear} : la valeur par défaut est utilisée.";
            else return day;
            return null;
        }
        var from = Day(fromText, "début") ?? today.AddYears(-1);
        var to = Day(toText, "fin") ?? today;
        if (from > to)
            return new ReportingPeriod(today.AddYears(-1), today,
                "La date de début vient après la date de fin : la période affichée est celle des douze derniers mois.");
        return new ReportingPeriod(from, to, error);
    }

    /// <summary>The period's first and last instants in a territory's time zone: [start, end).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Instants(TenantInfo territory) => (territory.StartOf(From), territory.StartOf(To.AddDays(1)));

    /// <summary>The query string of links that keep the period.</summary>
    public string Query => $"du={From:yyyy-MM-dd}&au={To:yyyy-MM-dd}";
}
