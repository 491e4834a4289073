using Cronos;

namespace Assett.Web.Features.Shared.Jobs;

/// <summary>A territory's cron schedule, read in the territory's time zone.</summary>
public static class Schedule
{
    /// <summary>
    /// The local date of the schedule's latest occurrence at or before now (today without a schedule):
    /// a job retried, or run by two workers, for one occurrence finds the same date.
    /// </summary>
    public static DateOnly LatestOccurrence(string? cron, TimeZoneInfo zone, DateTimeOffset now)
    {
        DateOnly Local(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var local = Local(now);
        if (cron is null) return local;
        var expression = CronExpression.Parse(cron);
        // The last occurrence found from 32 days back: every schedule of tenant.yaml recurs at least monthly.
        DateTimeOffset? latest = null;
        for (var next = expression.GetNextOccurrence(now.AddDays(-32), zone); next is { } at && at <= now; next = expression.GetNextOccurrence(at, zone))
            latest = at;
        return latest is { } found ? Local(found) : local;
    }

    /// <summary>The schedule's next occurrence after now, or null without a schedule.</summary>
    public static DateTimeOffset? NextOccurrence(string? cron, TimeZoneInfo zone, DateTimeOffset now) =>
        cron is null ? null : CronExpression.Parse(cron).GetNextOccurrence(now, zone);
}
