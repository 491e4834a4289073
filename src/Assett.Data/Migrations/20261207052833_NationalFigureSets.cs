using System;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class NationalFigureSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "national_figure_sets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    invited = table.Column<int>(type: "integer", nullable: false),
                    registered = table.Column<int>(type: "integer", nullable: false),
                    started = table.Column<int>(type: "integer", nullable: false),
                    submitted = table.Column<int>(type: "integer", nullable: false),
                    themes = table.Column<string>(type: "jsonb", nullable: false),
                    cells = table.Column<string>(type: "jsonb", nullable: false),
                    percents = table.Column<double[]>(type: "double precision[]", nullable: false),
                    progress = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_figure_sets", x => x.id);
                    table.UniqueConstraint("ak_national_figure_sets_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_national_figure_sets_campaigns_tenant_id_campaign_id",
                        columns: x => new { x.tenant_id, x.campaign_id },
                        principalTable: "campaigns",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_national_figure_sets_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_figure_sets_tenant_id_campaign_id",
                table: "national_figure_sets",
                columns: new[] { "tenant_id", "campaign_id" },
                unique: true);

            migrationBuilder.EnableTenantIsolation("national_figure_sets");
            // No backfill here: the sets are computed by the web app (NationalFiguresJob, every five minutes, or the
            // console's first request for a campaign without one).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "national_figure_sets");
        }
    }
}
