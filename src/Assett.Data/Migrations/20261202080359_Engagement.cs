using System;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class Engagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "listed_publicly",
                table: "organisations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "shows_level_publicly",
                table: "organisations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opened_at",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bilans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bilans", x => x.id);
                    table.UniqueConstraint("ak_bilans_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bilans_campaigns_tenant_id_campaign_id",
                        columns: x => new { x.tenant_id, x.campaign_id },
                        principalTable: "campaigns",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_bilans_organisations_tenant_id_organisation_id",
                        columns: x => new { x.tenant_id, x.organisation_id },
                        principalTable: "organisations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_bilans_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charter_acceptances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charter_acceptances", x => x.id);
                    table.UniqueConstraint("ak_charter_acceptances_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_charter_acceptances_organisations_tenant_id_organisation_id",
                        columns: x => new { x.tenant_id, x.organisation_id },
                        principalTable: "organisations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_charter_acceptances_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    indicator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    unit = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    baseline = table.Column<decimal>(type: "numeric", nullable: true),
                    target_value = table.Column<decimal>(type: "numeric", nullable: true),
                    deliverable = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    carrier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    reached_value = table.Column<decimal>(type: "numeric", nullable: true),
                    abandon_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    overdue_reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                    table.UniqueConstraint("ak_commitments_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_commitments_target", "deliverable IS NOT NULL OR (indicator IS NOT NULL AND unit IS NOT NULL AND target_value IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_commitments_campaigns_tenant_id_campaign_id",
                        columns: x => new { x.tenant_id, x.campaign_id },
                        principalTable: "campaigns",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_commitments_organisations_tenant_id_organisation_id",
                        columns: x => new { x.tenant_id, x.organisation_id },
                        principalTable: "organisations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_commitments_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commitment_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    commitment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_events", x => x.id);
                    table.UniqueConstraint("ak_commitment_events_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_commitment_events_commitments_tenant_id_commitment_id",
                        columns: x => new { x.tenant_id, x.commitment_id },
                        principalTable: "commitments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_commitment_events_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bilans_tenant_id_campaign_id",
                table: "bilans",
                columns: new[] { "tenant_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bilans_tenant_id_organisation_id_campaign_id",
                table: "bilans",
                columns: new[] { "tenant_id", "organisation_id", "campaign_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charter_acceptances_tenant_id_organisation_id_version",
                table: "charter_acceptances",
                columns: new[] { "tenant_id", "organisation_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commitment_events_tenant_id_commitment_id_at",
                table: "commitment_events",
                columns: new[] { "tenant_id", "commitment_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_tenant_id_campaign_id",
                table: "commitments",
                columns: new[] { "tenant_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_tenant_id_due_date",
                table: "commitments",
                columns: new[] { "tenant_id", "due_date" },
                filter: "state = 'Open' AND overdue_reminded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_tenant_id_organisation_id_state",
                table: "commitments",
                columns: new[] { "tenant_id", "organisation_id", "state" });
            // What existed moves over: accepted charters become version 1, commitments keep their task, date
            // and person as a deliverable, opened and closed campaigns are marked so the calendar leaves them be.
            // The owner reads every territory's rows for this once (row security is forced on it otherwise).
            migrationBuilder.Sql("""
                ALTER TABLE organisations NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE assessments NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE action_commitments NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE campaigns NO FORCE ROW LEVEL SECURITY;
                INSERT INTO charter_acceptances (id, tenant_id, organisation_id, version, accepted_at, accepted_by)
                SELECT gen_random_uuid(), tenant_id, id, 1, charter_accepted_at, coalesce(charter_accepted_by, '')
                FROM organisations WHERE charter_accepted_at IS NOT NULL;
                INSERT INTO commitments (id, tenant_id, organisation_id, campaign_id, node_id, deliverable, due_date, carrier, state, closed_at,
                                         closed_by, created_by, created_at)
                SELECT c.id, c.tenant_id, a.organisation_id, a.campaign_id, c.node_id, 'Réaliser l’action', c.target_date, c.responsible_name,
                       CASE WHEN c.completed_at IS NULL THEN 'Open' ELSE 'Done' END, c.completed_at,
                       CASE WHEN c.completed_at IS NULL THEN NULL ELSE c.created_by END, c.created_by, c.created_at
                FROM action_commitments c JOIN assessments a ON a.tenant_id = c.tenant_id AND a.id = c.assessment_id;
                INSERT INTO commitment_events (id, tenant_id, commitment_id, kind, at, actor, detail)
                SELECT gen_random_uuid(), tenant_id, id, 'Created', created_at, created_by, 'engagement du plan d’action' FROM commitments;
                UPDATE campaigns SET opened_at = now() WHERE state <> 'Planned';
                UPDATE campaigns SET closed_at = now() WHERE state = 'Closed';
                ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
                ALTER TABLE assessments FORCE ROW LEVEL SECURITY;
                ALTER TABLE action_commitments FORCE ROW LEVEL SECURITY;
                ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
                """);
            migrationBuilder.EnableTenantIsolation("charter_acceptances", "commitments", "commitment_events", "bilans");

            migrationBuilder.DropTable(
                name: "action_commitments");

            migrationBuilder.DropColumn(
                name: "charter_accepted_at",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "charter_accepted_by",
                table: "organisations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bilans");

            migrationBuilder.DropTable(
                name: "charter_acceptances");

            migrationBuilder.DropTable(
                name: "commitment_events");

            migrationBuilder.DropTable(
                name: "commitments");

            migrationBuilder.DropColumn(
                name: "listed_publicly",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "shows_level_publicly",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "opened_at",
                table: "campaigns");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "charter_accepted_at",
                table: "organisations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "charter_accepted_by",
                table: "organisations",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "action_commitments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    responsible_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target_date = table.Column<DateOnly>(type: "date", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_commitments", x => x.id);
                    table.UniqueConstraint("ak_action_commitments_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_action_commitments_assessments_tenant_id_assessment_id",
                        columns: x => new { x.tenant_id, x.assessment_id },
                        principalTable: "assessments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_action_commitments_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_commitments_tenant_id_assessment_id_node_id",
                table: "action_commitments",
                columns: new[] { "tenant_id", "assessment_id", "node_id" });
        }
    }
}
