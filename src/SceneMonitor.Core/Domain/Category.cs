namespace SceneMonitor.Core.Domain;

/// <summary>A kind of trace or place (never a label for people). Codes are stable API identifiers.</summary>
public sealed class Category
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string LabelNl { get; set; }
    public required string LabelFr { get; set; }
    public required string LabelEn { get; set; }
    /// <summary>Icon name the front end maps to a symbol (shape), so the legend does not rely on colour alone.</summary>
    public required string Icon { get; set; }
    /// <summary>CSS colour, #rrggbb.</summary>
    public required string Colour { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>True for the six core categories of the design; they cannot be deactivated by admins.</summary>
    public bool Core { get; set; }
    public int SortOrder { get; set; }
}
