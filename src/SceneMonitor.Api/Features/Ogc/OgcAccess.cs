using System.Security.Claims;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>Which collections a caller may use. Metadata is public; items need a signed-in caller
/// (the endpoint's policy). Individual observations follow the Points policy: planners are refused
/// with a pointer to the grid collection, and the collection is not listed for them.</summary>
public static class OgcAccess
{
    public static bool MayList(OgcCollection collection, ClaimsPrincipal user) => !collection.PointsOnly || !user.IsPlanner();

    public static (OgcCollection? Collection, IResult? Refused) Resolve(string id, ClaimsPrincipal user)
    {
        var collection = OgcCollections.Find(id);
        if (collection is null)
            return (null, Problems.NotFound($"Collection '{id}' (collections: {string.Join(", ", OgcCollections.All.Select(c => c.Id))})"));
        if (!MayList(collection, user))
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: $"Planners see aggregated data only: use the collection '{OgcCollections.Grid}' (observations per category per grid cell, small counts left out).",
                detail: $"/ogc/collections/{OgcCollections.Grid}/items"));
        return (collection, null);
    }
}
