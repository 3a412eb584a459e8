using Microsoft.OpenApi;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>A query parameter that a handler reads by hand from <c>request.Query</c> (the parsers
/// give field-named 400s that model binding cannot). Each parser keeps the list of what it reads next
/// to its code; endpoints attach the lists with <see cref="OpenApiQuery.WithQuery"/> and the OpenAPI
/// document (<see cref="OpenApiConventions"/>) declares them, so generated clients can send them.</summary>
public sealed record QueryParameter(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String,
    bool Repeatable = false, string? Format = null, bool Required = false);

/// <summary>Endpoint metadata: the query parameters the handler reads.</summary>
public sealed record QueryParameters(IReadOnlyList<QueryParameter> Items);

public static class OpenApiQuery
{
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, params IEnumerable<QueryParameter>[] sets)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameters(sets.SelectMany(s => s).DistinctBy(p => p.Name).ToList()));

    public static QueryParameter Text(string name, string description) => new(name, description);
    public static QueryParameter Whole(string name, string description) => new(name, description, JsonSchemaType.Integer);
    public static QueryParameter Number(string name, string description) => new(name, description, JsonSchemaType.Number);
    public static QueryParameter Flag(string name, string description) => new(name, description, JsonSchemaType.Boolean);
    public static QueryParameter Time(string name, string description) => new(name, description + " ISO 8601 date (a local day) or date-time.");
    public static QueryParameter List(string name, string description) => new(name, description + " Repeat the parameter or separate values with commas.", Repeatable: true);
}
