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
