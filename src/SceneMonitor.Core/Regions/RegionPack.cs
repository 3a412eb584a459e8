namespace SceneMonitor.Core.Regions;

/// <summary>A region pack that passed <see cref="RegionPackCheck"/>: the folder under geodata/ (or
/// anywhere) with region.json, the outline, the area layers and the gazetteer (docs/region-packs.md).
/// One pack per deployment, chosen by Region:Pack; everything region-specific comes from here.</summary>
public sealed class RegionPack
{
    private RegionPack(string folder, RegionManifest manifest) => (Folder, Manifest) = (folder, manifest);

    public string Folder { get; }
    public RegionManifest Manifest { get; }

    public string Id => Manifest.Id!;
    public Texts Names => Manifest.Names!;
    public string TimeZone => Manifest.TimeZone!;
    public int MetricEpsg => Manifest.MetricEpsg!.Value;
    public string OutlinePath => Path.Combine(Folder, Manifest.Outline!.File!);
    public string GazetteerPath => Path.Combine(Folder, Manifest.Gazetteer!);
    public IReadOnlyList<AreaLayer> Layers => Manifest.Layers!;
    public string LayerPath(AreaLayer layer) => Path.Combine(Folder, layer.File!);

    /// <summary>Sources whose licence the pack's author could not confirm (the deployer opts in by choosing the pack).</summary>
    public IEnumerable<Source> UnconfirmedSources => Manifest.Sources!.Where(s => s.LicenceConfirmed != true);

    /// <summary>The pack in <paramref name="folder"/>, or a <see cref="RegionPackException"/> listing every problem.</summary>
    public static RegionPack Load(string folder)
    {
        var problems = RegionPackCheck.Problems(folder);
        if (problems.Count > 0) throw new RegionPackException(folder, problems);
        return new RegionPack(folder, RegionPackCheck.ReadManifest(folder).Manifest!);
    }

    /// <summary>The folder a Region:Pack setting names: a pack id is a folder under the geodata
    /// directory; a path (absolute, or with a separator) is taken as it is.</summary>
    public static string Resolve(string pack, string geodataDirectory) =>
        Path.IsPathRooted(pack) || pack.Contains('/') || pack.Contains('\\') ? Path.GetFullPath(pack) : Path.Combine(geodataDirectory, pack);
}

public sealed class RegionPackException(string folder, IReadOnlyList<string> problems)
    : Exception($"The region pack in {folder} is refused:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
