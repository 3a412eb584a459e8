using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ViewportTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_observed_at",
                table: "observations");

            migrationBuilder.DropIndex(
                name: "ix_observations_observed_at_id",
                table: "observations");

            migrationBuilder.AddColumn<double>(
                name: "lat",
                table: "observations",
                type: "double precision",
                nullable: false,
                computedColumnSql: "ST_Y(location)",
                stored: true);

            migrationBuilder.AddColumn<double>(
                name: "lon",
                table: "observations",
                type: "double precision",
                nullable: false,
                computedColumnSql: "ST_X(location)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at_id",
                table: "observations",
                columns: new[] { "observed_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "lon", "lat", "category_id", "retracted" });

            // Viewports read the time index without visiting the table only where the visibility map
            // says the pages are all-visible: vacuum after 1 % new rows (default 20 %), so recent
            // weeks, which the map shows most, are covered soon after they are recorded.
            migrationBuilder.Sql("ALTER TABLE observations SET (autovacuum_vacuum_insert_scale_factor = 0.01)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE observations RESET (autovacuum_vacuum_insert_scale_factor)");

            migrationBuilder.DropIndex(
                name: "ix_observations_observed_at_id",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "lat",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "lon",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at",
                table: "observations",
                column: "observed_at");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at_id",
                table: "observations",
                columns: new[] { "observed_at", "id" });
        }
    }
}
