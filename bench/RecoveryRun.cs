using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Liandong.Grains.Reporting;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization;

namespace Liandong.Bench;

/// <summary>
/// Recovery after the worst crash, on the database a <see cref="DatabaseRun"/> left: the silo runs as its own process
/// (the Silo program from the build output, on that database and service id) while reports flow; it is SIGKILLed,
/// started again, and the run measures (a) how long until a grain call (the city overview) answers, (b) how long until
/// every division's totals equal the sum of its projects' persisted state (read from the database itself), and
/// (c) what the city overview answered meanwhile: how often it said "rebuilding", and how often it showed a total
/// that was not yet exact without saying so (which must be never).
/// </summary>
public sealed class RecoveryRun(BenchOptions options, Workload workload, BenchTarget target, string serviceId)
{
    private const string Actor = "bench-recovery";

    public async Task<RecoveryResult> RunAsync()
    {
        var gateway = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Demo__Load"] = "false",
            ["Cluster__Provider"] = "Localhost",
            ["Cluster__ClusterId"] = serviceId,
            ["Cluster__ServiceId"] = serviceId,
            ["Cluster__SiloPort"] = FreePort().ToString(),
            ["Cluster__GatewayPort"] = gateway.ToString(),
            ["Urls"] = $"http://127.0.0.1:{FreePort()}",
            ["Logging__LogLevel__Default"] = "Warning",

            // How each division's rebuild went (children read, asked, not answering): in the silo's log.
            ["Logging__LogLevel__Liandong.Grains.Hierarchy"] = "Information",
        };
        foreach (var (key, value) in target.StorageSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        File.Delete(SiloLog);
        Log($"the silo's output goes to {SiloLog}");
        var silo = StartSilo(environment);
        using var client = await ClientAsync(gateway, silo);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var city = grains.GetGrain<ICityGrain>(workload.Cities[0]);
        var period = new PeriodQuery(workload.Year, workload.Month);
        await UntilAsync(async () => { await city.GetOverviewAsync(period); return true; }, TimeSpan.FromMinutes(5), "the silo never answered", silo);

        // Reports flow: corrections with ever larger amounts, so the newest acknowledged amount of a project is known.
        var acknowledged = new ConcurrentDictionary<int, long>();
        var inFlight = new ConcurrentDictionary<int, byte>();
        var sequence = 0L;
        var flowing = true;
        var random = new Random(options.Seed + 7);
        var picks = Enumerable.Range(0, 1 << 16).Select(_ => random.Next(workload.Projects.Count)).ToArray();
        var pick = -1;
        var workers = Enumerable.Range(0, Math.Min(options.Concurrency, 32)).Select(async _ =>
        {
            while (Volatile.Read(ref flowing))
            {
                var project = picks[Interlocked.Increment(ref pick) & 0xFFFF];
                if (!inFlight.TryAdd(project, 0))
                {
                    // One report in flight per project: two at once may be applied in either order, and the one applied
                    // last (a correction replaces the month) would make the larger acknowledged amount look lost.
                    continue;
                }

                var cents = workload.Projects[project].PlanCents / 24 + Interlocked.Increment(ref sequence);
                try
                {
                    await grains.GetGrain<IProjectGrain>(workload.Projects[project].Code)
                        .SubmitReportAsync(Workload.Input(new ReportJob(project, workload.Year, workload.Month, cents)), Actor);
                    acknowledged.AddOrUpdate(project, cents, (_, old) => Math.Max(old, cents));
                }
                catch (Exception)
                {
                    // The silo is gone: an unacknowledged report may or may not have been written.
                    await Task.Delay(50);
                }
                finally
                {
                    inFlight.TryRemove(project, out byte _);
                }
            }
        }).ToList();
        var flowFor = options.Projects >= 50_000 ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(5);
        await Task.Delay(flowFor);
        var acknowledgedBeforeKill = acknowledged.Count;
        Log($"SIGKILL of the silo while reports flow ({Interlocked.Read(ref sequence)} sent, {acknowledged.Count} projects acknowledged)");
        silo.Kill(entireProcessTree: true);
        await silo.WaitForExitAsync();
        Volatile.Write(ref flowing, false);
        await Task.WhenAll(workers);
        silo.Dispose();

        // The truth: every project's persisted state, read from the database while nothing writes it.
        var truth = await PersistedTotalsAsync();
        var lost = acknowledged.Count(a => !truth.Reported.TryGetValue(workload.Projects[a.Key].Code, out var stored) || stored < a.Value);
        Log($"persisted: {truth.Ytd.Count} projects; acknowledged reports lost: {lost}");

        var restarted = Stopwatch.StartNew();
        silo = StartSilo(environment);
        try
        {
            var reads = new List<CityRead>();
            var expectedCity = truth.Ytd.Values.Sum();
            double? answered = null;
            double? exact = null;
            var timeout = options.Projects >= 50_000 ? TimeSpan.FromMinutes(10) : TimeSpan.FromMinutes(3);
            var counties = workload.Counties.Select(c => c.Code).ToList();
            var expectedCounty = counties.ToDictionary(c => c, c => workload.Projects.Where(p => p.County == c).Sum(p => truth.Ytd.GetValueOrDefault(p.Code)));
            var expectedTown = workload.Towns.ToDictionary(t => t.Code, _ => 0m);
            foreach (var p in workload.Projects)
            {
                expectedTown[p.Town] += truth.Ytd.GetValueOrDefault(p.Code);
            }

            while (restarted.Elapsed < timeout)
            {
                DivisionOverview overview;
                try
                {
                    overview = await city.GetOverviewAsync(period);
                }
                catch (Exception) when (answered is null)
                {
                    await Task.Delay(100);
                    continue;
                }

                answered ??= restarted.Elapsed.TotalSeconds;
                var cityExact = overview.Totals.CompletedYtd == expectedCity;
                reads.Add(new CityRead(restarted.Elapsed.TotalSeconds, overview.Rebuilding, cityExact));
                if (cityExact && !overview.Rebuilding && await AllExactAsync(grains, period, expectedCounty, expectedTown))
                {
                    exact = restarted.Elapsed.TotalSeconds;
                    break;
                }

                await Task.Delay(500);
            }

            var result = new RecoveryResult(
                answered ?? double.NaN, exact ?? double.NaN, exact is not null, acknowledgedBeforeKill, lost,
                reads.Count, reads.Count(r => r.Rebuilding), reads.Count(r => !r.Exact && !r.Rebuilding), reads.Count(r => !r.Exact && r.Rebuilding));
            Log($"API answered after {result.ApiAnswersSeconds:F1} s; every division exact after {result.ExactSeconds:F1} s; city reads: {result.CityReads}, "
                + $"{result.CityReadsRebuilding} said rebuilding, {result.CityReadsPartialNotFlagged} showed a partial total as complete");
            return result;
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
            }

            silo.Dispose();
            await client.StopAsync();
        }
    }

    private sealed record CityRead(double At, bool Rebuilding, bool Exact);

    /// <summary>Every county and town against the sums of their projects' persisted state.</summary>
    private static async Task<bool> AllExactAsync(IGrainFactory grains, PeriodQuery period, Dictionary<string, decimal> counties, Dictionary<string, decimal> towns)
    {
        foreach (var (code, expected) in counties)
        {
            var o = await grains.GetGrain<ICountyGrain>(code).GetOverviewAsync(period);
            if (o.Rebuilding || o.Totals.CompletedYtd != expected)
            {
                return false;
            }
        }

        foreach (var chunk in towns.Chunk(64))
        {
            var overviews = await Task.WhenAll(chunk.Select(t => grains.GetGrain<ITownGrain>(t.Key).GetOverviewAsync(period)));
            if (overviews.Zip(chunk).Any(x => x.First.Rebuilding || x.First.Totals.CompletedYtd != x.Second.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Year-to-date of the measured period per project, and the newest amount in cents of that month, from the stored rows.</summary>
    private async Task<(Dictionary<string, decimal> Ytd, Dictionary<string, long> Reported)> PersistedTotalsAsync()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(ProjectState).Assembly).AddAssembly(typeof(Figures).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        await using DbConnection connection = target.StorageSettings["Storage:Provider"] == "Postgres"
            ? new NpgsqlConnection(target.StorageSettings["Storage:Postgres:ConnectionString"])
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.StorageSettings["Storage:Sqlite:Path"], Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = 'project' AND PayloadBinary IS NOT NULL";
        var ytd = new Dictionary<string, decimal>();
        var reported = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var state = serializer.Deserialize<ProjectState>((byte[])reader[0]);
            if (state?.Profile is null)
            {
                continue;
            }

            ytd[state.Profile.Code] = state.Reports.Where(r => r.Year == workload.Year && r.Month <= workload.Month).Sum(r => r.Figures.InvestmentCompleted);
            if (state.Reports.FirstOrDefault(r => r.Year == workload.Year && r.Month == workload.Month) is { } month)
            {
                reported[state.Profile.Code] = (long)(month.Figures.InvestmentCompleted * Workload.CentsPerWan);
            }
        }

        return (ytd, reported);
    }

    /// <summary>The silo processes' output, for reading after the run: {temp}/liandong-recovery-{database}.log.</summary>
    private string SiloLog => Path.Combine(Path.GetTempPath(), $"liandong-recovery-{target.Name}.log");

    private Process StartSilo(Dictionary<string, string> environment)
    {
        var root = Root();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "Silo", "bin", configuration, "net10.0", "Liandong.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is not built: dotnet build -c {configuration} Silo");
        }

        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(root, "Silo"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the silo did not start");
        var log = TextWriter.Synchronized(new StreamWriter(SiloLog, append: true) { AutoFlush = true });
        log.WriteLine($"--- silo started {DateTimeOffset.UtcNow:O}");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}"); };
        process.Exited += (_, _) => log.Flush();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A cluster client on the silo's gateway, as the front tier connects; tried until the new process listens.</summary>
    private async Task<IHost> ClientAsync(int gateway, Process silo)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            builder.Logging.ClearProviders();
            builder.UseOrleansClient(c => c.UseLocalhostClustering(gateway, serviceId, serviceId));
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                return host;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromMinutes(5) && !silo.HasExited)
            {
                host.Dispose();
                await Task.Delay(500);
            }
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message, Process silo)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (silo.HasExited)
            {
                throw new InvalidOperationException($"{message}: the silo exited with {silo.ExitCode}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(message);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liandong.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Liandong.slnx not found");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Log(string message) => Console.WriteLine($"[{target.Name}] recovery: {message}");
}

