using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Assett.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_tenant_id_sent_at_next_attempt_at",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<string>(
                name: "last_error",
                table: "outbox_messages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "failed_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_due",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "next_attempt_at" },
                filter: "sent_at IS NULL AND failed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_due",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "failed_at",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<string>(
                name: "last_error",
                table: "outbox_messages",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_tenant_id_sent_at_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "sent_at", "next_attempt_at" });
        }
    }
}
