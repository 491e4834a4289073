using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data.Tenancy;

/// <summary>
/// The tenants of the database (applied from <c>tenants-config/</c>), kept in memory for a short
/// while: every request resolves its tenant, and tenants change rarely.
/// </summary>
public sealed class DatabaseTenantStore(string appConnectionString, TimeProvider clock) : ITenantStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (DateTimeOffset LoadedAt, IReadOnlyList<TenantInfo> Tenants)? _cache;

    public async Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(t => string.Equals(t.Identifier, identifier, StringComparison.OrdinalIgnoreCase));

    public async Task<TenantInfo?> FindByHostAsync(string host, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(t => t.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (_cache is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < Lifetime) return fresh.Tenants;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_cache is { } loaded && clock.GetUtcNow() - loaded.LoadedAt < Lifetime) return loaded.Tenants;
            await using var db = AssettDbContextOptions.Create(appConnectionString);
            // Settings whole: a member of this JSON-converted column reads as null when projected alone.
            var rows = await db.Tenants.AsNoTracking().OrderBy(t => t.DisplayName)
                .Select(t => new { t.Id, t.Identifier, t.DisplayName, t.Hosts, t.TimeZone, t.Settings })
                .ToListAsync(cancellationToken);
            IReadOnlyList<TenantInfo> tenants = [.. rows.Select(t => new TenantInfo(t.Id, t.Identifier, t.DisplayName)
                { Hosts = t.Hosts, TimeZone = t.TimeZone, PublicHost = t.Settings.PublicHost })];
            _cache = (clock.GetUtcNow(), tenants);
            return tenants;
        }
        finally
        {
            _loading.Release();
        }
    }
}
