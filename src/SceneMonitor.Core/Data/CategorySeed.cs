using SceneMonitor.Core.Domain;

namespace SceneMonitor.Core.Data;

/// <summary>The six core categories and the seeded extra ones (all active; an administrator can add
/// more). Names describe places and traces, never people. Colours are from the Okabe–Ito palette
/// (distinguishable with colour-vision deficiencies); each also has its own icon shape.</summary>
public static class CategorySeed
{
    public static readonly Category[] All =
    [
        C(1, "consumption_site", "Gebruiksplek", "Lieu de consommation", "Consumption site", "circle", "#D55E00", true),
        C(2, "dealing_point", "Dealplek", "Point de deal", "Dealing point", "diamond", "#CC79A7", true),
        C(3, "discarded_pipe", "Achtergelaten crackpijp", "Pipe à crack abandonnée", "Discarded crack pipe", "square", "#E69F00", true),
        C(4, "ammonia_bottle", "Fles met ammoniak", "Bouteille d'ammoniaque", "Ammonia bottle", "triangle", "#56B4E9", true),
        C(5, "syringe", "Spuit", "Seringue", "Syringe", "cross", "#0072B2", true),
        C(6, "complaint", "Klacht van buurtbewoners", "Plainte de riverains", "Residents' complaint", "star", "#009E73", true),
        C(7, "drug_litter_other", "Ander druggerelateerd afval", "Autres déchets liés à la drogue", "Other drug litter", "square-open", "#F0E442", false),
        C(8, "human_waste", "Urine of uitwerpselen", "Urine ou excréments", "Human waste", "triangle-down", "#8C6D31", false),
        C(9, "gathering", "Groep aanwezig", "Groupe présent", "Gathering", "hexagon", "#7F7F7F", false),
        C(10, "nuisance_noise", "Geluidsoverlast", "Nuisances sonores", "Noise nuisance", "wave", "#999933", false),
        C(11, "aggression_incident", "Agressie-incident", "Incident d'agression", "Aggression incident", "bolt", "#882255", false),
    ];

    private static Category C(int id, string code, string nl, string fr, string en, string icon, string colour, bool core) =>
        new() { Id = id, Code = code, LabelNl = nl, LabelFr = fr, LabelEn = en, Icon = icon, Colour = colour, Core = core, SortOrder = id, Active = true };
}
