using Assett.Tenancy;
using Assett.Web.Features.Shared.Jobs;

namespace Assett.Web.Features.Bilan;

/// <summary>Freezes the bilans that closed campaigns still owe (Hangfire, every hour), each owner sent the link once.</summary>
public sealed class BilanJob(ITenantStore tenants, IMultiTenantContextAccessor accessor, Shared.Bilans.Bilans bilans, ILogger<BilanJob> logger)
    : ITerritoryJob
{
    public const string Schedule = "17 * * * *";

    Task ITerritoryJob.RunAsync(string territory, CancellationToken cancellationToken) => RunAsync(territory, cancellationToken);

    public async Task<int> RunAsync(string territory, CancellationToken cancellationToken)
    {
        var found = await tenants.RequireAsync(territory, cancellationToken);
        using var scope = accessor.Change(found);
        var frozen = await bilans.FreezeClosedAsync(found, cancellationToken);
        logger.LogInformation("{Count} bilan(s) frozen for {Territory}", frozen, territory);
        return frozen;
    }
}
