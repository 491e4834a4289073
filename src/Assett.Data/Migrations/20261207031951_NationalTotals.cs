using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class NationalTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "score_snapshots", "score_node_totals" })
                foreach (var column in new[] { "national_fait", "national_potentiel" })
                    migrationBuilder.AddColumn<double>(name: column, table: table, type: "double precision", nullable: false, defaultValue: 0.0);
            // Each snapshot's national totals, from its tree before it goes: the totals less the local nodes just below national
            // ones (whole for a theme the territory adds). The owner reads every tenant's rows here, so row-level security is
            // lifted for these statements and forced again after them.
            migrationBuilder.Sql("""
                ALTER TABLE score_snapshots NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE score_node_totals NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE referential_versions NO FORCE ROW LEVEL SECURITY;
                UPDATE score_snapshots SET national_fait = point_fait, national_potentiel = point_potentiel;
                UPDATE score_node_totals SET national_fait = point_fait, national_potentiel = point_potentiel;
                CREATE TEMP TABLE local_parts ON COMMIT DROP AS
                WITH RECURSIVE nodes AS (
                    SELECT v.tenant_id, v.id AS version_id, n ->> 'id' AS id, n ->> 'parentId' AS parent_id, coalesce((n ->> 'local')::boolean, false) AS local
                    FROM referential_versions v, jsonb_array_elements(v.package -> 'nodes') AS n),
                themed AS (
                    SELECT n.tenant_id, n.version_id, n.id, n.id AS theme_id
                    FROM nodes n JOIN nodes r ON r.tenant_id = n.tenant_id AND r.version_id = n.version_id AND r.id = n.parent_id AND r.parent_id IS NULL
                    UNION ALL
                    SELECT c.tenant_id, c.version_id, c.id, t.theme_id
                    FROM nodes c JOIN themed t ON t.tenant_id = c.tenant_id AND t.version_id = c.version_id AND c.parent_id = t.id),
                local_roots AS (
                    SELECT t.tenant_id, t.version_id, t.id, t.theme_id
                    FROM themed t
                    JOIN nodes n ON n.tenant_id = t.tenant_id AND n.version_id = t.version_id AND n.id = t.id
                    JOIN nodes p ON p.tenant_id = n.tenant_id AND p.version_id = n.version_id AND p.id = n.parent_id
                    WHERE n.local AND NOT p.local)
                SELECT s.id AS snapshot_id, l.theme_id, coalesce((s.tree -> l.id ->> 0)::float8, 0) AS fait,
                       coalesce((s.tree -> l.id ->> 4)::float8, 0) AS potentiel
                FROM score_snapshots s JOIN local_roots l ON l.tenant_id = s.tenant_id AND l.version_id = s.referential_version_id;
                UPDATE score_node_totals t SET national_fait = t.point_fait - p.fait, national_potentiel = t.point_potentiel - p.potentiel
                FROM (SELECT snapshot_id, theme_id, sum(fait) AS fait, sum(potentiel) AS potentiel FROM local_parts GROUP BY snapshot_id, theme_id) p
                WHERE t.snapshot_id = p.snapshot_id AND t.node_id = p.theme_id;
                UPDATE score_snapshots s SET national_fait = s.point_fait - p.fait, national_potentiel = s.point_potentiel - p.potentiel
                FROM (SELECT snapshot_id, sum(fait) AS fait, sum(potentiel) AS potentiel FROM local_parts GROUP BY snapshot_id) p
                WHERE s.id = p.snapshot_id;
                ALTER TABLE score_snapshots FORCE ROW LEVEL SECURITY;
                ALTER TABLE score_node_totals FORCE ROW LEVEL SECURITY;
                ALTER TABLE referential_versions FORCE ROW LEVEL SECURITY;
                """);
            migrationBuilder.DropColumn(name: "tree", table: "score_snapshots");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "national_fait",
                table: "score_snapshots");

            migrationBuilder.DropColumn(
                name: "national_potentiel",
                table: "score_snapshots");

            migrationBuilder.DropColumn(
                name: "national_fait",
                table: "score_node_totals");

            migrationBuilder.DropColumn(
                name: "national_potentiel",
                table: "score_node_totals");

            migrationBuilder.AddColumn<string>(
                name: "tree",
                table: "score_snapshots",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");
        }
    }
}
