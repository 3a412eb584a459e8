namespace SceneMonitor.Core.Imports;

/// <summary>Something the import did that the file did not say: a column it left unread, a field it
/// filled in for every row, the time column it chose, a coordinate transformation. Shown with the
/// dry run so that nothing is stored differently from what the user expects without being said.
/// Codes are stable and the page says them in the user's language from the code and the structured
/// members (<see cref="Field"/>, <see cref="Value"/>, <see cref="Count"/> of <see cref="Total"/>);
/// the message is English, for API clients. Stored with the import, so a background import's
/// progress answer lists them as the dry run does.</summary>
public sealed record ImportWarning(string Code, string? Column, string Message)
{
    /// <summary>The column parameter of the field concerned (quantity, category, ...).</summary>
    public string? Field { get; init; }
    /// <summary>The value assumed (the default source, the CRS transformed from).</summary>
    public string? Value { get; init; }
    /// <summary>Rows concerned, of <see cref="Total"/> rows read.</summary>
    public long? Count { get; init; }
    public long? Total { get; init; }
}

public static class ImportWarnings
{
    /// <summary>The warnings of a file read with <paramref name="map"/> (for JSON: its first item).</summary>
    public static List<ImportWarning> Of(ColumnMap? map, RowConverter converter, long rowsRead, string? crs)
    {
        var list = new List<ImportWarning>();
        if (crs is not null) list.Add(new("crs", "geometry", $"coordinates transformed from {crs} to WGS84 (EPSG:4326)") { Value = crs });
        if (map is null) return list;

        var time = map.NameOf(ImportField.Time);
        switch (map.TimeFrom)
        {
            case ColumnMap.TimeSource.FormStart:
                list.Add(new("time-from-form", time, $"observation time from '{time}' (when the form was opened){Also(map, "end", "_submission_time", "submissiondate")}") { Field = "time", Value = "start" });
                break;
            case ColumnMap.TimeSource.FormEnd:
                list.Add(new("time-from-form", time, $"observation time from '{time}' (when the form was saved){Also(map, "_submission_time", "submissiondate")}") { Field = "time", Value = "end" });
                break;
            case ColumnMap.TimeSource.SyncTime:
                list.Add(new("time-from-sync", time, $"observation time from '{time}', when the phone sent the form, which can be hours or days after the observation: map the form's time question to time") { Field = "time" });
                break;
        }

        foreach (var field in map.MatchedByWord)
            list.Add(new("column-by-label", map.NameOf(field), $"{ColumnMap.Aliases[field][0]} read from column '{map.NameOf(field)}' (a word of its label): map another column to {ColumnMap.Parameters[field]} if that is wrong") { Field = ColumnMap.Parameters[field] });
        if (!map.Has(ImportField.Quantity)) list.Add(new("quantity-default", null, "no quantity column: quantity 1 for all rows") { Field = "quantity", Count = rowsRead, Total = rowsRead });
        else if (converter.QuantityDefaulted > 0)
            list.Add(new("quantity-default", map.NameOf(ImportField.Quantity), $"quantity empty in {ImportFormats.Count(converter.QuantityDefaulted)} of {ImportFormats.Count(rowsRead)} rows: 1 used") { Field = "quantity", Count = converter.QuantityDefaulted, Total = rowsRead });
        if (!map.Has(ImportField.Source) && converter.DefaultSource is { } source)
            list.Add(new("source-default", null, $"no source column: source '{source}' for all rows") { Field = "source", Value = source });
        if (!map.Has(ImportField.ExternalRef))
            list.Add(new("ref-derived", null, "no reference column: each row is recognised on re-import by its content, so an edited row is imported again as a new observation") { Field = "externalRef" });
        if (!map.Has(ImportField.Note)) list.Add(new("note-none", null, "no note column: no notes stored") { Field = "note" });

        foreach (var column in map.Unused())
            list.Add(new("column-unused", column, $"column '{column}' is not used"));
        return list;
    }

    /// <summary>Names the other time columns present, so the choice is visible.</summary>
    private static string Also(ColumnMap map, params string[] others)
    {
        var present = map.Names.Where(n => others.Contains(ColumnMap.Normalise(n))).ToList();
        return present.Count == 0 ? "" : $", not from {string.Join(" or ", present.Select(n => $"'{n}'"))}";
    }
}
