using Assett.Data;
using Assett.Web.Features.Reminders;
using Assett.Web.Features.Reports;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Jobs;

/// <summary>
/// Registers each territory's recurring jobs from its configuration (<c>schedules</c> in
/// <c>tenant.yaml</c>), in the territory's own time zone, and updates or removes them when the
/// configuration changes: at start-up, then every minute, in every host (it is idempotent). The
/// platform's housekeeping runs daily besides.
/// </summary>
public sealed class TenantSchedules(IServiceScopeFactory scopes, IRecurringJobManager jobs, JobStorage storage, ILogger<TenantSchedules> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Recurring job ids are <c>kind:territory</c>; these are the kinds this class owns.</summary>
    public const string RemindersPrefix = "reminders:";
    public const string ReportPrefix = "cohort-report:";

    /// <summary>The platform's daily housekeeping (UTC).</summary>
    public const string HousekeepingJob = "housekeeping";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Registering the territories' recurring jobs failed; next try in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssettDbContext>();
        var territories = await db.Tenants.AsNoTracking().Select(t => new { t.Identifier, t.TimeZone, t.Settings }).ToListAsync(cancellationToken);
        var wanted = new HashSet<string>();
        foreach (var territory in territories)
        {
            var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(territory.TimeZone) };
            var slug = territory.Identifier;
            if (territory.Settings.ReminderSchedule is { } reminders)
            {
                jobs.AddOrUpdate<ReminderJob>(RemindersPrefix + slug, job => job.RunAsync(slug, CancellationToken.None), reminders, options);
                wanted.Add(RemindersPrefix + slug);
            }
            if (territory.Settings.ReportSchedule is { } report)
            {
                jobs.AddOrUpdate<CohortReportJob>(ReportPrefix + slug, job => job.RunAsync(slug, CancellationToken.None), report, options);
                wanted.Add(ReportPrefix + slug);
            }
        }
        jobs.AddOrUpdate<Housekeeping>(HousekeepingJob, job => job.RunAsync(CancellationToken.None), "0 3 * * *");
        using var connection = storage.GetConnection();
        var owned = connection.GetRecurringJobs().Where(j => j.Id.StartsWith(RemindersPrefix, StringComparison.Ordinal) || j.Id.StartsWith(ReportPrefix, StringComparison.Ordinal));
        foreach (var job in owned.Where(j => !wanted.Contains(j.Id)))
        {
            jobs.RemoveIfExists(job.Id);
            logger.LogInformation("Recurring job {Job} removed: its territory no longer schedules it", job.Id);
        }
    }
}
