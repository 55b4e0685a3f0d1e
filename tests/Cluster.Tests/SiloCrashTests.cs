using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// The embedded deployment of ./run.sh (one silo on SQLite, one front tier), as processes: a report
/// acknowledged with 200 must survive SIGKILL of the silo, and every total must come back consistent.
/// </summary>
public sealed class SiloCrashTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-crash-").FullName;
    private readonly Dictionary<string, string> _silo = new();
    private readonly Dictionary<string, string> _client = new();
    private readonly List<TierProcess> _processes = [];
    private HttpClient _http = null!;

    public ValueTask InitializeAsync()
    {
        var gateway = Repository.FreePort().ToString();
        var apiPort = Repository.FreePort();
        _silo["Storage__Provider"] = "Sqlite";
        _silo["Storage__Sqlite__Path"] = Path.Combine(_directory, "crash.db");
        _silo["Cluster__SiloPort"] = Repository.FreePort().ToString();
        _silo["Cluster__GatewayPort"] = gateway;
        _silo["Demo__Load"] = "false";

        // Every API call needs a token: the silo creates the city's first account, and the test signs in with it.
        _silo["Accounts__Bootstrap__Username"] = "crash.admin";
        _silo["Accounts__Bootstrap__Password"] = "crash-test-password";
        _silo["Accounts__Bootstrap__CityCode"] = "449900";
        _client["Auth__KeyFile"] = Path.Combine(_directory, "auth", "signing.key");
        _silo["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}";
        _client["Cluster__GatewayPort"] = gateway;
        _client["Urls"] = $"http://127.0.0.1:{apiPort}";
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AcknowledgedReportsSurviveSigkillOfTheSiloAndTotalsComeBackConsistent()
    {
        var silo = Start("Silo", _silo);
        Start("Client", _client);
        await WaitUntilAsync(SignInAsync, TimeSpan.FromSeconds(90), "the API never answered");
        await Ok(_http.PutAsJsonAsync("/api/v1/cities/449900", new { name = "崩溃测试市" }));

        await Ok(_http.PutAsJsonAsync("/api/v1/counties/449901", new { name = "甲县", cityCode = "449900" }));
        string[] towns = ["449901101", "449901102"];
        foreach (var town in towns)
        {
            await Ok(_http.PutAsJsonAsync($"/api/v1/towns/{town}", new { name = "镇" + town[^1], countyCode = "449901" }));
        }

        var projects = Enumerable.Range(1, 6).Select(i => $"CRASH-{i}").ToList();
        foreach (var (code, i) in projects.Select((c, i) => (c, i)))
        {
            await Ok(_http.PostAsJsonAsync("/api/v1/projects", new
            {
                code, name = "项目" + code, townCode = towns[i % 2], category = "industry", stage = "continuing", totalInvestment = 9000,
                annualPlans = new[] { new { year = 2023, amount = 1200 } }, startDate = "2022-01-01",
            }));
        }

        // A steady stream of reports; only those answered 200 count as acknowledged.
        var acknowledged = new Dictionary<(string Code, int Month), decimal>();
        for (var month = 1; month <= 4; month++)
        {
            foreach (var code in projects)
            {
                var amount = 100m + month * 10m + projects.IndexOf(code);
                var response = await _http.PutAsJsonAsync($"/api/v1/projects/{code}/reports/2023/{month}", new { investmentCompleted = amount });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[(code, month)] = amount;
                }
            }
        }

        Assert.Equal(24, acknowledged.Count);
        silo.Kill();

        _processes.Remove(silo);
        Start("Silo", _silo);
        var recovery = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await _http.GetAsync($"/api/v1/projects/{projects[0]}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(120), "the API never recovered after the silo restarted");
        recovery.Stop();

        foreach (var ((code, month), amount) in acknowledged)
        {
            var reports = await _http.GetFromJsonAsync<JsonArray>($"/api/v1/projects/{code}/reports");
            var report = reports!.Single(r => r!["year"]!.GetValue<int>() == 2023 && r["month"]!.GetValue<int>() == month);
            Assert.Equal(amount, report!["investmentCompleted"]!.GetValue<decimal>());
        }

        var expected = acknowledged.Values.Sum();
        var perTown = towns.ToDictionary(t => t, t => acknowledged.Where(a => projects.IndexOf(a.Key.Code) % 2 == Array.IndexOf(towns, t)).Sum(a => a.Value));
        foreach (var town in towns)
        {
            await WaitForTotalAsync($"/api/v1/towns/{town}?year=2023&month=4", perTown[town]);
        }

        await WaitForTotalAsync("/api/v1/counties/449901?year=2023&month=4", expected);
        await WaitForTotalAsync("/api/v1/cities/449900?year=2023&month=4", expected);
        Repository.Record($"API answered again {recovery.ElapsedMilliseconds} ms after the silo restarted");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
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

    private TierProcess Start(string tier, Dictionary<string, string> environment)
    {
        var process = TierProcess.Start(tier, environment);
        _processes.Add(process);
        return process;
    }

    private async Task<bool> SignInAsync()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new { username = "crash.admin", password = "crash-test-password" });
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return true;
    }

    private async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task WaitForTotalAsync(string url, decimal expected)
    {
        decimal actual = -1;
        await WaitUntilAsync(async () =>
        {
            var body = await _http.GetFromJsonAsync<JsonObject>(url);
            actual = body!["totals"]!["completedYtd"]!.GetValue<decimal>();
            return actual == expected;
        }, TimeSpan.FromSeconds(150), $"{url} never reached {expected}");
        Assert.Equal(expected, actual);
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
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

        Assert.Fail($"{message}.\n{string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Tail}"))}");
    }
}
