using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Imports;

/// <summary>A saved column mapping as the API shows it: for files whose columns have
/// <see cref="Signature"/>, column parameter (lat, time, ...) → the file's column.</summary>
public sealed record SavedMapping(
    string Signature, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> Columns, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    /// <summary>The mapping as import column overrides.</summary>
    public Dictionary<ImportField, string> Overrides() =>
        ColumnMap.Parameters.Where(p => Columns.ContainsKey(p.Value)).ToDictionary(p => p.Key, p => Columns[p.Value]);

    /// <summary>Problems with a mapping to be saved, by field name (empty when it is valid): every
    /// key a column parameter, every column one of <paramref name="headers"/> and read by one field
    /// only, latitude and longitude together.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<string>? headers, IReadOnlyDictionary<string, string>? columns)
    {
        var errors = new Dictionary<string, string[]>();
        if (headers is null || headers.Count == 0 || headers.Count > CsvReader.MaxFields)
            errors["headers"] = [$"give the file's column names (1 to {CsvReader.MaxFields})"];
        else if (headers.Any(h => string.IsNullOrWhiteSpace(h) || h.Length > 200))
            errors["headers"] = ["column names must be 1 to 200 characters"];
        if (columns is null || columns.Count == 0)
        {
            errors["columns"] = ["map at least one column, e.g. {\"lat\": \"Breedtegraad\"}"];
            return errors;
        }
        var known = ColumnMap.Parameters.Values.ToHashSet();
        foreach (var (field, column) in columns)
        {
            if (!known.Contains(field)) errors[$"columns.{field}"] = [$"is not a field: use {string.Join(", ", known)}"];
            else if (headers is not null && !headers.Any(h => ColumnMap.Normalise(h) == ColumnMap.Normalise(column ?? "")))
                errors[$"columns.{field}"] = ["is not one of the file's columns"];
        }
        if (columns.ContainsKey("lat") != columns.ContainsKey("lon")) errors["columns"] = ["map lat and lon together, or neither"];
        else if (columns.Values.GroupBy(c => ColumnMap.Normalise(c ?? "")).Any(g => g.Count() > 1)) errors["columns"] = ["each column may be mapped to one field only"];
        return errors;
    }
}

/// <summary>The import_mappings table: one mapping per organisation and column signature.</summary>
public sealed class ImportMappingStore(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Select = "SELECT signature, headers::text, columns::text, updated_by, updated_at FROM import_mappings";
    // Admins without an organisation share one set (NULLS NOT DISTINCT, as the unique index).
    private const string Owned = "organisation IS NOT DISTINCT FROM @org";

    public async Task<SavedMapping?> GetAsync(string? organisation, string signature, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"{Select} WHERE {Owned} AND signature = @sig");
        Parameters(cmd, organisation, signature);
        var list = await ReadAsync(cmd, ct);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<List<SavedMapping>> ListAsync(string? organisation, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"{Select} WHERE {Owned} ORDER BY updated_at DESC, id DESC");
        cmd.Parameters.AddWithValue("org", NpgsqlDbType.Varchar, (object?)organisation ?? DBNull.Value);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>Creates or replaces the organisation's mapping for these columns; returns it and the one it replaced.</summary>
    public async Task<(SavedMapping Saved, SavedMapping? Before)> SaveAsync(
        string? organisation, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string> columns, string by, CancellationToken ct)
    {
        var signature = ImportPreview.SignatureOf(headers);
        var before = await GetAsync(organisation, signature, ct);
        await using var cmd = db.CreateCommand($"""
            INSERT INTO import_mappings (organisation, signature, headers, columns, updated_by, updated_at)
            VALUES (@org, @sig, @headers, @columns, @by, now())
            ON CONFLICT (organisation, signature) DO UPDATE
              SET headers = excluded.headers, columns = excluded.columns, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            RETURNING signature, headers::text, columns::text, updated_by, updated_at
            """);
        Parameters(cmd, organisation, signature);
        cmd.Parameters.AddWithValue("headers", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(headers, Json));
        cmd.Parameters.AddWithValue("columns", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(columns, Json));
        cmd.Parameters.AddWithValue("by", by);
        return ((await ReadAsync(cmd, ct))[0], before);
    }

    public async Task<SavedMapping?> DeleteAsync(string? organisation, string signature, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            DELETE FROM import_mappings WHERE {Owned} AND signature = @sig
            RETURNING signature, headers::text, columns::text, updated_by, updated_at
            """);
        Parameters(cmd, organisation, signature);
        var list = await ReadAsync(cmd, ct);
        return list.Count == 0 ? null : list[0];
    }

    private static void Parameters(NpgsqlCommand cmd, string? organisation, string signature)
    {
        cmd.Parameters.AddWithValue("org", NpgsqlDbType.Varchar, (object?)organisation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("sig", signature);
    }

    private static async Task<List<SavedMapping>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<SavedMapping>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new SavedMapping(r.GetString(0),
                JsonSerializer.Deserialize<List<string>>(r.GetString(1), Json) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2), Json) ?? [],
                r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)));
        return list;
    }
}
