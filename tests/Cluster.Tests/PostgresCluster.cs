using System.Net;

namespace Liandong.Cluster.Tests;

/// <summary>
/// N silos and one front tier as processes on loopback ports, clustered through a fresh PostgreSQL
/// database (Cluster:Provider AdoNet), configured only by environment variables as an ops engineer would.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly List<TierProcess> _processes = [];
    private readonly List<SiloHandle> _silos = [];

    private PostgresCluster(TestDatabase database)
    {
        Database = database;
        ClusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    }

    public TestDatabase Database { get; }

    public string ClusterId { get; }

    public string ServiceId => "liandong-cluster-tests";

    public IReadOnlyList<SiloHandle> Silos => _silos;

    public HttpClient Api { get; private set; } = null!;

    /// <summary>
    /// Failure detection tuned for loopback (production keeps Orleans' defaults: 5 s probes, 3 misses):
    /// a killed silo is declared dead after two missed 2-second probes, and the roll-up's reminder retries
    /// (and overdue matters check their deadlines) every 5 s instead of every minute (every hour).
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoopbackTuning { get; } = new Dictionary<string, string>
    {
        ["Cluster__Membership__ProbeTimeout"] = "00:00:02",
        ["Cluster__Membership__NumMissedProbesLimit"] = "2",
        ["Cluster__Membership__TableRefreshTimeout"] = "00:00:05",
        ["Cluster__Membership__DefunctSiloExpiration"] = "00:10:00",
        ["Rollup__SyncDueTime"] = "00:00:05",
        ["Rollup__SyncPeriod"] = "00:00:05",
        ["Coordination__Escalation__ReminderPeriod"] = "00:00:05",
    };

    public static async Task<PostgresCluster> StartAsync(int silos)
    {
        var cluster = new PostgresCluster(await TestDatabase.CreateAsync());
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            foreach (var silo in cluster._silos)
            {
                await cluster.WaitReadyAsync(silo.Http, silo.Process, TimeSpan.FromSeconds(120));
            }

            var apiPort = Repository.FreePort();
            var client = TierProcess.Start("Client", new Dictionary<string, string>(cluster.Common)
            {
                ["Urls"] = $"http://127.0.0.1:{apiPort}",
                ["Cluster__ResponseTimeout"] = "00:00:10",
                ["Cluster__RetryAfter"] = "00:00:01",
                ["Cluster__Gateway__GatewayListRefreshPeriod"] = "00:00:05",
            });
            cluster._processes.Add(client);
            cluster.Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
            await cluster.WaitReadyAsync(cluster.Api, client, TimeSpan.FromSeconds(120));
            await TestTokens.SignInAsync(cluster.Api, TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>What silos and the front tier share: the database and the cluster's ids.</summary>
    private Dictionary<string, string> Common => new()
    {
        ["Storage__Provider"] = "Postgres",
        ["Storage__Postgres__ConnectionString"] = Database.ConnectionString,
        ["Cluster__Provider"] = "AdoNet",
        ["Cluster__ClusterId"] = ClusterId,
        ["Cluster__ServiceId"] = ServiceId,
        ["Accounts__Bootstrap__Username"] = TestTokens.Username,
        ["Accounts__Bootstrap__Password"] = TestTokens.Password,
        ["Accounts__Bootstrap__CityCode"] = ReportingScenario.City,
    };

    private SiloHandle StartSilo()
    {
        var siloPort = Repository.FreePort();
        var httpPort = Repository.FreePort();
        var environment = new Dictionary<string, string>(Common)
        {
            ["Cluster__SiloPort"] = siloPort.ToString(),
            ["Cluster__GatewayPort"] = Repository.FreePort().ToString(),
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Demo__Load"] = "false",
        };
        foreach (var (key, value) in LoopbackTuning)
        {
            environment[key] = value;
        }

        var process = TierProcess.Start("Silo", environment);
        _processes.Add(process);
        var silo = new SiloHandle(_silos.Count + 1, siloPort, process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) });
        _silos.Add(silo);
        return silo;
    }

    /// <summary>The membership row of a silo: 3 Active, 5 ShuttingDown, 6 Dead (Orleans' SiloStatus).</summary>
    public Task<int> MembershipStatusAsync(SiloHandle silo) => Database.ScalarAsync<int>(
        "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Port = @port ORDER BY Generation DESC LIMIT 1",
        ("cluster", ClusterId), ("port", silo.SiloPort));

    /// <summary>Roll-up reminders still registered: each one is removed by its own tick once the parent confirmed.</summary>
    public Task<long> PendingRollupRemindersAsync() => Database.ScalarAsync<long>(
        "SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @service AND ReminderName = 'rollup-sync'",
        ("service", ServiceId));

    public string Logs => string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Tail}"));

    private async Task WaitReadyAsync(HttpClient http, TierProcess process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited while starting.\n{process.Tail}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{process.Name} was not ready within {timeout.TotalSeconds:0} s.\n{Logs}");
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        foreach (var silo in _silos)
        {
            silo.Http.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}

/// <summary>One silo process of a <see cref="PostgresCluster"/>.</summary>
public sealed record SiloHandle(int Number, int SiloPort, TierProcess Process, HttpClient Http);
