using SceneMonitor.Core.Data;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.SceneSize;

/// <summary>The two inputs of the multiplier method as posted, and their rules. Counts are read as
/// long so that an absurd number is a 422 naming the field, not an unreadable body.</summary>
public static class SceneSizeInputs
{
    public const int FirstYear = 1990;
    public const long MaxCount = 1_000_000;

    public sealed record BenchmarkInput(int? AreaId, int? Year, DateOnly? PeriodFrom, DateOnly? PeriodTo, long? Count, string? Source, string? Population);
    public sealed record SurveyInput(int? BenchmarkId, long? Interviewed, long? InRegister, DateOnly? FieldworkFrom, DateOnly? FieldworkTo, string? RecruitmentSites);

    /// <summary>Field errors of a benchmark, apart from whether the area exists (the caller asks the database).</summary>
    /// <param name="minCount">k of the small-count rule: a register count below it is about individuals.</param>
    public static Dictionary<string, string[]> Check(BenchmarkInput b, int currentYear, int minCount)
    {
        var errors = new Dictionary<string, string[]>();
        if (b.AreaId is null) errors["areaId"] = ["is required (an area id from /api/areas; the region itself for the whole region)"];
        if (b.Year is null) errors["year"] = ["is required"];
        else if (b.Year < FirstYear || b.Year > currentYear) errors["year"] = [$"must be between {FirstYear} and {currentYear}"];
        if ((b.PeriodFrom is null) != (b.PeriodTo is null)) errors["periodTo"] = ["give both periodFrom and periodTo, or neither (the calendar year)"];
        else if (b.PeriodFrom is { } from && b.PeriodTo is { } to)
        {
            if (to < from) errors["periodTo"] = ["must not be before periodFrom"];
            else if (b.Year is { } y && (from.Year > y || to.Year < y)) errors["periodFrom"] = [$"the period must include part of {y}"];
        }
        if (b.Count is null) errors["count"] = ["is required: distinct people known to the register in the period and area"];
        else if (b.Count < minCount || b.Count > MaxCount)
            errors["count"] = [$"must be a whole number from {minCount} to {MaxCount} (a count below {minCount} is about individuals, not an aggregate)"];
        Text(errors, "source", b.Source, SceneSizeModel.TextMax);
        Text(errors, "population", b.Population, SceneSizeModel.TextMax);
        return errors;
    }

    /// <summary>Field errors of a survey, apart from whether the benchmark exists.</summary>
    public static Dictionary<string, string[]> Check(SurveyInput s)
    {
        var errors = new Dictionary<string, string[]>();
        if (s.BenchmarkId is null) errors["benchmarkId"] = ["is required: the register the interviewed people were asked about"];
        if (s.Interviewed is null) errors["interviewed"] = ["is required: how many people were interviewed"];
        else if (s.Interviewed < 1 || s.Interviewed > MaxCount) errors["interviewed"] = [$"must be a whole number from 1 to {MaxCount}"];
        if (s.InRegister is null) errors["inRegister"] = ["is required: how many of them said they were in the register"];
        else if (s.InRegister < 1)
            errors["inRegister"] = ["must be at least 1: with nobody in the register the multiplier n / m is undefined (interview more people or use another register)"];
        else if (s.Interviewed is { } n && s.InRegister > n) errors["inRegister"] = ["cannot exceed interviewed"];
        if (s.FieldworkFrom is { } from && s.FieldworkTo is { } to && to < from) errors["fieldworkTo"] = ["must not be before fieldworkFrom"];
        Text(errors, "recruitmentSites", s.RecruitmentSites, SceneSizeModel.SitesMax);
        return errors;
    }

    /// <summary>Required, length-limited, and free of anything that names or describes a person: every
    /// role that reads estimates reads these texts next to them.</summary>
    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"is required (1–{max} characters)"];
        else if (value.Length > max) errors[field] = [$"is {value.Length} characters; at most {max}"];
        else if (PersonalDataScanner.Scan(value) is { } finding) errors[field] = [finding.Message];
    }
}
