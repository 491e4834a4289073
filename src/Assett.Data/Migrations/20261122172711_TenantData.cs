using System;
using System.Collections.Generic;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class TenantData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "display_name",
                table: "tenants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "hosts",
                table: "tenants",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "logo",
                table: "tenants",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "logo_content_type",
                table: "tenants",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "settings",
                table: "tenants",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "siren",
                table: "tenants",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "tenants",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                    table.UniqueConstraint("ak_audit_log_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_audit_log_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    siret = table.Column<string>(type: "character(14)", fixedLength: true, maxLength: 14, nullable: true),
                    rna = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    naf_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    naf_section = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    headcount = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    commune_insee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                    table.UniqueConstraint("ak_organisations_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_organisations_identifier", "siret IS NOT NULL OR rna IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_organisations_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unique_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    to_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                    table.UniqueConstraint("ak_outbox_messages_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_outbox_messages_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referential_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    base_package = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    referential_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    package = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referential_versions", x => x.id);
                    table.UniqueConstraint("ak_referential_versions_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_referential_versions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenant_officers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_officers", x => x.id);
                    table.UniqueConstraint("ak_tenant_officers_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_tenant_officers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opens_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "date", nullable: false),
                    referential_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                    table.UniqueConstraint("ak_campaigns_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_campaigns_window", "opens_on <= closes_on");
                    table.ForeignKey(
                        name: "fk_campaigns_referential_versions_tenant_id_referential_versio",
                        columns: x => new { x.tenant_id, x.referential_version_id },
                        principalTable: "referential_versions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaigns_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    identity_tags = table.Column<string>(type: "jsonb", nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                    table.UniqueConstraint("ak_assessments_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_assessments_campaigns_tenant_id_campaign_id",
                        columns: x => new { x.tenant_id, x.campaign_id },
                        principalTable: "campaigns",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessments_organisations_tenant_id_organisation_id",
                        columns: x => new { x.tenant_id, x.organisation_id },
                        principalTable: "organisations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assessments_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitations", x => x.id);
                    table.UniqueConstraint("ak_invitations_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_invitations_campaigns_tenant_id_campaign_id",
                        columns: x => new { x.tenant_id, x.campaign_id },
                        principalTable: "campaigns",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invitations_organisations_tenant_id_organisation_id",
                        columns: x => new { x.tenant_id, x.organisation_id },
                        principalTable: "organisations",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_invitations_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_commitments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    target_date = table.Column<DateOnly>(type: "date", nullable: false),
                    responsible_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "score_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referential_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    point_fait = table.Column<double>(type: "double precision", nullable: false),
                    point_programme = table.Column<double>(type: "double precision", nullable: false),
                    point_pas_fait = table.Column<double>(type: "double precision", nullable: false),
                    point_potentiel = table.Column<double>(type: "double precision", nullable: false),
                    score_percent = table.Column<double>(type: "double precision", nullable: false),
                    tree = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_score_snapshots", x => x.id);
                    table.UniqueConstraint("ak_score_snapshots_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_score_snapshots_assessments_tenant_id_assessment_id",
                        columns: x => new { x.tenant_id, x.assessment_id },
                        principalTable: "assessments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_score_snapshots_referential_versions_tenant_id_referential_",
                        columns: x => new { x.tenant_id, x.referential_version_id },
                        principalTable: "referential_versions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_score_snapshots_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    previous_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    previous_fait = table.Column<double>(type: "double precision", nullable: true),
                    previous_programme = table.Column<double>(type: "double precision", nullable: true),
                    previous_pas_fait = table.Column<double>(type: "double precision", nullable: true),
                    status_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_fait = table.Column<double>(type: "double precision", nullable: false),
                    status_programme = table.Column<double>(type: "double precision", nullable: false),
                    status_pas_fait = table.Column<double>(type: "double precision", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true),
                    changed_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_status_changes", x => x.id);
                    table.UniqueConstraint("ak_task_status_changes_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_task_status_changes_assessments_tenant_id_assessment_id",
                        columns: x => new { x.tenant_id, x.assessment_id },
                        principalTable: "assessments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_status_changes_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_statuses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_fait = table.Column<double>(type: "double precision", nullable: false),
                    status_programme = table.Column<double>(type: "double precision", nullable: false),
                    status_pas_fait = table.Column<double>(type: "double precision", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_statuses", x => x.id);
                    table.UniqueConstraint("ak_task_statuses_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_task_statuses_assessments_tenant_id_assessment_id",
                        columns: x => new { x.tenant_id, x.assessment_id },
                        principalTable: "assessments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_statuses_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "score_node_totals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    snapshot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    point_fait = table.Column<double>(type: "double precision", nullable: false),
                    point_programme = table.Column<double>(type: "double precision", nullable: false),
                    point_pas_fait = table.Column<double>(type: "double precision", nullable: false),
                    point_potentiel = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_score_node_totals", x => x.id);
                    table.UniqueConstraint("ak_score_node_totals_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_score_node_totals_score_snapshots_tenant_id_snapshot_id",
                        columns: x => new { x.tenant_id, x.snapshot_id },
                        principalTable: "score_snapshots",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_score_node_totals_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_commitments_tenant_id_assessment_id_node_id",
                table: "action_commitments",
                columns: new[] { "tenant_id", "assessment_id", "node_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_tenant_id_campaign_id",
                table: "assessments",
                columns: new[] { "tenant_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assessments_tenant_id_organisation_id_campaign_id",
                table: "assessments",
                columns: new[] { "tenant_id", "organisation_id", "campaign_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_tenant_id_at",
                table: "audit_log",
                columns: new[] { "tenant_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_tenant_id_name",
                table: "campaigns",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_tenant_id_referential_version_id",
                table: "campaigns",
                columns: new[] { "tenant_id", "referential_version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_tenant_id_campaign_id",
                table: "invitations",
                columns: new[] { "tenant_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_tenant_id_organisation_id",
                table: "invitations",
                columns: new[] { "tenant_id", "organisation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_tenant_id_token_hash",
                table: "invitations",
                columns: new[] { "tenant_id", "token_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organisations_tenant_id_rna",
                table: "organisations",
                columns: new[] { "tenant_id", "rna" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organisations_tenant_id_siret",
                table: "organisations",
                columns: new[] { "tenant_id", "siret" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_tenant_id_sent_at_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_tenant_id_unique_key",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "unique_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referential_versions_tenant_id_content_hash",
                table: "referential_versions",
                columns: new[] { "tenant_id", "content_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_score_node_totals_tenant_id_snapshot_id_node_id",
                table: "score_node_totals",
                columns: new[] { "tenant_id", "snapshot_id", "node_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_score_snapshots_tenant_id_assessment_id_kind",
                table: "score_snapshots",
                columns: new[] { "tenant_id", "assessment_id", "kind" },
                unique: true,
                filter: "kind = 'Current'");

            migrationBuilder.CreateIndex(
                name: "ix_score_snapshots_tenant_id_referential_version_id",
                table: "score_snapshots",
                columns: new[] { "tenant_id", "referential_version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_task_status_changes_tenant_id_assessment_id_node_id_changed",
                table: "task_status_changes",
                columns: new[] { "tenant_id", "assessment_id", "node_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_statuses_tenant_id_assessment_id_node_id",
                table: "task_statuses",
                columns: new[] { "tenant_id", "assessment_id", "node_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenant_officers_tenant_id_email",
                table: "tenant_officers",
                columns: new[] { "tenant_id", "email" },
                unique: true);

            migrationBuilder.EnableTenantIsolation(
                "tenant_officers", "organisations", "referential_versions", "campaigns", "assessments", "task_statuses", "task_status_changes", "score_snapshots", "score_node_totals", "action_commitments", "invitations", "outbox_messages", "audit_log");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation(
                "tenant_officers", "organisations", "referential_versions", "campaigns", "assessments", "task_statuses", "task_status_changes", "score_snapshots", "score_node_totals", "action_commitments", "invitations", "outbox_messages", "audit_log");

            migrationBuilder.DropTable(
                name: "action_commitments");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "score_node_totals");

            migrationBuilder.DropTable(
                name: "task_status_changes");

            migrationBuilder.DropTable(
                name: "task_statuses");

            migrationBuilder.DropTable(
                name: "tenant_officers");

            migrationBuilder.DropTable(
                name: "score_snapshots");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "referential_versions");

            migrationBuilder.DropColumn(
                name: "display_name",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "hosts",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "logo",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "logo_content_type",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "settings",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "siren",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "tenants");
        }
    }
}
