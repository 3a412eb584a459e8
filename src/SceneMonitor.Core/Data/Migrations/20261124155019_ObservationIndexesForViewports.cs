using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ObservationIndexesForViewports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_category_id",
                table: "observations");

            migrationBuilder.DropIndex(
                name: "ix_observations_observed_at",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_category_id_observed_at",
                table: "observations",
                columns: new[] { "category_id", "observed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_category_id_observed_at",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_category_id",
                table: "observations",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at",
                table: "observations",
                column: "observed_at");
        }
    }
}
