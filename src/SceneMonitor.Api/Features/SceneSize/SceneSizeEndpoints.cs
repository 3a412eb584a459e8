using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.SceneSize;
using SceneMonitor.Core.Security;
using static SceneMonitor.Api.Features.SceneSize.SceneSizeInputs;

namespace SceneMonitor.Api.Features.SceneSize;

/// <summary>The size of the scene by the multiplier method: analysts (coordinators) and admins record
/// aggregated inputs, benchmarks and surveys; every role reads the estimates, planners without the
/// inputs behind them. Recorders record traces, not these.</summary>
public static class SceneSizeEndpoints
{
    public sealed record BenchmarkResponse(int Id, int AreaId, int Year, DateOnly? PeriodFrom, DateOnly? PeriodTo, int Count, string Source,
        string Population, string? Organisation, string RecordedBy, DateTimeOffset CreatedAt, int Surveys);
    public sealed record SurveyResponse(int Id, int BenchmarkId, int Interviewed, int InRegister, DateOnly? FieldworkFrom, DateOnly? FieldworkTo,
        string RecruitmentSites, string? Organisation, string RecordedBy, DateTimeOffset CreatedAt);

    internal static readonly QueryParameter[] EstimateQuery =
    [
        OpenApiQuery.Whole("year", $"Only this year ({FirstYear} to the current year)."),
        OpenApiQuery.Whole("area", "Only this area id (from /api/areas)."),
        OpenApiQuery.Text("population", "Only this population (case and spacing ignored)."),
    ];

