using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class CountedSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rule of CountedSnapshot, as it was then (HandWrittenSqlShould checks that the migrated view is CreateViewSql).
            migrationBuilder.Sql("""
                CREATE VIEW counted_snapshots WITH (security_invoker = true) AS
                SELECT s.id, s.tenant_id, s.assessment_id, a.organisation_id, a.campaign_id, s.kind, s.taken_at, s.score_percent
                FROM score_snapshots s
                JOIN assessments a ON a.tenant_id = s.tenant_id AND a.id = s.assessment_id
                WHERE a.state <> 'NotStarted'
                  AND s.kind = CASE WHEN a.state = 'Submitted' THEN 'Submitted' ELSE 'Current' END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW counted_snapshots");
        }
    }
}
