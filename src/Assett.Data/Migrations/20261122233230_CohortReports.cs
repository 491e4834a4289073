using System;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class CohortReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cohort_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    requested_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cohort_reports", x => x.id);
                    table.UniqueConstraint("ak_cohort_reports_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_cohort_reports_campaigns_tenant_id_campaign_id",
                        columns: x => new { x.tenant_id, x.campaign_id },
                        principalTable: "campaigns",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_cohort_reports_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cohort_reports_tenant_id_campaign_id",
                table: "cohort_reports",
                columns: new[] { "tenant_id", "campaign_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cohort_reports_tenant_id_created_at",
                table: "cohort_reports",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cohort_reports_tenant_id_period",
                table: "cohort_reports",
                columns: new[] { "tenant_id", "period" },
                unique: true,
                filter: "period IS NOT NULL");

            migrationBuilder.EnableTenantIsolation("cohort_reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cohort_reports");
        }
    }
}
