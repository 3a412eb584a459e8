using System.Text.Json.Nodes;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Tests.Unit.Audit;

public class AuditSecretsTests
{
    [Fact]
    public void Keys_and_tokens_become_a_hash_prefix_passwords_are_dropped_at_any_depth()
    {
        var node = JsonNode.Parse("""
            {"API_KEY":["smk_abc"],"filter":{"token":"t0k3n","note":"smk_hidden","password":["hunter2"]},
             "access_token":"x","source":["outreach"],"list":[{"Authorization":"Bearer abc"}],"count":3}
            """);
        var text = AuditSecrets.Redact(node)!.ToJsonString();
        foreach (var secret in new[] { "smk_abc", "t0k3n", "smk_hidden", "hunter2", "Bearer abc", "\"x\"" })
            Assert.DoesNotContain(secret, text);
        Assert.Contains(AuditSecrets.HashPrefix("smk_abc"), text);
        Assert.Contains("\"password\":[\"[redacted]\"]", text);
        Assert.Contains("\"source\":[\"outreach\"]", text);
        Assert.Contains("\"count\":3", text);
        Assert.Matches("^sha256:[0-9a-f]{12}$", AuditSecrets.HashPrefix("anything"));
    }
}
