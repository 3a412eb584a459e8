using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Bound from "Limits". The largest legitimate body is a batch of 10,000 observations
/// (about 3 MB) or a detailed custom area; 32 MiB leaves room for both and stops a runaway upload
/// before it is buffered.</summary>
public sealed class LimitsOptions
{
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;
}

/// <summary>Request limits applied before any endpoint runs: bodies over <see cref="LimitsOptions.MaxRequestBodyBytes"/>
/// get 413 (from Content-Length at once; chunked bodies are cut off by Kestrel's own limit, set to
/// the same value), and query parameters holding a NUL character, which PostgreSQL cannot store or
/// compare, get 400 naming the parameter.</summary>
public static class RequestLimits
{
    public static string TooLargeMessage => "is larger than the limit (Limits:MaxRequestBodyBytes); split a batch into smaller ones";

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration("Limits");
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        // Routing answers 415 for a body that is not JSON before any handler runs; say what to send.
        builder.Services.Configure<ProblemDetailsOptions>(o =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (context.ProblemDetails is { Status: StatusCodes.Status415UnsupportedMediaType } and not HttpValidationProblemDetails)
                    context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [Problems.JsonContentType] };
            };
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var max = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max)
        {
            // The body is not read; the connection is closed after the answer so the client stops sending.
            http.Response.Headers.Connection = "close";
            await Write(http, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "body",
                $"has {http.Request.ContentLength} bytes, more than the limit of {max} bytes (Limits:MaxRequestBodyBytes); split a batch into smaller ones");
            return;
        }
        foreach (var (name, values) in http.Request.Query)
            if (values.Any(v => v?.Contains('\0') == true))
            {
                await Write(http, StatusCodes.Status400BadRequest, "The request could not be read.", name, "contains a NUL character");
                return;
            }
        await next(http);
    });

    private static async Task Write(HttpContext http, int status, string title, string field, string message)
    {
        http.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] }) { Status = status, Title = title };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
