using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SceneMonitor.Tests.Support;

/// <summary>A PostgreSQL + PostGIS cluster of its own, in a temporary folder on a free loopback port,
/// for tests that stop and start the server (never the shared one). Uses the Debian binaries that
/// scripts/pg.sh uses; as root the cluster runs as the postgres user, as initdb requires.</summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private static readonly string Bin = $"/usr/lib/postgresql/{Environment.GetEnvironmentVariable("SCENEMONITOR_PG_VERSION") ?? "15"}/bin";
    private static readonly bool IsRoot = Environment.IsPrivilegedProcess;

    private readonly string _root;
    private string Data => Path.Combine(_root, "data");
    private string Log => Path.Combine(_root, "pg.log");
    public int Port { get; }
    private readonly string _password = Guid.NewGuid().ToString("N");

    private ThrowawayPostgres(string root, int port) => (_root, Port) = (root, port);

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "scenemonitor", Password = _password, Database = database,
        // Short timeouts keep requests made during an outage bounded.
        Timeout = 5, CommandTimeout = 30,
    }.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException($"{Bin}/initdb not found: install postgresql-15 and postgresql-15-postgis-3 (.ci/run does).");
        // As root the folder must be reachable by the postgres user, which a TMPDIR under /root is not.
        var root = IsRoot ? Directory.CreateDirectory(Path.Combine("/tmp", "sm-pg-" + Guid.NewGuid().ToString("N")[..12])).FullName
            : Directory.CreateTempSubdirectory("sm-pg-").FullName;
        var pg = new ThrowawayPostgres(root, FreePort());
        var pwfile = Path.Combine(root, "pw");
        await File.WriteAllTextAsync(pwfile, pg._password, ct);
        if (IsRoot) await RunAsync("chown", ["-R", "postgres", root], ct, asPostgres: false);
        await RunAsync(Path.Combine(Bin, "initdb"), ["-D", pg.Data, "-U", "scenemonitor", $"--pwfile={pwfile}", "--auth=scram-sha-256",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
        File.Delete(pwfile);
        await pg.AppendConfigAsync($"""

            listen_addresses = '127.0.0.1'
            port = {pg.Port}
            unix_socket_directories = ''
            shared_buffers = 32MB
            max_connections = 200
            """, ct);
        await pg.StartServerAsync(ct);
        return pg;
    }

    private async Task AppendConfigAsync(string text, CancellationToken ct)
    {
        // As root the config file belongs to postgres; appending as root keeps its owner.
        await File.AppendAllTextAsync(Path.Combine(Data, "postgresql.conf"), text, ct);
    }

    public Task StartServerAsync(CancellationToken ct) =>
        RunAsync(Path.Combine(Bin, "pg_ctl"), ["-D", Data, "-l", Log, "-w", "-t", "30", "start"], ct);

    /// <summary>mode: fast (clients disconnected, clean shutdown) or immediate (like a crash).</summary>
    public Task StopServerAsync(string mode, CancellationToken ct) =>
        RunAsync(Path.Combine(Bin, "pg_ctl"), ["-D", Data, "-m", mode, "-w", "-t", "30", "stop"], ct);

    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn); // fixed name, not input
        await cmd.ExecuteNonQueryAsync(ct);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopServerAsync("immediate", CancellationToken.None); } catch (InvalidOperationException) { /* already stopped */ }
        NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken ct, bool asPostgres = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        if (IsRoot && asPostgres)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        }
        else start.FileName = file;
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
