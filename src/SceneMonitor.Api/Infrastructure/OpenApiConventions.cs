using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Makes /openapi/v1.json fit for client generators (NSwag, openapi-typescript, Kiota):
/// a unique operationId per operation, the query parameters that handlers read by hand
/// (<see cref="QueryParameters"/>), distinct schema names for nested request records, and the error
/// answers every endpoint can give, as RFC 9457 problem details. Without the error and 201 answers a
/// generated client treats a create as a failure (and retries it) and cannot read a 422's field errors.</summary>
public static partial class OpenApiConventions
{
    public const string Problem = "ProblemDetails";

    public static void AddClientConventions(this OpenApiOptions options)
    {
        // Nested records are all called "Request"/"Response" (WdqEndpoint.Request, ...): without the
        // outer type in the name every /api/analysis/* body would point at one schema.
        options.CreateSchemaReferenceId = type =>
            OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.IsNested && !type.Type.IsGenericType
                ? type.Type.DeclaringType!.Name + id
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        // JsonInput's strict converters for string and double hide those types from the schema
        // generator ({}), which generators read as 'unknown': give them back.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Type is not null) return Task.CompletedTask;
            var type = context.JsonTypeInfo.Type;
            var nullable = Nullable.GetUnderlyingType(type) is not null || context.JsonPropertyInfo is { IsGetNullable: true } or { IsSetNullable: true };
            var kind = (Nullable.GetUnderlyingType(type) ?? type) switch
            {
                var t when t == typeof(string) => JsonSchemaType.String,
                var t when t == typeof(double) => JsonSchemaType.Number,
                _ => (JsonSchemaType?)null,
            };
            if (kind is { } k) schema.Type = nullable ? k | JsonSchemaType.Null : k;
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = ProblemSchema();
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var method = description.HttpMethod ?? "GET";
            operation.OperationId ??= OperationId(method, description.RelativePath ?? "");
            DeclareQuery(operation, metadata);
            // Open311 answers errors in GeoReport v2's own list shape (declared in its feature), and
            // /health its own JSON, not RFC 9457.
            if (description.RelativePath is { } own && (own.StartsWith("open311/", StringComparison.Ordinal) || own == "health")) return Task.CompletedTask;

            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var hasBody = operation.RequestBody is not null;
            var routeValues = (description.RelativePath ?? "").Contains('{');
            var queried = operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
            var write = method is not ("GET" or "HEAD");
            var problem = new OpenApiSchemaReference(Problem, context.Document);

            if (hasBody || queried) Add(operation, 400, "The request could not be read (malformed JSON or a bad query parameter; 'errors' names it).", problem);
            if (!anonymous)
            {
                Add(operation, 401, "Not signed in: send a bearer token or an X-Api-Key header.", problem);
                if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
                    Add(operation, 403, "Signed in, but not with a role that may call this.", problem);
            }
            if (routeValues) Add(operation, 404, "Nothing with this id (or not visible to you).", problem);
            if (hasBody)
            {
                Add(operation, 413, "The request body is too large.", problem);
                Add(operation, 422, "Well-formed input that breaks a rule; 'errors' names each field. Nothing was stored.", problem);
            }
            // Writes are rate-limited per user (SecuritySetup); the database may be briefly unreachable.
            if (write) Add(operation, 429, "Too many writes; wait for Retry-After seconds.", problem);
            Add(operation, 503, "The database is unavailable at the moment; try again in a few seconds.", problem);
            return Task.CompletedTask;
        });
    }

    /// <summary>"GET api/observations/{id}" -> "getApiObservationsById", "requests.{format}" ->
    /// "RequestsByFormat": stable, unique per route and method, used when the endpoint has no explicit
    /// name (.WithName).</summary>
    public static string OperationId(string method, string path)
    {
        var named = RouteValue().Replace(path, m => "/By-" + m.Groups[1].Value + "/");
        var words = named.Split(['/', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return method.ToLowerInvariant() + string.Concat(words);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial System.Text.RegularExpressions.Regex RouteValue();

    private static void DeclareQuery(OpenApiOperation operation, IList<object> metadata)
    {
        var declared = metadata.OfType<QueryParameters>().SelectMany(q => q.Items).ToList();
        if (declared.Count == 0) return;
        operation.Parameters ??= new List<IOpenApiParameter>();
        foreach (var p in declared)
        {
            if (operation.Parameters.Any(existing => existing.Name == p.Name && existing.In == ParameterLocation.Query)) continue;
            var scalar = new OpenApiSchema { Type = p.Type, Format = p.Format };
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = p.Name, In = ParameterLocation.Query, Description = p.Description, Required = p.Required,
                Schema = p.Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = scalar } : scalar,
                Style = p.Repeatable ? ParameterStyle.Form : null, Explode = p.Repeatable,
            });
        }
    }

    private static void Add(OpenApiOperation operation, int status, string description, IOpenApiSchema problem)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing) && existing.Content?.Count > 0) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } d && d != ReasonPhrase(status) ? d : description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
        };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>RFC 9457 problem details as this API writes them (Problems.cs): 'errors' maps a field
    /// name to its messages for 400 and 422.</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
        AdditionalProperties = new OpenApiSchema(),
    };
}
