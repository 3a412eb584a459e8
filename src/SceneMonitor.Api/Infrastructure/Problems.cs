using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>RFC 9457 problem responses that always name the offending field.</summary>
public static class Problems
{
    /// <summary>422: well-formed input that breaks a rule. Nothing was stored.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, string title = "The request is invalid; nothing was stored.") =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = title });

    /// <summary>400: input that cannot be read (malformed JSON, bad query parameter).</summary>
    public static ProblemHttpResult BadRequest(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request could not be read.",
        });

    public const string JsonContentType = "expected Content-Type: application/json";

    /// <summary>415: a body that is not declared as JSON (the same answer routing gives for endpoints declaring Accepts).</summary>
    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [JsonContentType] })
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "Unsupported Media Type",
        });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Not for your role.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult FromJsonException(JsonException e) =>
        BadRequest(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'),
            $"malformed JSON{(e.LineNumber is { } l ? $" at line {l + 1}, position {e.BytePositionInLine + 1}" : "")}: {FirstSentence(e.Message)}");

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
