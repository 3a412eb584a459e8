namespace SceneMonitor.Core.Domain;

/// <summary>An aggregate from a register or service: how many distinct people it knew in an area and
/// a year (e.g. a consumption room's clients in 2025). Never a person: only the count and where it comes from.</summary>
public sealed class SceneSizeBenchmark
{
    public int Id { get; set; }
    /// <summary>The area the count covers; the whole region is the area of kind Region.</summary>
    public int AreaId { get; set; }
    public int Year { get; set; }
    /// <summary>The register's period when it is not the calendar year (both or neither).</summary>
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    /// <summary>Distinct people known to the register in the period and area.</summary>
    public int Count { get; set; }
    /// <summary>Which register or service, e.g. "consumption room Gate, clients".</summary>
    public required string Source { get; set; }
    /// <summary>The population the estimate is about, e.g. "high-risk crack and opioid users";
    /// estimates with the same area, year and population are combined.</summary>
    public required string Population { get; set; }
    public string? Organisation { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A multiplier survey: of <see cref="Interviewed"/> people met in the scene, <see cref="InRegister"/>
/// said they were known to the benchmark's register in its period. The estimate is for the benchmark's
/// area, year and population, so those are not stored here a second time.</summary>
public sealed class MultiplierSurvey
{
    public int Id { get; set; }
    public int BenchmarkId { get; set; }
    public int Interviewed { get; set; }
    public int InRegister { get; set; }
    /// <summary>When the interviews took place (optional).</summary>
    public DateOnly? FieldworkFrom { get; set; }
    public DateOnly? FieldworkTo { get; set; }
    /// <summary>Where people were met (kinds of places, not persons): the sample is only as wide as these.</summary>
    public required string RecruitmentSites { get; set; }
    public string? Organisation { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
