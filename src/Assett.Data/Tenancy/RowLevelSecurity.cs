using Microsoft.EntityFrameworkCore.Migrations;

namespace Assett.Data.Tenancy;

/// <summary>
/// The row-level security of a tenant-owned table, for migrations: rows are visible and writable only
/// when their <c>tenant_id</c> is <c>app.tenant_id</c>, for every role but superusers (FORCE includes
/// the owner). A test checks that every tenant-owned table has it.
/// </summary>
internal static class RowLevelSecurity
{
    public const string PolicyName = "tenant_isolation";

    private const string SameTenant = "tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid";

    public static void EnableTenantIsolation(this MigrationBuilder migration, params string[] tables)
    {
        foreach (var table in tables)
            migration.Sql($"""
                ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
                CREATE POLICY {PolicyName} ON {table} USING ({SameTenant}) WITH CHECK ({SameTenant});
                """);
    }

    public static void DisableTenantIsolation(this MigrationBuilder migration, params string[] tables)
    {
        foreach (var table in tables)
            migration.Sql($"DROP POLICY IF EXISTS {PolicyName} ON {table}; ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; "
                + $"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");
    }
}
