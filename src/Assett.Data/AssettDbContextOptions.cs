using Assett.Data.Tenancy;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data;

public static class AssettDbContextOptions
{
    /// <summary>The one place where the provider and its conventions are chosen.</summary>
    public static DbContextOptionsBuilder UseAssettDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict<Guid>()
            .AddInterceptors(TenantConnectionInterceptor.Instance);

    /// <summary>A context outside dependency injection, for the tenant current now (or none).</summary>
    public static AssettDbContext Create(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AssettDbContext>();
        options.UseAssettDatabase(connectionString);
        return new AssettDbContext(options.Options, new MultiTenantContextAccessor());
    }
}
