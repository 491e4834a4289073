using System;
using System.Collections.Generic;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeetingMaterials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "follow_up",
                table: "meetings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "follow_up_sent_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "invited_organisations",
                table: "meetings",
                type: "uuid[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "links",
                table: "meetings",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "meeting_mail_opt_outs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_mail_opt_outs", x => x.id);
                    table.UniqueConstraint("ak_meeting_mail_opt_outs_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_meeting_mail_opt_outs_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_materials",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    added_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_materials", x => x.id);
                    table.UniqueConstraint("ak_meeting_materials_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_meeting_materials_size", "size > 0 AND size <= 10485760");
                    table.ForeignKey(
                        name: "fk_meeting_materials_meetings_tenant_id_meeting_id",
                        columns: x => new { x.tenant_id, x.meeting_id },
                        principalTable: "meetings",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_meeting_materials_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meeting_mail_opt_outs_tenant_id_email_kind",
                table: "meeting_mail_opt_outs",
                columns: new[] { "tenant_id", "email", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meeting_materials_tenant_id_meeting_id",
                table: "meeting_materials",
                columns: new[] { "tenant_id", "meeting_id" });
            migrationBuilder.EnableTenantIsolation("meeting_materials", "meeting_mail_opt_outs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_mail_opt_outs");

            migrationBuilder.DropTable(
                name: "meeting_materials");

            migrationBuilder.DropColumn(
                name: "follow_up",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "follow_up_sent_at",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "invited_organisations",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "links",
                table: "meetings");
        }
    }
}
