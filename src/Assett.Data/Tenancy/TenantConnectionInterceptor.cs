using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Assett.Data.Tenancy;

/// <summary>
/// Sets <c>app.tenant_id</c>, which the row-level security policies read, each time a context opens
/// its connection: to the context's tenant, or to '' (no row visible or writable) without one.
/// Npgsql resets it (DISCARD ALL) when the connection goes back to the pool.
/// </summary>
internal sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public static readonly TenantConnectionInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = SetTenant(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = SetTenant(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand SetTenant(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenantId = (eventData.Context as AssettDbContext)?.CurrentTenantId;
        return new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", (NpgsqlConnection)connection)
        {
            Parameters = { new() { Value = tenantId?.ToString() ?? "" } },
        };
    }
}
