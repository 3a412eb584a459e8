namespace SceneMonitor.Core.Imports;

public enum ImportField { Category, Longitude, Latitude, Wkt, GeoPoint, Time, Quantity, Source, ExternalRef, Note }

/// <summary>Which column holds which field. Column names are compared without case, spaces or a
/// group prefix ("group_x/category" is "category"), using the aliases the web app's batch upload
/// accepts, unless the caller names the column (?lat=Breedte). KoBoToolbox/ODK exports are recognised
/// by their shape: _geolocation ("lat lon" or [lat, lon]), _&lt;field&gt;_latitude/_longitude,
/// _submission_time (UTC) and _uuid, used where no ordinary column is present. ODK Central's CSV
/// joins group names with "-" (vondst-aantal, meta-instanceID, plek-Latitude): a name not found whole
/// is looked up by its last "-" part. The time comes from a time question, else the form's start,
/// else its end, and only then from the sync time (_submission_time, SubmissionDate), which can be
/// days later than the observation.</summary>
public sealed class ColumnMap
{
    public static readonly IReadOnlyDictionary<ImportField, string[]> Aliases = new Dictionary<ImportField, string[]>
    {
        [ImportField.Category] = ["category", "categorie", "catégorie", "type", "soort"],
        [ImportField.Longitude] = ["longitude", "lon", "lng", "long", "x"],
        [ImportField.Latitude] = ["latitude", "lat", "y"],
        [ImportField.Wkt] = ["wkt", "geometry", "geom", "the_geom"],
        [ImportField.GeoPoint] = ["_geolocation", "geolocation", "geopoint"],
        [ImportField.Time] = ["observedat", "observed_at", "observed", "time", "datetime", "date", "tijdstip", "moment"],
        [ImportField.Quantity] = ["quantity", "qty", "count", "aantal", "quantite", "quantité"],
        [ImportField.Source] = ["source", "bron"],
        [ImportField.ExternalRef] = ["externalref", "external_ref", "ref", "reference", "référence", "referentie"],
        [ImportField.Note] = ["note", "notitie", "remark", "opmerking", "remarque", "notes", "opmerkingen", "remarques", "comment"],
    };

    /// <summary>The query parameter that names each field's column.</summary>
    public static readonly IReadOnlyDictionary<ImportField, string> Parameters = new Dictionary<ImportField, string>
    {
        [ImportField.Category] = "category", [ImportField.Longitude] = "lon", [ImportField.Latitude] = "lat",
        [ImportField.Wkt] = "wkt", [ImportField.Time] = "time", [ImportField.Quantity] = "quantity",
        [ImportField.ExternalRef] = "externalRef", [ImportField.Note] = "note",
    };

    private const int FieldCount = (int)ImportField.Note + 1;
    private readonly int[] _index;

    private ColumnMap(IReadOnlyList<string> names, int[] index, bool submissionTimeIsUtc, TimeSource timeSource)
    {
        Names = names;
        _index = index;
        SubmissionTimeIsUtc = submissionTimeIsUtc;
        TimeFrom = timeSource;
    }

    /// <summary>Where the time column came from: named by the caller or a time question, the form's
    /// start or end, or the sync time (a last resort the dry run warns about).</summary>
    public enum TimeSource { None, Column, FormStart, FormEnd, SyncTime }

    public TimeSource TimeFrom { get; }

    /// <summary>Fields whose column was found by a word of a longer column label.</summary>
    public IReadOnlyList<ImportField> MatchedByWord { get; private init; } = [];

    private static readonly ImportField[] WordFields = [ImportField.Category, ImportField.Quantity, ImportField.Note];

