using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ViewportCellIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_observed_at_id",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at_id",
                table: "observations",
                columns: new[] { "observed_at", "id" });

            // Map viewports: one short range scan per cell (ViewportCells) and category over the
            // window, answered from the index alone (it carries every column the map's page reads),
            // so a viewport reads a few index pages instead of one table page per point. The
            // expression must stay ViewportCells.Sql's for the planner to use the index.
            migrationBuilder.Sql("""
                CREATE INDEX ix_observations_cell ON observations
                    (((floor(lon * 100)::int + 18000) * 20000 + (floor(lat * 100)::int + 9000)), category_id, observed_at)
                    INCLUDE (id, lon, lat, retracted, quantity, source, organisation, note, retracted_reason)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_observations_cell");

            migrationBuilder.DropIndex(
                name: "ix_observations_observed_at_id",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at_id",
                table: "observations",
                columns: new[] { "observed_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "lon", "lat", "category_id", "retracted" });
        }
    }
}
