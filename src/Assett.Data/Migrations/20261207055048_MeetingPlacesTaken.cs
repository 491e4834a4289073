using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeetingPlacesTaken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_meeting_registrations_tenant_id_meeting_id_state",
                table: "meeting_registrations",
                columns: new[] { "tenant_id", "meeting_id", "state" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_meeting_registrations_tenant_id_meeting_id_state",
                table: "meeting_registrations");
        }
    }
}
