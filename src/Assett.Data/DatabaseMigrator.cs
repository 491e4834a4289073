using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assett.Data;

/// <summary>Applies the EF Core migrations and Hangfire's schema as the owner, then grants the application role what it needs.</summary>
public static class DatabaseMigrator
{
    /// <summary>Where Hangfire keeps its jobs, beside the application's tables (docs/architecture.md).</summary>
    public const string HangfireSchema = "hangfire";

    public static async Task MigrateAsync(string adminConnectionString, string appConnectionString, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        await using (var context = AssettDbContextOptions.Create(adminConnectionString))
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await context.Database.MigrateAsync(cancellationToken);
            if (pending.Count > 0)
                logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Hangfire's own installer creates and upgrades its schema; at run time the app role only uses it.
        PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);

        var owner = new NpgsqlConnectionStringBuilder(adminConnectionString).Username;
        var app = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        if (app is null || app == owner) return;

        var role = "\"" + app.Replace("\"", "\"\"") + "\"";
        await using var grant = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON platform_settings FROM {role};
            GRANT USAGE ON SCHEMA {HangfireSchema} TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {HangfireSchema} TO {role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {HangfireSchema} TO {role};
            """, connection);
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }
}
