using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// docs/operations.md "Backup and restore", as an operator follows it: `Liandong.Silo backup FILE` beside a running
/// silo on SQLite while reports flow, then a new silo on a copy of FILE. Every report acknowledged before the
/// backup began must be in the restored deployment, and every town, county and the city must add up to its projects.
/// </summary>
public sealed class BackupRestoreTests : IAsyncDisposable
{
    private const string Username = "backup.admin";
    private const string Password = "backup-test-password";

    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-backup-").FullName;
    private readonly List<TierProcess> _processes = [];

    [Fact]
    public async Task ABackupTakenUnderWriteLoadRestoresEveryReportAcknowledgedBeforeItBegan()
    {
        var database = Path.Combine(_directory, "live.db");
        var (api, silo) = await StartDeploymentAsync(database);
        var scenario = new ReportingScenario(api, projects: 8);
        await scenario.RegisterAsync();

        // Reports from four workers, each amount new; the time of each 200 is kept.
        var acknowledged = new ConcurrentBag<(string Code, int Month, decimal Amount, DateTime At)>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = scenario.Projects.Where((_, i) => i % 4 == w).ToList();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                foreach (var code in mine)
                {
                    var month = round % 12 + 1;
                    var amount = 100m + round + w / 10m;
                    try
                    {
                        using var response = await api.PutAsJsonAsync($"/api/v1/projects/{code}/reports/{ReportStream.Year}/{month}", new { investmentCompleted = amount });
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add((code, month, amount, DateTime.UtcNow));
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        })).ToList();

        await WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= 60), TimeSpan.FromSeconds(120), "the reports never flowed");

        // The backup, as its own process beside the running silo, with the silo's settings.
        var backup = Path.Combine(_directory, "backups", "liandong.db");
        var began = DateTime.UtcNow;
        var (exitCode, output) = await RunBackupAsync(database, backup);
        var ended = DateTime.UtcNow;
        Assert.True(exitCode == 0, $"backup exited {exitCode}: {output}");
        var duringBackup = acknowledged.Count(a => a.At >= began && a.At <= ended);

        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(workers);
        Assert.False(silo.HasExited, silo.Tail);
        var before = acknowledged.Where(a => a.At < began).ToList();
        var after = acknowledged.Count(a => a.At > ended);
        Assert.True(after > 0, "no report was acknowledged after the backup: the test did not write under load");

        // Restore: the live deployment is gone; a copy of the backup file becomes the database of a new one.
        foreach (var process in _processes)
        {
            process.Kill();
        }

        var restored = Path.Combine(_directory, "restored", "liandong.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(backup, restored);
        var (restoredApi, _) = await StartDeploymentAsync(restored);

        foreach (var group in before.GroupBy(a => a.Code))
        {
            var reports = (await restoredApi.GetFromJsonAsync<JsonArray>($"/api/v1/projects/{group.Key}/reports"))!;
            foreach (var (code, month, amount, _) in group)
            {
                var report = reports.SingleOrDefault(r => r!["year"]!.GetValue<int>() == ReportStream.Year && r["month"]!.GetValue<int>() == month);
                Assert.True(report is not null, $"{code} {ReportStream.Year}-{month}, acknowledged before the backup, is not in the restored database");
                var stored = report!["corrections"]!.AsArray().Select(c => c!["investmentCompleted"]!.GetValue<decimal>())
                    .Append(report["investmentCompleted"]!.GetValue<decimal>());
                Assert.Contains(amount, stored);
            }
        }

        // Every level adds up to its projects (a division may still be catching up right after the start).
        var perProject = new Dictionary<string, decimal>();
        foreach (var code in scenario.Projects)
        {
            perProject[code] = await CompletedAsync(restoredApi, $"/api/v1/projects/{code}");
        }

        var expectations = ReportingScenario.Towns.Select(t => ($"/api/v1/towns/{t}",
                scenario.Projects.Where((_, i) => ReportingScenario.TownOf(i) == t).Sum(p => perProject[p])))
            .Concat(ReportingScenario.Counties.Select(c => ($"/api/v1/counties/{c}",
                scenario.Projects.Where((_, i) => ReportingScenario.TownOf(i).StartsWith(c, StringComparison.Ordinal)).Sum(p => perProject[p]))))
            .Append(($"/api/v1/cities/{ReportingScenario.City}", perProject.Values.Sum()));
        foreach (var (url, expected) in expectations)
        {
            decimal actual = -1;
            await WaitUntilAsync(async () => (actual = await CompletedAsync(restoredApi, url)) == expected, TimeSpan.FromSeconds(90),
                $"{url} stayed at {actual}, not the sum of its projects");
        }

        Assert.True(perProject.Values.Sum() > 0);
        Repository.Record($"backup under load: {before.Count} reports acknowledged before it, {duringBackup} during it "
            + $"({(ended - began).TotalMilliseconds:0} ms, process start included), {after} after; all before it restored");
    }

    private async Task<(HttpClient Api, TierProcess Silo)> StartDeploymentAsync(string database)
    {
        var gateway = Repository.FreePort().ToString();
        var apiPort = Repository.FreePort();
        var silo = Start("Silo", new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__Sqlite__Path"] = database,
            ["Cluster__SiloPort"] = Repository.FreePort().ToString(),
            ["Cluster__GatewayPort"] = gateway,
            ["Demo__Load"] = "false",
            ["Accounts__Bootstrap__Username"] = Username,
            ["Accounts__Bootstrap__Password"] = Password,
            ["Accounts__Bootstrap__CityCode"] = ReportingScenario.City,
            ["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}",
        });
        Start("Client", new Dictionary<string, string>
        {
            ["Cluster__GatewayPort"] = gateway,
            ["Urls"] = $"http://127.0.0.1:{apiPort}",
        });
        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilAsync(async () =>
        {
            using var response = await api.PostAsJsonAsync("/api/v1/auth/token", new { username = Username, password = Password });
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return true;
        }, TimeSpan.FromSeconds(90), "the API never answered");
        return (api, silo);
    }

    private static async Task<(int ExitCode, string Output)> RunBackupAsync(string database, string backup)
    {
        var silo = Path.Combine(Repository.Root, "Silo");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(silo, "bin", Repository.Configuration, "net10.0", "Liandong.Silo.dll"), "backup", backup])
        {
            WorkingDirectory = silo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Storage__Sqlite__Path"] = database;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<decimal> CompletedAsync(HttpClient api, string url)
    {
        var body = (await api.GetFromJsonAsync<JsonObject>($"{url}?year={ReportStream.Year}&month=12"))!;
        return body["totals"]!["completedYtd"]!.GetValue<decimal>();
    }

    private TierProcess Start(string tier, Dictionary<string, string> environment)
    {
        var process = TierProcess.Start(tier, environment);
        _processes.Add(process);
        return process;
    }

    private Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message) =>
        Polling.UntilAsync(condition, timeout, message, () => Polling.Tails(_processes));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
