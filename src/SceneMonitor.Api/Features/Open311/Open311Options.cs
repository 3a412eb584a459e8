namespace SceneMonitor.Api.Features.Open311;

/// <summary>Inbound complaints over Open311 GeoReport v2 (section "Open311" in appsettings.json).</summary>
public sealed class Open311Options
{
    /// <summary>Source the complaints are stored under (filters and analyses can tell them apart from
    /// outreach observations: residents report differently from field workers).</summary>
    public string Source { get; set; } = "open311";

    /// <summary>When set, requests must name this jurisdiction_id (multi-city Open311 hubs send it).</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>Residents' free text often describes people ("a man in a red coat"), which this tool must
    /// never hold; so descriptions are dropped unless this is switched on, and even then only kept
    /// when the personal-data scanner finds nothing (at most 280 characters).</summary>
    public bool StoreDescriptions { get; set; }

    /// <summary>GET requests.json without dates covers this many days back (the spec suggests 90).</summary>
    public int DefaultDays { get; set; } = 90;

    /// <summary>A request with neither attribute[fixmystreet_id] nor requested_datetime is taken for a resend
    /// when the same sender posts the same service, place and description within this many hours
    /// (recognised for at least this long, at most twice as long; see Open311Retry).</summary>
    public int RetryWindowHours { get; set; } = 24;

    /// <summary>At most this many requests per GET requests.json (the spec suggests 1000).</summary>
    public int MaxResults { get; set; } = 1000;

    /// <summary>Service codes offered to complaint systems and the category each is stored as; empty
    /// means <see cref="DefaultServices"/>.</summary>
    public List<Open311Service> Services { get; set; } = [];

    /// <summary>Traces and nuisances residents can report about a place. Dealing points, consumption
    /// sites, gatherings and aggression are left out on purpose: a resident's report of those is a
    /// report about people, which outreach workers, not neighbours, should record.</summary>
    public static readonly IReadOnlyList<Open311Service> DefaultServices =
    [
        new() { Code = "complaint", Category = "complaint", Keywords = "nuisance,drugs,complaint" },
        new() { Code = "syringe", Category = "syringe", Keywords = "syringe,needle" },
        new() { Code = "discarded_pipe", Category = "discarded_pipe", Keywords = "crack,pipe,litter" },
        new() { Code = "ammonia_bottle", Category = "ammonia_bottle", Keywords = "ammonia,bottle,litter" },
        new() { Code = "drug_litter_other", Category = "drug_litter_other", Keywords = "litter" },
        new() { Code = "human_waste", Category = "human_waste", Keywords = "urine,faeces" },
        new() { Code = "nuisance_noise", Category = "nuisance_noise", Keywords = "noise" },
    ];

    public IReadOnlyList<Open311Service> EffectiveServices => Services.Count > 0 ? Services : DefaultServices;
}

public sealed class Open311Service
{
    public string Code { get; set; } = "";
    /// <summary>Category code the request is stored as.</summary>
    public string Category { get; set; } = "";
    public string Keywords { get; set; } = "";
}
