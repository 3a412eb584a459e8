using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ObservationLocationSpGist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_location",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_location",
                table: "observations",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "spgist");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_observations_location",
                table: "observations");

            migrationBuilder.CreateIndex(
                name: "ix_observations_location",
                table: "observations",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");
        }
    }
}
