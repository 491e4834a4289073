using Assett.Web.Features.Officer.Dashboard;

namespace Assett.Web.Features.Officer.Reports;

/// <summary>A theme's (or the overall score's) quartiles in one group, with the theme's name as it was then.</summary>
public sealed record ReportQuartiles(string NodeId, string Theme, string Group, int Organisations, double Q1, double Median, double Q3);

/// <summary>A theme's median then and now, for the organisations scored in both campaigns.</summary>
public sealed record ReportProgress(string NodeId, string Theme, int Organisations, double Before, double After);

/// <summary>
/// What a cohort report shows, frozen when it is produced: aggregates only. The overall score's
/// lines have the node id <see cref="CohortFigures.Overall"/>.
/// </summary>
public sealed record ReportFigures(string Territory, string Campaign, Funnel Funnel, IReadOnlyList<ReportQuartiles> Themes,
    IReadOnlyList<ReportQuartiles> BySize, IReadOnlyList<ReportQuartiles> BySector, string? PreviousCampaign, IReadOnlyList<ReportProgress> Progress)
{
    /// <summary>The themes where the cohort is weakest (lowest median): topics for the next meetings.</summary>
    public IEnumerable<ReportQuartiles> Weakest(int count = 3) =>
        Themes.Where(t => t.NodeId != CohortFigures.Overall).OrderBy(t => t.Median).ThenBy(t => t.Q3).Take(count);
}
