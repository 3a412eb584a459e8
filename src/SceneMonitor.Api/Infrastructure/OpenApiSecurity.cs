using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Declares in the OpenAPI document how to authenticate (bearer token from /api/auth/login,
/// or an API key), so generated clients and QGIS users know what to send.</summary>
public static class OpenApiSecurity
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";
    public const string Basic = "Basic";

    public static void AddSecuritySchemes(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "Token from POST /api/auth/login (or the identity provider sign-in).",
            };
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "API key for machine clients, created by an admin (POST /api/admin/api-keys).",
            };
            document.Components.SecuritySchemes[Basic] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "basic",
                Description = "An API key as the password (any user name), for GIS clients without custom headers; reads of /ogc, /api/exports, /api/aggregates and /api/observations only.",
            };
            // Either scheme satisfies the requirement; /health, the login and this document are open.
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
            ];
            return Task.CompletedTask;
        });
        // The reads that also take Basic say so themselves (the document-wide requirement does not).
        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = "/" + (context.Description.RelativePath ?? "");
            if (context.Description.HttpMethod is "GET" && BasicKeys.Paths.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal))
                && !context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Basic, context.Document)] = [] },
                ];
            return Task.CompletedTask;
        });
    }
}
