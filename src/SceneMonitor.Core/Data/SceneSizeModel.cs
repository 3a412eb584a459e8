using Microsoft.EntityFrameworkCore;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Core.Data;

/// <summary>Tables of the multiplier method's inputs (aggregates only). The checks repeat the API's
/// rules so that no other writer can store a count the method cannot use.</summary>
public static class SceneSizeModel
{
    public const int TextMax = 200;
    public const int SitesMax = 500;

    public static void Configure(ModelBuilder b)
    {
        b.Entity<SceneSizeBenchmark>(e =>
        {
            e.ToTable("scene_size_benchmarks", t =>
            {
                t.HasCheckConstraint("ck_scene_size_benchmarks_count", "count >= 1");
                t.HasCheckConstraint("ck_scene_size_benchmarks_period", "(period_from IS NULL) = (period_to IS NULL) AND (period_to IS NULL OR period_to >= period_from)");
            });
            e.Property(x => x.Source).HasMaxLength(TextMax);
            e.Property(x => x.Population).HasMaxLength(TextMax);
            e.Property(x => x.Organisation).HasMaxLength(128);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            // An area with benchmarks cannot be deleted until they are (the API says so with a 409).
            e.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.Year, x.AreaId });
        });

        b.Entity<MultiplierSurvey>(e =>
        {
            e.ToTable("multiplier_surveys", t =>
            {
                t.HasCheckConstraint("ck_multiplier_surveys_counts", "interviewed >= 1 AND in_register >= 1 AND in_register <= interviewed");
                t.HasCheckConstraint("ck_multiplier_surveys_fieldwork", "fieldwork_to IS NULL OR fieldwork_from IS NULL OR fieldwork_to >= fieldwork_from");
            });
            e.Property(x => x.RecruitmentSites).HasMaxLength(SitesMax);
            e.Property(x => x.Organisation).HasMaxLength(128);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            e.HasOne<SceneSizeBenchmark>().WithMany().HasForeignKey(x => x.BenchmarkId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
