using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// The shared shape of every analysis handler: read the JSON body (malformed JSON → 400 naming the
/// position), let the endpoint validate it into a <see cref="FieldErrors"/> and hand back the
/// computation, and run that only when no field was wrong (else 422 naming each field).
/// </summary>
public static class AnalysisRequest
{
    public static async Task<IResult> Run<T>(HttpRequest http, CancellationToken ct, Func<T, FieldErrors, Func<IResult>> validate) where T : class
    {
        var (request, problem) = await JsonBody.ReadAsync<T>(http, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        var compute = validate(request!, errors);
        return errors.Any ? errors.ToResult() : compute();
    }
}