    private static IEnumerable<string> Words(string name) =>
        name.ToLowerInvariant().Split(name.Where(c => !char.IsLetterOrDigit(c) && c != '_').Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Column names as they appear in the file (for error messages).</summary>
    public IReadOnlyList<string> Names { get; }
    /// <summary>The time column is KoBoToolbox's _submission_time, which is UTC without an offset.</summary>
    public bool SubmissionTimeIsUtc { get; }

    /// <summary>Column index of <paramref name="field"/>, or -1.</summary>
    public int this[ImportField field] => _index[(int)field];
    public bool Has(ImportField field) => _index[(int)field] >= 0;
    public string? NameOf(ImportField field) => Has(field) ? Names[this[field]] : null;

    public static string Normalise(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        var slash = n.LastIndexOf('/');
        if (slash >= 0 && slash < n.Length - 1) n = n[(slash + 1)..];
        return string.Concat(n.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>Maps <paramref name="names"/>; a column named in <paramref name="overrides"/> must exist
    /// (else <see cref="ImportFormatException"/> naming the parameter and the columns there are).</summary>
    public static ColumnMap Resolve(IReadOnlyList<string> names, IReadOnlyDictionary<ImportField, string> overrides, long headerRow = 1)
    {
        var normalised = names.Select(Normalise).ToArray();
        var tails = normalised.Select(n => n.LastIndexOf('-') is var d and >= 0 && d < n.Length - 1 ? n[(d + 1)..] : null).ToArray();
        // Whole names first, so that a column really named "observed-at" is not read as "at".
        int Find(string n) => Array.IndexOf(normalised, n) is var i and >= 0 ? i : Array.IndexOf(tails, n);
        var index = new int[FieldCount];
        Array.Fill(index, -1);
        foreach (var (field, aliases) in Aliases)
        {
            if (overrides.TryGetValue(field, out var wanted))
            {
                var i = Find(Normalise(wanted));
                var parameter = Parameters.GetValueOrDefault(field, field.ToString());
                if (i < 0) throw new ImportFormatException(headerRow, parameter,
                    $"no column named '{wanted}'; the columns are: {string.Join(", ", names.Take(40))}", ImportErrorCodes.ColumnNotFound, parameter);
                index[(int)field] = i;
                continue;
            }
            index[(int)field] = aliases.Select(Find).FirstOrDefault(i => i >= 0, -1);
        }

        // A KoBoToolbox "labels" export heads columns with the question's label ("Soort vondst",
        // "Aantal spuiten"): a field still without a column takes the first free column with one of its
        // aliases as a whole word. The dry run names the column chosen (ImportWarnings).
        var byWord = new List<ImportField>();
        foreach (var field in WordFields)
        {
            if (index[(int)field] >= 0 || overrides.ContainsKey(field)) continue;
            var i = Array.FindIndex(names.ToArray(), n => Words(n).Intersect(Aliases[field]).Any());
            if (i < 0 || Array.IndexOf(index, i) >= 0) continue;
            index[(int)field] = i;
            byWord.Add(field);
        }

        var utc = false;
        if (index[(int)ImportField.Latitude] < 0 && index[(int)ImportField.Longitude] < 0)
        {
            // KoBo CSV: the geopoint question "where" gives _where_latitude and _where_longitude.
            // ODK Central: where-Latitude and where-Longitude.
            for (var i = 0; i < normalised.Length; i++)
            {
                var n = normalised[i];
                var stem = n.EndsWith("_latitude", StringComparison.Ordinal) ? n[..^"_latitude".Length] + "_longitude"
                    : n.EndsWith("-latitude", StringComparison.Ordinal) ? n[..^"-latitude".Length] + "-longitude" : null;
                var lon = stem is null ? -1 : Find(stem);
                if (lon < 0) continue;
                index[(int)ImportField.Latitude] = i;
                index[(int)ImportField.Longitude] = lon;
                break;
            }
        }
        var timeFrom = index[(int)ImportField.Time] >= 0 ? TimeSource.Column : TimeSource.None;
        if (timeFrom == TimeSource.None && Find("start") is var s and >= 0) (index[(int)ImportField.Time], timeFrom) = (s, TimeSource.FormStart);
        if (timeFrom == TimeSource.None && Find("end") is var e and >= 0) (index[(int)ImportField.Time], timeFrom) = (e, TimeSource.FormEnd);
        if (timeFrom == TimeSource.None && Find("_submission_time") is var t and >= 0) { (index[(int)ImportField.Time], timeFrom) = (t, TimeSource.SyncTime); utc = true; }
        if (timeFrom == TimeSource.None && Find("submissiondate") is var sd and >= 0) (index[(int)ImportField.Time], timeFrom) = (sd, TimeSource.SyncTime);
        if (index[(int)ImportField.ExternalRef] < 0)
            index[(int)ImportField.ExternalRef] = new[] { "_uuid", "instanceid" }.Select(Find).FirstOrDefault(i => i >= 0, -1);
        // KoBoToolbox writes _submission_time in UTC without saying so, also when it is named by hand (?time=_submission_time).
        if (index[(int)ImportField.Time] is var ti and >= 0 && normalised[ti] == "_submission_time") utc = true;

        return new ColumnMap(names, index, utc, timeFrom) { MatchedByWord = byWord };
    }

    /// <summary>Columns of the file that no field reads, in file order.</summary>
    public IEnumerable<string> Unused() => Names.Where((_, i) => Array.IndexOf(_index, i) < 0);

    /// <summary>The column parameter of the field that reads column <paramref name="column"/> (lat,
    /// category, ...; geopoint and source for the fields that have no parameter), or null.</summary>
    public string? FieldAt(int column)
    {
        var i = Array.IndexOf(_index, column);
        if (i < 0) return null;
        var field = (ImportField)i;
        return Parameters.TryGetValue(field, out var p) ? p : field.ToString().ToLowerInvariant();
    }

    private static readonly Dictionary<ImportField, string> Described = new()
    {
        [ImportField.Category] = "category", [ImportField.Latitude] = "latitude", [ImportField.Longitude] = "longitude", [ImportField.Time] = "observation time",
    };

    /// <summary>Throws when the category, the location or the time has no column (a CSV header must name
    /// them all), with one error per missing field (code column-missing, the field's parameter).</summary>
    public void RequireColumns(long headerRow = 1)
    {
        var hasPoint = (Has(ImportField.Latitude) && Has(ImportField.Longitude)) || Has(ImportField.Wkt) || Has(ImportField.GeoPoint);
        var missing = new List<ImportError>();
        void Missing(ImportField field, string lookedFor) => missing.Add(new(headerRow, null,
            $"no {Described[field]} column (looked for {lookedFor}): map one of the file's columns ({string.Join(", ", Names.Take(40))}) to {Parameters[field]}",
            ImportErrorCodes.ColumnMissing, Parameters[field]));
        if (!Has(ImportField.Category)) Missing(ImportField.Category, string.Join(", ", Aliases[ImportField.Category]));
        if (!hasPoint)
        {
            const string point = "or wkt, or a KoBoToolbox/ODK geopoint";
            if (!Has(ImportField.Latitude)) Missing(ImportField.Latitude, $"{string.Join(", ", Aliases[ImportField.Latitude])}; {point}");
            if (!Has(ImportField.Longitude)) Missing(ImportField.Longitude, $"{string.Join(", ", Aliases[ImportField.Longitude])}; {point}");
        }
        if (!Has(ImportField.Time)) Missing(ImportField.Time, $"{string.Join(", ", Aliases[ImportField.Time])}, the form's start or end, _submission_time, SubmissionDate");
        if (missing.Count > 0) throw new ImportFormatException(missing);
    }
}
