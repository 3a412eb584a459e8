using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace SceneMonitor.Bench;

/// <summary>What every measurement needs: the API (signed in), the bench database, psql, the API's pid.</summary>
public sealed class BenchContext(Args args, ScaleResults results) : IAsyncDisposable
{
    public ScaleResults Results { get; } = results;
    public string BaseUrl { get; } = args["url"].TrimEnd('/');
    public string Connection { get; } = args["connection"];
    public int AppPid { get; } = int.Parse(args["app-pid"], CultureInfo.InvariantCulture);
    public string OutDir { get; } = args["out"];
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(15) };
    // JIT off as for the app's connections (and PGOPTIONS for psql and pgbench in bench/run.sh), so
    // that the baselines are planned and run like the API's queries.
    public NpgsqlDataSource Db { get; } = new NpgsqlDataSourceBuilder(args["connection"]) { ConnectionStringBuilder = { Options = "-c jit=off" } }.Build();
    public string Token { get; private set; } = "";
    public string Database => new NpgsqlConnectionStringBuilder(Connection).Database!;

    public async Task SignInAsync(string user, string password)
    {
        using var login = await Http.PostAsJsonAsync($"{BaseUrl}/api/auth/login", new { username = user, password });
        login.EnsureSuccessStatusCode();
        Token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] ps)
    {
        await using var cmd = Db.CreateCommand(sql);
        cmd.CommandTimeout = 600; // a runaway query fails its step instead of stopping the run
        foreach (var (n, v) in ps) cmd.Parameters.AddWithValue(n, v);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task ExecAsync(string sql)
    {
        await using var cmd = Db.CreateCommand(sql);
        cmd.CommandTimeout = 600; // a runaway query fails its step instead of stopping the run
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs psql against the bench database (PG* variables come from run.sh), counting
    /// what it writes to stdout; throws with its stderr on failure.</summary>
    public async Task<(TimeSpan Elapsed, long StdoutBytes, string Stdout)> PsqlAsync(string[] psqlArgs, bool keepStdout = false, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", Database }.Concat(psqlArgs)) psi.ArgumentList.Add(a);
        return await RunAsync(psi, keepStdout, timeout ?? TimeSpan.FromMinutes(20));
    }

    public static async Task<(TimeSpan Elapsed, long StdoutBytes, string Stdout)> RunAsync(ProcessStartInfo psi, bool keepStdout, TimeSpan timeout)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(timeout);
        var stderr = p.StandardError.ReadToEndAsync(cts.Token);
        long bytes = 0;
        var kept = new MemoryStream();
        var buffer = new byte[1 << 16];
        var stdout = p.StandardOutput.BaseStream;
        try
        {
            int n;
            while ((n = await stdout.ReadAsync(buffer, cts.Token)) > 0)
            {
                bytes += n;
                if (keepStdout) kept.Write(buffer, 0, n);
            }
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{psi.FileName} took longer than {timeout}");
        }
        sw.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{psi.FileName} failed ({p.ExitCode}): {await stderr}");
        return (sw.Elapsed, bytes, keepStdout ? System.Text.Encoding.UTF8.GetString(kept.ToArray()) : "");
    }

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return Db.DisposeAsync();
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Samples a process's resident memory (VmRSS) while a measurement runs, and its peak
/// (VmHWM, reset before the measurement via /proc/pid/clear_refs).</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    public long MaxSampledKb { get; private set; }
    public long StartKb { get; }

    public RssSampler(int pid)
    {
        _pid = pid;
        try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        StartKb = Read("VmRSS");
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                MaxSampledKb = Math.Max(MaxSampledKb, Read("VmRSS"));
                try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long PeakKb => Math.Max(MaxSampledKb, Read("VmHWM"));

    private long Read(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }
}
