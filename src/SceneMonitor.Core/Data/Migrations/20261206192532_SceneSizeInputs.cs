using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SceneSizeInputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scene_size_benchmarks",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    area_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: true),
                    period_to = table.Column<DateOnly>(type: "date", nullable: true),
                    count = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    population = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organisation = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scene_size_benchmarks", x => x.id);
                    table.CheckConstraint("ck_scene_size_benchmarks_count", "count >= 1");
                    table.CheckConstraint("ck_scene_size_benchmarks_period", "(period_from IS NULL) = (period_to IS NULL) AND (period_to IS NULL OR period_to >= period_from)");
                    table.ForeignKey(
                        name: "fk_scene_size_benchmarks_areas_area_id",
                        column: x => x.area_id,
                        principalTable: "areas",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "multiplier_surveys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    benchmark_id = table.Column<int>(type: "integer", nullable: false),
                    interviewed = table.Column<int>(type: "integer", nullable: false),
                    in_register = table.Column<int>(type: "integer", nullable: false),
                    fieldwork_from = table.Column<DateOnly>(type: "date", nullable: true),
                    fieldwork_to = table.Column<DateOnly>(type: "date", nullable: true),
                    recruitment_sites = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    organisation = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_multiplier_surveys", x => x.id);
                    table.CheckConstraint("ck_multiplier_surveys_counts", "interviewed >= 1 AND in_register >= 1 AND in_register <= interviewed");
                    table.CheckConstraint("ck_multiplier_surveys_fieldwork", "fieldwork_to IS NULL OR fieldwork_from IS NULL OR fieldwork_to >= fieldwork_from");
                    table.ForeignKey(
                        name: "fk_multiplier_surveys_scene_size_benchmarks_benchmark_id",
                        column: x => x.benchmark_id,
                        principalTable: "scene_size_benchmarks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_multiplier_surveys_benchmark_id",
                table: "multiplier_surveys",
                column: "benchmark_id");

            migrationBuilder.CreateIndex(
                name: "ix_scene_size_benchmarks_area_id",
                table: "scene_size_benchmarks",
                column: "area_id");

            migrationBuilder.CreateIndex(
                name: "ix_scene_size_benchmarks_year_area_id",
                table: "scene_size_benchmarks",
                columns: new[] { "year", "area_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "multiplier_surveys");

            migrationBuilder.DropTable(
                name: "scene_size_benchmarks");
        }
    }
}
