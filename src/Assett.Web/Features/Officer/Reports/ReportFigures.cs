using Assett.Web.Features.Shared.Cohorts;
using Assett.Web.Features.Shared.Meetings;

namespace Assett.Web.Features.Officer.Reports;

/// <summary>A theme's (or the overall score's) quartiles in one group, with the theme's name as it was then.</summary>
public sealed record ReportQuartiles(string NodeId, string Theme, string Group, int Organisations, double Q1, double Median, double Q3);

/// <summary>
/// The meetings of the campaign's window, in aggregates: held, registrations, the attendance rate, the
/// member organisations met and never met, and by theme the meetings held and their participants.
/// Reports produced before the meetings existed have none.
/// </summary>
public sealed record ReportMeetings(int Held, int Registrations, double? AttendanceRate, int Met, int Members, int NeverMet,
    IReadOnlyList<MeetingTally> ByTheme);

/// <summary>A theme's median then and now, for the organisations scored in both campaigns.</summary>
public sealed record ReportProgress(string NodeId, string Theme, int Organisations, double Before, double After);

/// <summary>
/// What a cohort report shows, frozen when it is produced: aggregates only. The overall score's
/// lines have the node id <see cref="CohortFigures.Overall"/>.
/// </summary>
public sealed record ReportFigures(string Territory, string Campaign, Funnel Funnel, IReadOnlyList<ReportQuartiles> Themes,
    IReadOnlyList<ReportQuartiles> BySize, IReadOnlyList<ReportQuartiles> BySector, string? PreviousCampaign, IReadOnlyList<ReportProgress> Progress,
    ReportMeetings? Meetings = null)
{
    /// <summary>The themes where the cohort is weakest (lowest median): topics for the next meetings.</summary>
    public IEnumerable<ReportQuartiles> Weakest(int count = 3) =>
        Themes.Where(t => t.NodeId != CohortFigures.Overall).OrderBy(t => t.Median).ThenBy(t => t.Q3).Take(count);
}
