using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SceneMonitor.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "analyses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    parameters_hash = table.Column<string>(type: "text", nullable: false),
                    parameters_json = table.Column<string>(type: "jsonb", nullable: false),
                    result_json = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analyses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    name_fr = table.Column<string>(type: "text", nullable: true),
                    name_nl = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "text", nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    label_nl = table.Column<string>(type: "text", nullable: false),
                    label_fr = table.Column<string>(type: "text", nullable: false),
                    label_en = table.Column<string>(type: "text", nullable: false),
                    icon = table.Column<string>(type: "text", nullable: false),
                    colour = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    core = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "interventions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    pillar = table.Column<string>(type: "text", nullable: false),
                    target_area = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interventions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sweeps",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "text", nullable: false),
                    organisation = table.Column<string>(type: "text", nullable: true),
                    area = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sweeps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "observations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    category_id = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    organisation = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    external_ref = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    note = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retracted = table.Column<bool>(type: "boolean", nullable: false),
                    retracted_reason = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: true),
                    retracted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retracted_by = table.Column<string>(type: "text", nullable: true),
                    coarsened = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observations", x => x.id);
                    table.CheckConstraint("ck_observations_note_length", "char_length(note) <= 280");
                    table.CheckConstraint("ck_observations_quantity", "quantity BETWEEN 1 AND 10000");
                    table.ForeignKey(
                        name: "fk_observations_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "categories",
                columns: new[] { "id", "active", "code", "colour", "core", "icon", "label_en", "label_fr", "label_nl", "sort_order" },
                values: new object[,]
                {
                    { 1, true, "consumption_site", "#D55E00", true, "circle", "Consumption site", "Lieu de consommation", "Gebruiksplek", 1 },
                    { 2, true, "dealing_point", "#CC79A7", true, "diamond", "Dealing point", "Point de deal", "Dealplek", 2 },
                    { 3, true, "discarded_pipe", "#E69F00", true, "square", "Discarded crack pipe", "Pipe à crack abandonnée", "Achtergelaten crackpijp", 3 },
                    { 4, true, "ammonia_bottle", "#56B4E9", true, "triangle", "Ammonia bottle", "Bouteille d'ammoniaque", "Fles met ammoniak", 4 },
                    { 5, true, "syringe", "#0072B2", true, "cross", "Syringe", "Seringue", "Spuit", 5 },
                    { 6, true, "complaint", "#009E73", true, "star", "Residents' complaint", "Plainte de riverains", "Klacht van buurtbewoners", 6 },
                    { 7, true, "drug_litter_other", "#F0E442", false, "square-open", "Other drug litter", "Autres déchets liés à la drogue", "Ander druggerelateerd afval", 7 },
                    { 8, true, "human_waste", "#8C6D31", false, "triangle-down", "Human waste", "Urine ou excréments", "Urine of uitwerpselen", 8 },
                    { 9, true, "gathering", "#7F7F7F", false, "hexagon", "Gathering", "Groupe présent", "Groep aanwezig", 9 },
                    { 10, true, "nuisance_noise", "#999933", false, "wave", "Noise nuisance", "Nuisances sonores", "Geluidsoverlast", 10 },
                    { 11, true, "aggression_incident", "#882255", false, "bolt", "Aggression incident", "Incident d'agression", "Agressie-incident", 11 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_analyses_parameters_hash",
                table: "analyses",
                column: "parameters_hash");

            migrationBuilder.CreateIndex(
                name: "ix_areas_geometry",
                table: "areas",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_areas_kind_code",
                table: "areas",
                columns: new[] { "kind", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_categories_code",
                table: "categories",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_interventions_starts_at",
                table: "interventions",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_observations_category_id",
                table: "observations",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_observations_location",
                table: "observations",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at",
                table: "observations",
                column: "observed_at");

            migrationBuilder.CreateIndex(
                name: "ix_observations_observed_at_id",
                table: "observations",
                columns: new[] { "observed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_observations_source_external_ref",
                table: "observations",
                columns: new[] { "source", "external_ref" },
                unique: true,
                filter: "external_ref IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sweeps_area",
                table: "sweeps",
                column: "area")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_sweeps_from_to",
                table: "sweeps",
                columns: new[] { "from", "to" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analyses");

            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "interventions");

            migrationBuilder.DropTable(
                name: "observations");

            migrationBuilder.DropTable(
                name: "sweeps");

            migrationBuilder.DropTable(
                name: "categories");
        }
    }
}
