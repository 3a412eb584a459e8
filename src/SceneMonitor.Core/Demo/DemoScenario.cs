namespace SceneMonitor.Core.Demo;

/// <summary>The places and weights of the synthetic Brussels scenario (approximate positions of places
/// named in research on the Brussels scene; docs/user-guide-analyst.md, "The demo data").
/// Before the clearance the scene centres on Brussel-Zuid; afterwards part of it moves to
/// Clemenceau, Lemonnier and Hallepoort (the waterbed effect) and part disperses around the station.</summary>
public static class DemoScenario
{
    public sealed record Hotspot(string Name, double Lon, double Lat, double SigmaMetres, double WeightBefore, double WeightAfter);

    public const double ZuidLon = 4.3360, ZuidLat = 50.8357;

    public static readonly Hotspot[] Hotspots =
    [
        new("Brussel-Zuid / Gare du Midi", ZuidLon, ZuidLat, 90, 30, 7),
        new("Hallepoort / Porte de Hal", 4.3440, 50.8333, 70, 3, 10),
        new("Clemenceau", 4.3296, 50.8415, 70, 3, 11),
        new("Lemonnier", 4.3429, 50.8413, 70, 4, 11),
        new("Anneessens", 4.3438, 50.8447, 80, 8, 9),
        new("Noordstation / Gare du Nord", 4.3618, 50.8604, 100, 14, 14),
        new("Ribaucourt", 4.3450, 50.8574, 70, 6, 6),
        new("IJzer / Yser", 4.3495, 50.8551, 70, 5, 5),
        new("Peterbos, Anderlecht", 4.2866, 50.8352, 110, 6, 6),
    ];

    /// <summary>Weight of traces dispersed 300–1500 m around Brussel-Zuid after the clearance.</summary>
    public const double DispersedAfter = 7;
    /// <summary>Weight of scattered background traces over central Brussels, constant in time.</summary>
    public const double Background = 4;

    public static readonly (string Code, double Share)[] TraceMix =
    [
        ("discarded_pipe", 0.28), ("consumption_site", 0.22), ("dealing_point", 0.11), ("ammonia_bottle", 0.10),
        ("syringe", 0.06), ("drug_litter_other", 0.09), ("human_waste", 0.06), ("gathering", 0.05),
        ("nuisance_noise", 0.02), ("aggression_incident", 0.01),
    ];

    /// <summary>Share of traces that lead residents to complain, weeks later and close by.</summary>
    public const double ComplaintRate = 0.12;

    public static readonly string[] PlaceNotes =
    [
        "achter de trap naar het metrostation", "près de l'entrée du parking", "onder de spoorbrug",
        "dans la cage d'escalier", "bij de fietsenstalling", "near the tram stop", "in de portiek naast de winkel",
        "derrière l'abribus", "tussen de containers", "sous le pont", "aan de zij-ingang van het station",
    ];
}
