using Assett.Data;
using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Assett.Web.Features.Officer.Reports;

/// <summary>
/// A territory's monthly cohort report (Hangfire), on its schedule. The territory travels as the job's
/// argument and is set explicitly here; a report is produced once per occurrence, however often the
/// job runs. Officers also produce one on demand (<see cref="IndexModel"/>).
/// </summary>
public sealed class CohortReportJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, AssettDbContext db, CohortReports reports,
    TimeProvider clock, ILogger<CohortReportJob> logger) : ITerritoryJob
{
    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    public const string Scheduled = "planifié";

    public async Task<Guid?> RunAsync(string tenant, CancellationToken cancellationToken)
    {
        var territory = await tenants.RequireAsync(tenant, cancellationToken);
        using var scope = accessor.Change(territory);
        var now = clock.GetUtcNow();
        var settings = await db.Tenants.AsNoTracking().Where(t => t.Id == territory.Id).Select(t => t.Settings).SingleAsync(cancellationToken);
        var period = Schedule.LatestOccurrence(settings.ReportSchedule, territory.Zone, now).ToString("yyyy-MM-dd");
        var report = await reports.ProduceAsync(territory, period, Scheduled, now, cancellationToken);
        logger.LogInformation("Cohort report {Report} of {Territory} ({Period})", report?.Id, tenant, period);
        return report?.Id;
    }
}
