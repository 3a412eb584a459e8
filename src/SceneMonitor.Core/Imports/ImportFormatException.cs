namespace SceneMonitor.Core.Imports;

/// <summary>The file cannot be read on (broken quoting, wrong encoding, no usable header): the whole
/// import is rejected with these errors (usually one), which name the row (file line) and, where
/// known, the column. Errors about the file's columns carry a code and the field concerned, so that
/// the page can say it in the user's language and offer to map a column.</summary>
public sealed class ImportFormatException : Exception
{
    public ImportFormatException(long row, string? column, string reason, string? code = null, string? field = null)
        : this([new ImportError(row, column, reason, code, field)]) { }

    public ImportFormatException(IReadOnlyList<ImportError> errors)
        : base(errors[0].Row > 0 ? $"row {errors[0].Row}: {errors[0].Reason}" : errors[0].Reason) => Errors = errors;

    public IReadOnlyList<ImportError> Errors { get; }
    public long Row => Errors[0].Row;
    public string? Column => Errors[0].Column;
    public string Reason => Errors[0].Reason;
}

/// <summary>One problem with one row: the row number (file line for CSV, item number for JSON),
/// the column as named in the file, and why. <paramref name="Code"/> (stable, e.g. column-missing) and
/// <paramref name="Field"/> (the column parameter, e.g. lat) are set for problems with the columns.</summary>
public sealed record ImportError(long Row, string? Column, string Reason, string? Code = null, string? Field = null);

/// <summary>Stable codes of the errors that concern the file's columns rather than a row.</summary>
public static class ImportErrorCodes
{
    /// <summary>No column holds a required field (category, location, time): map one.</summary>
    public const string ColumnMissing = "column-missing";
    /// <summary>A column named for a field (?lat=Breedte, or a saved mapping) is not in the file.</summary>
    public const string ColumnNotFound = "column-not-found";
    /// <summary>No source column and no default source.</summary>
    public const string SourceMissing = "source-missing";
    /// <summary>mode=update without a reference column: rows cannot be matched.</summary>
    public const string RefRequired = "ref-required";
}
