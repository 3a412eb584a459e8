namespace SceneMonitor.Bench;

/// <summary>All measurements at one scale. A failing step is recorded and the others still run.</summary>
public static class ScaleRun
{
    public static async Task<int> RunAsync(Args args)
    {
        var scale = args["scale"];
        var n = DataSet.ParseScale(scale);
        var only = args.Optional("only")?.Split(',');
        // --only export,viewport re-measures some items on the data already loaded and keeps the
        // rest of that scale's results.
        var results = (only is null ? null : ScaleResults.Load(args["out"], scale)) ?? new ScaleResults { Scale = scale, Rows = n, Started = DateTimeOffset.UtcNow };
        if (only is not null) results.Say($"re-measuring {string.Join(", ", only)} on the loaded data");
        await using var ctx = new BenchContext(args, results);
        await ctx.SignInAsync(args["user"], args["password"]);
        var failed = false;
        async Task Step(string name, Func<Task> step)
        {
            if (only is not null && !only.Contains(name)) return;
            try { await step(); }
            catch (Exception e)
            {
                failed = true;
                results.Say($"{name} FAILED: {e.GetType().Name}: {e.Message}");
            }
            await results.SaveAsync(ctx.OutDir);
        }
        results.LoadBefore = File.ReadAllText("/proc/loadavg").Trim();
        results.Say($"load before: {results.LoadBefore}");
        await Step("data", () => DataSet.GenerateAsync(ctx, n));
        await Step("ingest", () => Ingest.RunAsync(ctx, n));
        if (only is not null) await Step("load", () => Ingest.LoadAsync(ctx, n)); // only when asked for: a full run ingests
        await Step("export", () => Export.RunAsync(ctx, n));
        await Step("viewport", () => Viewport.RunAsync(ctx));
        await Step("displacement", () => DisplacementBench.RunAsync(ctx, n));
        if (!args.Flag("skip-map")) await Step("map", () => MapPage.RunAsync(ctx, args.Optional("baseline-url")));
        await Step("partitioning", () => Partitioning.RunAsync(ctx, n));
        results.LoadAfter = File.ReadAllText("/proc/loadavg").Trim();
        results.Say($"load after: {results.LoadAfter}");
        await results.SaveAsync(ctx.OutDir);
        return failed ? 1 : 0;
    }
}