    public static IEndpointRouteBuilder MapSceneSizeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scene-size").WithTags("Scene size");
        var inputs = Policies.SceneSizeInputs;
        group.MapGet("/benchmarks", ListBenchmarks).RequireAuthorization(inputs).WithName("listSceneSizeBenchmarks")
            .WithSummary("Analysts and admins: every benchmark (register counts), newest year first, with how many surveys use it.");
        group.MapPost("/benchmarks", CreateBenchmark).RequireAuthorization(inputs).Accepts<BenchmarkInput>("application/json").WithName("createSceneSizeBenchmark")
            .WithSummary("Analysts and admins: record a benchmark: distinct people known to a register in an area (the region is an area too) and year.");
        group.MapDelete("/benchmarks/{id:int}", DeleteBenchmark).RequireAuthorization(inputs).WithName("deleteSceneSizeBenchmark").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Delete a benchmark that no survey uses (409 otherwise); analysts only their own organisation's.");
        group.MapGet("/surveys", ListSurveys).RequireAuthorization(inputs).WithName("listMultiplierSurveys")
            .WithSummary("Analysts and admins: every multiplier survey.");
        group.MapPost("/surveys", CreateSurvey).RequireAuthorization(inputs).Accepts<SurveyInput>("application/json").WithName("createMultiplierSurvey")
            .WithSummary("Analysts and admins: record a survey: of 'interviewed' people met in the scene, 'inRegister' said they were in the benchmark's register.");
        group.MapDelete("/surveys/{id:int}", DeleteSurvey).RequireAuthorization(inputs).WithName("deleteMultiplierSurvey")
            .WithSummary("Delete a survey; analysts only their own organisation's.");
        group.MapGet("/estimates", Estimates).RequireAuthorization(Policies.Read).WithName("getSceneSizeEstimates").WithQuery(EstimateQuery)
            .WithSummary("Estimated size of the scene per area, year and population with 95 % intervals, the unreliable flag (m < 10) and caveat codes; planners get no inputs.");
        group.MapGet("/estimates/download", SceneSizeDownload.Download).RequireAuthorization(Policies.Read).WithName("downloadSceneSizeEstimates")
            .WithQuery(EstimateQuery, [Exports.ExportFile.FormatParameter])
            .WithSummary("The estimates as a file: GeoJSON (area polygons, choropleth-ready) or CSV (format=csv, joined by area code).");
        return app;
    }

    private static async Task<Ok<List<BenchmarkResponse>>> ListBenchmarks(SceneMonitorDb db, CancellationToken ct)
    {
        var rows = await db.SceneSizeBenchmarks.AsNoTracking().OrderByDescending(b => b.Year).ThenBy(b => b.Id)
            .Select(b => new { b, surveys = db.MultiplierSurveys.Count(s => s.BenchmarkId == b.Id) }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => ToResponse(r.b, r.surveys)).ToList());
    }

    private static async Task<Ok<List<SurveyResponse>>> ListSurveys(SceneMonitorDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.MultiplierSurveys.AsNoTracking().OrderBy(s => s.BenchmarkId).ThenBy(s => s.Id).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Created<BenchmarkResponse>, ProblemHttpResult>> CreateBenchmark(
        HttpContext http, SceneMonitorDb db, Privacy privacy, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<BenchmarkInput>(http.Request, ct);
        if (problem is not null) return problem;
        var now = clock.GetUtcNow();
        var errors = Check(input!, TimeZoneInfo.ConvertTime(now, QueryTime.Zone).Year, privacy.MinCount);
        if (input!.AreaId is { } areaId && !await db.Areas.AnyAsync(a => a.Id == areaId, ct)) errors["areaId"] = [$"unknown area {areaId} (see /api/areas)"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The benchmark is invalid; nothing was stored.");

        var benchmark = new SceneSizeBenchmark
        {
            AreaId = input.AreaId!.Value, Year = input.Year!.Value, PeriodFrom = input.PeriodFrom, PeriodTo = input.PeriodTo,
            Count = (int)input.Count!.Value, Source = input.Source!.Trim(), Population = input.Population!.Trim(),
            Organisation = http.User.OrganisationOf(), RecordedBy = http.User.NameOf(), CreatedAt = now,
        };
        db.SceneSizeBenchmarks.Add(benchmark);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.SceneSizeInput, new { entity = "benchmark", op = "create", id = benchmark.Id, benchmark.AreaId, benchmark.Year, benchmark.Count, benchmark.Source }, 1, ct);
        return TypedResults.Created($"/api/scene-size/benchmarks/{benchmark.Id}", ToResponse(benchmark, 0));
    }

    private static async Task<Results<Created<SurveyResponse>, ProblemHttpResult>> CreateSurvey(
        HttpContext http, SceneMonitorDb db, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<SurveyInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = Check(input!);
        if (input!.BenchmarkId is { } benchmarkId && !await db.SceneSizeBenchmarks.AnyAsync(b => b.Id == benchmarkId, ct))
            errors["benchmarkId"] = [$"unknown benchmark {benchmarkId}"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The survey is invalid; nothing was stored.");

        var survey = new MultiplierSurvey
        {
            BenchmarkId = input.BenchmarkId!.Value, Interviewed = (int)input.Interviewed!.Value, InRegister = (int)input.InRegister!.Value,
            FieldworkFrom = input.FieldworkFrom, FieldworkTo = input.FieldworkTo, RecruitmentSites = input.RecruitmentSites!.Trim(),
            Organisation = http.User.OrganisationOf(), RecordedBy = http.User.NameOf(), CreatedAt = clock.GetUtcNow(),
        };
        db.MultiplierSurveys.Add(survey);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.SceneSizeInput, new { entity = "survey", op = "create", id = survey.Id, survey.BenchmarkId, survey.Interviewed, survey.InRegister }, 1, ct);
        return TypedResults.Created($"/api/scene-size/surveys/{survey.Id}", ToResponse(survey));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteBenchmark(int id, HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var benchmark = await db.SceneSizeBenchmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (benchmark is null) return Problems.NotFound($"Benchmark {id}");
        if (NotOwn(http, benchmark.Organisation) is { } refused) return refused;
        var surveys = await db.MultiplierSurveys.CountAsync(s => s.BenchmarkId == id, ct);
        if (surveys > 0)
            return TypedResults.Problem(title: $"Benchmark {id} is used by {surveys} survey(s); delete those first.", statusCode: StatusCodes.Status409Conflict);
        await db.SceneSizeBenchmarks.Where(b => b.Id == id).ExecuteDeleteAsync(ct);
        await audit.WriteAsync(http, AuditActions.SceneSizeInput, new { entity = "benchmark", op = "delete", id, benchmark.AreaId, benchmark.Year, benchmark.Count, benchmark.Source }, 1, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSurvey(int id, HttpContext http, SceneMonitorDb db, Auditor audit, CancellationToken ct)
    {
        var survey = await db.MultiplierSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return Problems.NotFound($"Survey {id}");
        if (NotOwn(http, survey.Organisation) is { } refused) return refused;
        await db.MultiplierSurveys.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await audit.WriteAsync(http, AuditActions.SceneSizeInput, new { entity = "survey", op = "delete", id, survey.BenchmarkId, survey.Interviewed, survey.InRegister }, 1, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? NotOwn(HttpContext http, string? organisation) =>
        http.User.RoleOf() == Roles.Admin || organisation == http.User.OrganisationOf() ? null
            : Problems.Forbidden("This input belongs to another organisation; only that organisation or an admin can delete it.");

    private static async Task<Results<Ok<SceneSizeEstimates.EstimatesResponse>, ProblemHttpResult>> Estimates(HttpContext http, SceneSizeStore store, SceneMonitorDb db, TimeProvider clock, CancellationToken ct)
    {
        var (filter, problem) = await ReadFilterAsync(http.Request.Query, db, clock, ct);
        if (problem is not null) return problem;
        return TypedResults.Ok(await EstimatesAsync(http, store, filter, ct));
    }

    public sealed record EstimateFilter(int? Year, int? Area, string? Population);

    /// <summary>Planners read the figures; the inputs (register counts, n, m, sites) are for those who record them.</summary>
    internal static async Task<SceneSizeEstimates.EstimatesResponse> EstimatesAsync(HttpContext http, SceneSizeStore store, EstimateFilter filter, CancellationToken ct)
    {
        var pairs = await store.PairsAsync(filter.Year, filter.Area, ct);
        if (filter.Population is { } population) pairs = pairs.Where(p => SceneSizeEstimates.Key(p.Population) == SceneSizeEstimates.Key(population)).ToList();
        return SceneSizeEstimates.From(pairs, withInputs: !http.User.IsPlanner());
    }

    /// <summary>400 for a value that is not a whole number; 422 for a year out of range or an unknown area.</summary>
    internal static async Task<(EstimateFilter Filter, ProblemHttpResult? Problem)> ReadFilterAsync(IQueryCollection q, SceneMonitorDb db, TimeProvider clock, CancellationToken ct)
    {
        int? year = null, area = null;
        if (q.TryGetValue("year", out var y))
        {
            if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return (null!, Problems.BadRequest("year", "must be a whole number"));
            var last = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), QueryTime.Zone).Year;
            if (v < FirstYear || v > last) return (null!, Problems.Invalid(new Dictionary<string, string[]> { ["year"] = [$"must be between {FirstYear} and {last}"] }, "Nothing was computed."));
            year = v;
        }
        if (q.TryGetValue("area", out var a))
        {
            if (!int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return (null!, Problems.BadRequest("area", "must be an area id"));
            if (!await db.Areas.AnyAsync(x => x.Id == v, ct)) return (null!, Problems.Invalid(new Dictionary<string, string[]> { ["area"] = [$"unknown area {v} (see /api/areas)"] }, "Nothing was computed."));
            area = v;
        }
        var population = q["population"].FirstOrDefault();
        return (new EstimateFilter(year, area, string.IsNullOrWhiteSpace(population) ? null : population), null);
    }

    private static BenchmarkResponse ToResponse(SceneSizeBenchmark b, int surveys) =>
        new(b.Id, b.AreaId, b.Year, b.PeriodFrom, b.PeriodTo, b.Count, b.Source, b.Population, b.Organisation, b.RecordedBy, b.CreatedAt, surveys);

    private static SurveyResponse ToResponse(MultiplierSurvey s) =>
        new(s.Id, s.BenchmarkId, s.Interviewed, s.InRegister, s.FieldworkFrom, s.FieldworkTo, s.RecruitmentSites, s.Organisation, s.RecordedBy, s.CreatedAt);
}
