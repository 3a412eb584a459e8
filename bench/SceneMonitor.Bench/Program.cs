using SceneMonitor.Bench;

// Scale benchmarks, driven by bench/run.sh:
//   SceneMonitor.Bench scale --scale 1m --url http://127.0.0.1:5098 --connection "..." --app-pid N --user U --password P --out DIR [--skip-map]
//   SceneMonitor.Bench report --out DIR --scales 100k,1m --connection "..." --command "..." --results bench/RESULTS.md
var options = Args.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "scale" => await ScaleRun.RunAsync(options),
    "report" => await Report.WriteAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SceneMonitor.Bench scale|report --option value ... (see bench/run.sh)");
    return 2;
}
