using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Security;

/// <summary>Audits the stateless analyses (/api/analysis/*), which compute on points the caller
/// brings, not on stored observations. The analyses of stored data audit themselves, with the
/// parameters they validated (displacement, emerging).</summary>
public static class AnalysisShaping
{
    /// <summary>Writes an "analysis" audit line (method, path, query) before the analysis runs.</summary>
    public static async ValueTask<object?> Audit(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        await http.RequestServices.GetRequiredService<Auditor>()
            .WriteAsync(http, AuditActions.Analysis, Auditor.Query(http.Request), null, http.RequestAborted);
        return await next(context);
    }
}
