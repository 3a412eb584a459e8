namespace SceneMonitor.Tests.Support;

/// <summary>The checkout's root folder, for tests that read or write files of the repository (the
/// docs, the screenshots). Found by walking up from the test assembly (tests/X/bin/Release/net10.0)
/// and, failing that, from the current directory, to the first folder holding both SceneMonitor.sln
/// and README.md; so it works from `dotnet test`, an IDE runner or a copied output folder started
/// inside the checkout. SCENEMONITOR_REPO_ROOT overrides the search.</summary>
public static class RepositoryRoot
{
    public static string? TryFind()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SCENEMONITOR_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return IsRoot(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (IsRoot(dir.FullName)) return dir.FullName;
        return null;
    }

    public static string Find() => TryFind() ?? throw new InvalidOperationException(
        $"No folder with SceneMonitor.sln and README.md above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()} (set SCENEMONITOR_REPO_ROOT).");

    private static bool IsRoot(string dir) =>
        File.Exists(Path.Combine(dir, "SceneMonitor.sln")) && File.Exists(Path.Combine(dir, "README.md"));
}
