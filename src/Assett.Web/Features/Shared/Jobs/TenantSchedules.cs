using Assett.Data;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Shared.Jobs;

/// <summary>
/// Registers each territory's recurring jobs from its configuration (<c>schedules</c> in
/// <c>tenant.yaml</c>), in the territory's own time zone, and updates or removes them when the
/// configuration changes: at start-up, then every minute, in every host (it is idempotent). The
/// platform's housekeeping runs daily besides.
/// </summary>
public sealed class TenantSchedules(IServiceScopeFactory scopes, IEnumerable<TerritoryJob> territoryJobs, IRecurringJobManager jobs, JobStorage storage,
    ILogger<TenantSchedules> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

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
            foreach (var job in territoryJobs)
                if (job.Schedule(territory.Settings) is { } cron)
                {
                    job.Register(jobs, territory.Identifier, cron, options);
                    wanted.Add(job.IdOf(territory.Identifier));
                }
        }
        jobs.AddOrUpdate<Housekeeping>(HousekeepingJob, job => job.RunAsync(CancellationToken.None), "0 3 * * *");
        using var connection = storage.GetConnection();
        var owned = connection.GetRecurringJobs().Where(j => territoryJobs.Any(t => j.Id.StartsWith(t.Prefix, StringComparison.Ordinal)));
        foreach (var job in owned.Where(j => !wanted.Contains(j.Id)))
        {
            jobs.RemoveIfExists(job.Id);
            logger.LogInformation("Recurring job {Job} removed: its territory no longer schedules it", job.Id);
        }
    }
}
