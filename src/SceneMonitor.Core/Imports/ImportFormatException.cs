namespace SceneMonitor.Core.Imports;

/// <summary>The file cannot be read on (broken quoting, wrong encoding, no usable header): the whole
/// import is rejected with this one error, which names the row (file line) and, where known, the column.</summary>
public sealed class ImportFormatException(long row, string? column, string reason)
    : Exception(row > 0 ? $"row {row}: {reason}" : reason)
{
    public long Row { get; } = row;
    public string? Column { get; } = column;
    public string Reason { get; } = reason;
}

/// <summary>One problem with one row: the row number (file line for CSV, item number for JSON),
/// the column as named in the file, and why.</summary>
public sealed record ImportError(long Row, string? Column, string Reason);

/// <summary>How an error message quotes a value from the file. Errors are stored with the import, so a
/// value that looks like personal data (a name, an e-mail address…) is not repeated, only located.</summary>
public static class Echo
{
    public static string Of(ReadOnlySpan<char> value)
    {
        var text = value.Length <= 40 ? value.ToString() : string.Concat(value[..40], "…");
        return Observations.PersonalDataScanner.Scan(text) is null ? $"'{text}'" : "the value (not repeated: it looks like personal data)";
    }
}
