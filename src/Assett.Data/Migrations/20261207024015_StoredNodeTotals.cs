using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoredNodeTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The national figures read the local nodes' totals from rows now (ScoreSnapshotBuilder.StoredNodes): copied from
            // each snapshot's tree before it goes. The owner reads every tenant's rows here, so row-level security is lifted
            // for this transaction's statements and forced again after them.
            migrationBuilder.Sql("""
                ALTER TABLE score_snapshots NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE score_node_totals NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE referential_versions NO FORCE ROW LEVEL SECURITY;
                WITH nodes AS (
                    SELECT v.tenant_id, v.id AS version_id, n ->> 'id' AS id, n ->> 'parentId' AS parent_id, (n ->> 'local')::boolean AS local
                    FROM referential_versions v, jsonb_array_elements(v.package -> 'nodes') AS n),
                local_roots AS (
                    SELECT n.tenant_id, n.version_id, n.id
                    FROM nodes n JOIN nodes p ON p.tenant_id = n.tenant_id AND p.version_id = n.version_id AND p.id = n.parent_id
                    WHERE n.local AND NOT p.local AND p.parent_id IS NOT NULL)
                INSERT INTO score_node_totals (id, tenant_id, snapshot_id, node_id, point_fait, point_programme, point_pas_fait, point_potentiel)
                SELECT gen_random_uuid(), s.tenant_id, s.id, l.id, (s.tree -> l.id ->> 0)::float8, (s.tree -> l.id ->> 1)::float8,
                       (s.tree -> l.id ->> 2)::float8, (s.tree -> l.id ->> 4)::float8
                FROM score_snapshots s JOIN local_roots l ON l.tenant_id = s.tenant_id AND l.version_id = s.referential_version_id
                WHERE s.tree ? l.id
                ON CONFLICT (tenant_id, snapshot_id, node_id) DO NOTHING;
                ALTER TABLE score_snapshots FORCE ROW LEVEL SECURITY;
                ALTER TABLE score_node_totals FORCE ROW LEVEL SECURITY;
                ALTER TABLE referential_versions FORCE ROW LEVEL SECURITY;
                """);
            migrationBuilder.DropColumn(
                name: "tree",
                table: "score_snapshots");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tree",
                table: "score_snapshots",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");
        }
    }
}
