using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awaiting_approval",
                table: "organisations",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "awaiting_approval",
                table: "organisations");
        }
    }
}
