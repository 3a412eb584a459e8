using Microsoft.AspNetCore.StaticFiles;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Static files for the installable web app (web/src/sw.js, manifest.webmanifest): the
/// manifest gets its media type, and the service worker and the manifest are revalidated on every
/// load (no-cache), so a new build reaches phones at the next opening instead of after a day of
/// heuristic HTTP caching. The worker sits at the site root, so its scope is the whole app.</summary>
public static class InstallableApp
{
    public static readonly string[] AlwaysRevalidated = ["/sw.js", "/manifest.webmanifest"];

    public static StaticFileOptions StaticFiles()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        return new StaticFileOptions
        {
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                if (AlwaysRevalidated.Contains(file.Context.Request.Path.Value, StringComparer.Ordinal))
                    file.Context.Response.Headers.CacheControl = "no-cache";
            },
        };
    }
}
