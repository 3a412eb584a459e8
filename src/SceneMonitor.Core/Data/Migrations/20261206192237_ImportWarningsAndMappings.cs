using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportWarningsAndMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mode",
                table: "imports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "insert");

            migrationBuilder.AddColumn<long>(
                name: "unchanged",
                table: "imports",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "updated",
                table: "imports",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "warnings",
                table: "imports",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "import_mappings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    organisation = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    signature = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    headers = table.Column<string>(type: "jsonb", nullable: false),
                    columns = table.Column<string>(type: "jsonb", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_mappings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_mappings_organisation_signature",
                table: "import_mappings",
                columns: new[] { "organisation", "signature" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_mappings");

            migrationBuilder.DropColumn(
                name: "mode",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "unchanged",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "updated",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "warnings",
                table: "imports");
        }
    }
}
