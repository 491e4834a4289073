using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assett.Data;

/// <summary>
/// Row-level security holds only if the application role cannot step around it: a superuser, a role
/// with <c>BYPASSRLS</c> or the tables' owner would see every territory. The web host and the CLI
/// refuse to start on such a role (docs/decisions.md, « Two connection strings »).
/// </summary>
public static class ApplicationRole
{
    public static async Task EnsureItCannotBypassRowSecurityAsync(string appConnectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        (bool Superuser, bool BypassRls, long OwnedTables) role;
        try
        {
            // Unpooled: one query at start-up, no connection left idle.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(appConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                SELECT r.rolsuper, r.rolbypassrls,
                       (SELECT count(*) FROM pg_catalog.pg_tables t WHERE t.tableowner = current_user AND t.schemaname = 'public')
                FROM pg_catalog.pg_roles r WHERE r.rolname = current_user
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            role = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetInt64(2));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The database may come up later; /health reports it meanwhile. The check runs at the next start.
            logger.LogWarning("Could not check the application role ({Message}): the database does not answer.", e.Message);
            return;
        }
        if (role.Superuser || role.BypassRls || role.OwnedTables > 0)
            throw new InvalidOperationException(
                $"ConnectionStrings__Assett ({AssettDatabase.Describe(appConnectionString)}) must not bypass row-level security: it is " +
                (role.Superuser ? "a superuser" : role.BypassRls ? "a role with BYPASSRLS" : $"the owner of {role.OwnedTables} tables") +
                ". Connect the application as a role that owns no table (e.g. CREATE ROLE assett_app LOGIN NOSUPERUSER NOBYPASSRLS), " +
                "and give the owner's connection string to ConnectionStrings__AssettAdmin for migrations.");
    }
}
