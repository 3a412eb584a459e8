using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SceneMonitor.Tests.Browser;

/// <summary>axe-core with the WCAG 2.0 and 2.1 A and AA rules: every violation is written to the
/// test output, the serious and critical ones are returned as readable text (empty when none).</summary>
public static class AxeCheck
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private static readonly HashSet<string> Failing = ["serious", "critical"];

    public static async Task<string> SeriousAsync(IPage page, string state, ITestOutputHelper output)
    {
        await page.WaitForTimeoutAsync(300); // fades and transitions settle: contrast is measured on what is painted
        var result = await page.RunAxe(Options);
        var all = Report(state, result.Violations);
        output.WriteLine(all.Length > 0 ? all : $"[{state}] no violations");
        return Report(state, result.Violations.Where(v => Failing.Contains(v.Impact ?? "")));
    }

    public static string Report(string state, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"[{state}] {v.Id} ({v.Impact}): {v.Help}  {v.HelpUrl}");
            foreach (var node in v.Nodes.Take(8))
            {
                text.AppendLine($"    at {node.Target}");
                text.AppendLine($"       {(node.Html.Length > 200 ? node.Html[..200] + "…" : node.Html)}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                    if (!string.IsNullOrEmpty(check.Message)) text.AppendLine($"       - {check.Message}");
            }
            if (v.Nodes.Length > 8) text.AppendLine($"    … and {v.Nodes.Length - 8} more elements");
        }
        return text.ToString();
    }
}
