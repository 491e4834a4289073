using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Reports;

/// <summary>
/// A territory's cohort report (Hangfire): monthly on its schedule, or on an officer's demand. The
/// territory travels as the job's argument and is set explicitly here; a scheduled report is produced
/// once per occurrence, however often the job runs.
/// </summary>
public sealed class CohortReportJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, CohortReports reports,
    TimeProvider clock, ILogger<CohortReportJob> logger)
{
    public const string Scheduled = "planifié";

    public Task<Guid?> RunAsync(string tenant, CancellationToken cancellationToken) => ProduceAsync(tenant, null, cancellationToken);

    public Task<Guid?> RunOnDemandAsync(string tenant, string requestedBy, CancellationToken cancellationToken) => ProduceAsync(tenant, requestedBy, cancellationToken);

    private async Task<Guid?> ProduceAsync(string tenant, string? requestedBy, CancellationToken cancellationToken)
    {
        var territory = await tenants.FindByIdentifierAsync(tenant, cancellationToken)
            ?? throw new InvalidOperationException($"The territory '{tenant}' does not exist (any more).");
        using var scope = accessor.Change(territory);
        var now = clock.GetUtcNow();
        string? period = null;
        if (requestedBy is null)
        {
            var settings = await db.Tenants.AsNoTracking().Where(t => t.Id == territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken);
            period = Schedule.LatestOccurrence(settings.ReportSchedule, territory.Zone, now).ToString("yyyy-MM-dd");
        }
        var report = await reports.ProduceAsync(territory, period, requestedBy ?? Scheduled, now, cancellationToken);
        logger.LogInformation("Cohort report {Report} of {Territory} ({Period})", report?.Id, tenant, period ?? "on demand");
        return report?.Id;
    }
}
