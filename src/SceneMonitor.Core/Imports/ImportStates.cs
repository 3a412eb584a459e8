namespace SceneMonitor.Core.Imports;

/// <summary>Life cycle of an import: receiving → validating → writing → committed, or rejected
/// (unreadable file or invalid rows: nothing stored), failed (interrupted: nothing stored), or
/// dryRun (checked only, never stored).</summary>
public static class ImportStates
{
    public const string Receiving = "receiving";
    public const string Validating = "validating";
    public const string Writing = "writing";
    public const string Committed = "committed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string DryRun = "dryRun";

    public static bool IsFinal(string state) => state is Committed or Rejected or Failed or DryRun;
}
