using Microsoft.EntityFrameworkCore;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Core.Data;

public sealed class SceneMonitorDb(DbContextOptions<SceneMonitorDb> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<Sweep> Sweeps => Set<Sweep>();
    public DbSet<SavedAnalysis> Analyses => Set<SavedAnalysis>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<SceneSizeBenchmark> SceneSizeBenchmarks => Set<SceneSizeBenchmark>();
    public DbSet<MultiplierSurvey> MultiplierSurveys => Set<MultiplierSurvey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("postgis");

        b.Entity<Category>(e =>
        {
            e.HasIndex(c => c.Code).IsUnique();
            e.Property(c => c.Code).HasMaxLength(64);
            e.Property(c => c.Colour).HasMaxLength(7);
            e.HasData(CategorySeed.All);
        });

        b.Entity<Observation>(e =>
        {
            e.Property(o => o.Location).HasColumnType("geometry(Point,4326)");
            e.HasRegion();
            // No GiST index on location: bbox reads go through the cell index (ViewportCells), which
            // costs a little over half the GiST's maintenance on ingest; spatial tests against areas and
            // zones come with a time window, which the time index serves (bench/notes.md, "Ingest").
            e.Property(o => o.Lon).HasComputedColumnSql("ST_X(location)", stored: true);
            e.Property(o => o.Lat).HasComputedColumnSql("ST_Y(location)", stored: true);
            // Time filters and keyset paging; map viewports have their own index on (cell, category,
            // time), an expression index created in SQL (migration ViewportCellIndex, ViewportCells).
            e.HasIndex(o => new { o.ObservedAt, o.Id });
            // Idempotency keys belong to the organisation that recorded them: another organisation's
            // (source, external_ref) is a different key, so posting it neither reveals nor takes over
            // the stored record (docs/api.md). Chosen over answering 409 for a foreign key: a 409
            // would still confirm that another organisation recorded that key (e.g. a round at a
            // given time). NULLS NOT DISTINCT: writers without an organisation (admins) share one
            // key space instead of never matching.
            e.HasIndex(o => new { o.Organisation, o.Source, o.ExternalRef }).IsUnique().AreNullsDistinct(false)
                .HasFilter("external_ref IS NOT NULL");
            // "Is this the demo data set?" (/api/info, at every page start): without it a database
            // with no demo rows answers by reading every row (0.4 s at 1 M). Empty outside a demo,
            // so it costs writes nothing.
            e.HasIndex(o => o.Organisation).HasDatabaseName("ix_observations_demo_rows")
                .HasFilter($"organisation = '{SceneMonitor.Core.Demo.DemoDataGenerator.Organisation}'");
            e.Property(o => o.Source).HasMaxLength(64);
            e.Property(o => o.Organisation).HasMaxLength(128);
            e.Property(o => o.RecordedBy).HasMaxLength(128);
            e.Property(o => o.ExternalRef).HasMaxLength(128);
            e.Property(o => o.Note).HasMaxLength(280);
            e.Property(o => o.RetractedReason).HasMaxLength(280);
            e.HasOne(o => o.Category).WithMany().HasForeignKey(o => o.CategoryId).OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_observations_quantity", "quantity BETWEEN 1 AND 10000");
                t.HasCheckConstraint("ck_observations_note_length", "char_length(note) <= 280");
            });
        });

        b.Entity<Area>(e =>
        {
            e.Property(a => a.Geometry).HasColumnType("geometry(Geometry,4326)");
            e.HasRegion();
            e.HasIndex(a => a.Geometry).HasMethod("gist");
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(a => new { a.Kind, a.Code });
        });

        b.Entity<Intervention>(e =>
        {
            e.Property(i => i.TargetArea).HasColumnType("geometry(Geometry,4326)");
            e.HasRegion();
            e.HasIndex(i => i.StartsAt);
            e.Property(i => i.NameNl).HasMaxLength(200);
            e.Property(i => i.NameFr).HasMaxLength(200);
            e.Property(i => i.NameEn).HasMaxLength(200);
        });

        b.Entity<Sweep>(e =>
        {
            e.Property(s => s.Area).HasColumnType("geometry(Geometry,4326)");
            e.HasIndex(s => s.Area).HasMethod("gist");
            e.HasIndex(s => new { s.From, s.To });
        });

        b.Entity<SavedAnalysis>(e =>
        {
            e.ToTable("analyses");
            e.HasRegion();
            e.HasIndex(a => a.ParametersHash);
            e.Property(a => a.ParametersJson).HasColumnType("jsonb");
            e.Property(a => a.ResultJson).HasColumnType("jsonb");
        });

        b.Entity<Account>(e =>
        {
            e.HasIndex(a => a.Username).IsUnique();
            e.Property(a => a.Username).HasMaxLength(128);
            e.Property(a => a.Role).HasMaxLength(16);
            e.Property(a => a.Organisation).HasMaxLength(128);
            e.Property(a => a.SecurityStamp).HasMaxLength(32);
            e.ToTable(t => t.HasCheckConstraint("ck_accounts_role", "role IN ('recorder', 'analyst', 'planner', 'admin')"));
        });

        b.Entity<ApiKey>(e =>
        {
            e.HasIndex(k => k.Hash).IsUnique();
            e.Property(k => k.Name).HasMaxLength(200);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.Property(k => k.Role).HasMaxLength(16);
            e.Property(k => k.Organisation).HasMaxLength(128);
            e.Property(k => k.CreatedBy).HasMaxLength(128);
            e.ToTable(t => t.HasCheckConstraint("ck_api_keys_role", "role IN ('recorder', 'analyst', 'planner')"));
        });

        b.Entity<AuditEntry>(e =>
        {
            // Append-only: the AddSecurity migration adds triggers that refuse UPDATE, DELETE and TRUNCATE.
            e.ToTable("audit_log");
            e.Property(a => a.At).HasDefaultValueSql("now()");
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Role).HasMaxLength(16);
            e.Property(a => a.Organisation).HasMaxLength(128);
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Target).HasMaxLength(300);
            e.Property(a => a.Parameters).HasColumnType("jsonb");
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Actor, a.At });
            e.HasIndex(a => new { a.Action, a.At });
        });

        b.Entity<ImportRecord>(e =>
        {
            e.ToTable("imports");
            e.Property(i => i.CreatedBy).HasMaxLength(200);
            e.Property(i => i.Organisation).HasMaxLength(128);
            e.Property(i => i.State).HasMaxLength(16);
            e.Property(i => i.Format).HasMaxLength(16);
            e.Property(i => i.FileSha256).HasMaxLength(64);
            e.Property(i => i.Errors).HasColumnType("jsonb");
            e.Property(i => i.Warnings).HasColumnType("jsonb");
            e.Property(i => i.Mode).HasMaxLength(16).HasDefaultValue(SceneMonitor.Core.Imports.ImportModes.Insert);
            e.HasIndex(i => new { i.Organisation, i.CreatedAt });
            e.HasIndex(i => i.State);
        });

        b.Entity<ImportMapping>(e =>
        {
            e.ToTable("import_mappings");
            e.Property(m => m.Organisation).HasMaxLength(128);
            e.Property(m => m.Signature).HasMaxLength(64);
            e.Property(m => m.Headers).HasColumnType("jsonb");
            e.Property(m => m.Columns).HasColumnType("jsonb");
            e.Property(m => m.UpdatedBy).HasMaxLength(200);
            // One mapping per organisation and set of columns; admins without an organisation share one.
            e.HasIndex(m => new { m.Organisation, m.Signature }).IsUnique().AreNullsDistinct(false);
        });
        SceneSizeModel.Configure(b);

        b.Entity<Setting>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
        });
    }
}
