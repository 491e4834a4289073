using Assett.Data.Tenancy;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data;

public static class AssettDbContextOptions
{
    /// <summary>The one place where the provider and its conventions are chosen.</summary>
    public static DbContextOptionsBuilder UseAssettDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPreparedStatements(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .UseOpenIddict<Guid>()
            .AddInterceptors(TenantScope.Interceptors);

    /// <summary>
    /// Statements run often are prepared once per connection. It also spares the plans of the foreign
    /// key checks. A pooled connection is handed back without Npgsql's reset (seven statements before the next
    /// request's first): nothing here sets anything for the session, the tenant is set per transaction
    /// (<see cref="TenantScope"/>), and an open transaction is still rolled back.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0) (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (100, 2);
        return builder.ConnectionString;
    }

    /// <summary>A context outside dependency injection, for the tenant current now (or none).</summary>
    public static AssettDbContext Create(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AssettDbContext>();
        options.UseAssettDatabase(connectionString);
        return new AssettDbContext(options.Options, new MultiTenantContextAccessor());
    }
}