/// <summary>What the recovery after SIGKILL of the silo measured.</summary>
/// <param name="ApiAnswersSeconds">From the restart of the silo process to the first answered city overview.</param>
/// <param name="ExactSeconds">From the restart until the city, every county and every town equal the sums of their projects' persisted state.</param>
/// <param name="Exact">Whether that happened before the timeout.</param>
/// <param name="ProjectsAcknowledgedBeforeKill">Projects with a report acknowledged while the reports flowed.</param>
/// <param name="AcknowledgedLost">Acknowledged reports not in the database after the kill (must be 0).</param>
/// <param name="CityReads">City overviews read between the first answer and exactness.</param>
/// <param name="CityReadsRebuilding">Of those, answers that said "rebuilding".</param>
/// <param name="CityReadsPartialNotFlagged">Answers whose total was not yet exact and did not say so (must be 0).</param>
/// <param name="CityReadsPartialFlagged">Answers whose total was not yet exact and said "rebuilding".</param>
public sealed record RecoveryResult(
    double ApiAnswersSeconds,
    double ExactSeconds,
    bool Exact,
    int ProjectsAcknowledgedBeforeKill,
    int AcknowledgedLost,
    int CityReads,
    int CityReadsRebuilding,
    int CityReadsPartialNotFlagged,
    int CityReadsPartialFlagged);
