using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InterventionNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_en",
                table: "interventions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_fr",
                table: "interventions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_nl",
                table: "interventions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "name_en",
                table: "interventions");

            migrationBuilder.DropColumn(
                name: "name_fr",
                table: "interventions");

            migrationBuilder.DropColumn(
                name: "name_nl",
                table: "interventions");
        }
    }
}
