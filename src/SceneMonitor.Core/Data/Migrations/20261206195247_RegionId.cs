using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegionId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "observations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValueSql: "coalesce(nullif(current_setting('scenemonitor.region', true), ''), 'brussels')");

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "interventions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValueSql: "coalesce(nullif(current_setting('scenemonitor.region', true), ''), 'brussels')");

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "areas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValueSql: "coalesce(nullif(current_setting('scenemonitor.region', true), ''), 'brussels')");

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "analyses",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValueSql: "coalesce(nullif(current_setting('scenemonitor.region', true), ''), 'brussels')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "region",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "region",
                table: "interventions");

            migrationBuilder.DropColumn(
                name: "region",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "region",
                table: "analyses");
        }
    }
}
