namespace Assett.Data.Tenancy;

/// <summary>
/// A row that belongs to one territory. The DbContext filters, stamps and checks <see cref="TenantId"/>,
/// and PostgreSQL row-level security enforces it again for every query of the application role.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>A write that would cross tenants, or a tenant-owned write without a tenant.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
