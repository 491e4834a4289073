using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActiveMemberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rule of ActiveMembership, as it was then (HandWrittenSqlShould checks that the migrated view is CreateViewSql).
            migrationBuilder.Sql("""
                CREATE VIEW active_memberships WITH (security_invoker = true) AS
                SELECT m.id, m.tenant_id, m.user_id, m.organisation_id, m.role
                FROM memberships m
                JOIN users u ON u.id = m.user_id AND u.email_confirmed
                WHERE m.organisation_id IS NULL
                   OR EXISTS (SELECT 1 FROM organisations o WHERE o.tenant_id = m.tenant_id AND o.id = m.organisation_id AND NOT o.awaiting_approval)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW active_memberships");
        }
    }
}
