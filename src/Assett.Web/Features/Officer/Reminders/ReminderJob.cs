using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Reminders;

/// <summary>
/// The recurring reminders of one territory (Hangfire). The territory travels as the job's argument
/// and is set explicitly here; the reminders are those of the schedule's latest occurrence, so a
/// retry or a second worker running the same occurrence queues nothing new.
/// </summary>
public sealed class ReminderJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, Reminders reminders,
    TimeProvider clock, ILogger<ReminderJob> logger) : ITerritoryJob
{
    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    public async Task<int> RunAsync(string tenant, CancellationToken cancellationToken)
    {
        var territory = await tenants.RequireAsync(tenant, cancellationToken);
        using var scope = accessor.Change(territory);
        var now = clock.GetUtcNow();
        var schedule = await db.Tenants.AsNoTracking().Where(t => t.Id == territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken);
        var occurrence = Schedule.LatestOccurrence(schedule.ReminderSchedule, territory.Zone, now);
        var queued = await reminders.QueueAsync(territory, occurrence, now, cancellationToken);
        logger.LogInformation("{Count} reminder(s) queued for {Territory}, occurrence of {Occurrence}", queued, tenant, occurrence);
        return queued;
    }
}
