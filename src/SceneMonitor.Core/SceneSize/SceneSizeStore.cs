using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.SceneSize;

/// <summary>Reads the multiplier method's inputs as the estimates need them: every survey with its
/// benchmark and the benchmark's area, and the areas' boundaries for the map and the GeoJSON file.</summary>
public sealed class SceneSizeStore(NpgsqlDataSource db)
{
    public sealed record AreaRef(int Id, string Name, string? NameFr, string? NameNl, string Kind, string? Code);

    /// <summary>One survey paired with its benchmark: one multiplier estimate.</summary>
    public sealed record Pair(int SurveyId, int BenchmarkId, AreaRef Area, int Year, string Population, string Source, int Benchmark,
        int Interviewed, int InRegister, string RecruitmentSites, DateOnly? PeriodFrom, DateOnly? PeriodTo, DateOnly? FieldworkFrom, DateOnly? FieldworkTo);

    /// <summary>Every pair, optionally of one year and one area, by year, area name and benchmark.</summary>
    public async Task<List<Pair>> PairsAsync(int? year, int? areaId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT s.id, b.id, a.id, a.name, a.name_fr, a.name_nl, a.kind, a.code, b.year, b.population, b.source, b.count,
                   s.interviewed, s.in_register, s.recruitment_sites, b.period_from, b.period_to, s.fieldwork_from, s.fieldwork_to
            FROM multiplier_surveys s
            JOIN scene_size_benchmarks b ON b.id = s.benchmark_id
            JOIN areas a ON a.id = b.area_id
            WHERE (@year::int IS NULL OR b.year = @year) AND (@area::int IS NULL OR b.area_id = @area)
            ORDER BY b.year, a.name, b.id, s.id
            """);
        cmd.Parameters.AddWithValue("year", NpgsqlDbType.Integer, (object?)year ?? DBNull.Value);
        cmd.Parameters.AddWithValue("area", NpgsqlDbType.Integer, (object?)areaId ?? DBNull.Value);
        var pairs = new List<Pair>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            pairs.Add(new Pair(r.GetInt32(0), r.GetInt32(1),
                new AreaRef(r.GetInt32(2), r.GetString(3), Text(r, 4), Text(r, 5), r.GetString(6), Text(r, 7)),
                r.GetInt32(8), r.GetString(9), r.GetString(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13), r.GetString(14),
                Day(r, 15), Day(r, 16), Day(r, 17), Day(r, 18)));
        return pairs;
    }

    /// <summary>The boundaries of <paramref name="areaIds"/> as GeoJSON geometries (7 decimals).</summary>
    public async Task<Dictionary<int, string>> BoundariesAsync(IReadOnlyCollection<int> areaIds, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT id, ST_AsGeoJSON(geometry, 7) FROM areas WHERE id = ANY(@ids)");
        cmd.Parameters.AddWithValue("ids", areaIds.ToArray());
        var shapes = new Dictionary<int, string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) shapes[r.GetInt32(0)] = r.GetString(1);
        return shapes;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateOnly? Day(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
}
