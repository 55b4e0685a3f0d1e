using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// Investment promotion on the embedded deployment, as processes: leads moved, followed up and converted, each
/// step acknowledged, then SIGKILL of the silo at once (the divisions still hold the newest figures in memory);
/// after the restart every level's promotion totals come back equal to what was acknowledged.
/// </summary>
public sealed class PromotionCrashTests : IAsyncLifetime
{
    private const string City = "449700";
    private const string County = "449701";
    private static readonly string[] Towns = ["449701101", "449701102"];

    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-promotion-crash-").FullName;
    private readonly Dictionary<string, string> _silo = new();
    private readonly Dictionary<string, string> _client = new();
    private readonly List<TierProcess> _processes = [];
    private HttpClient _http = null!;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    // Every step dated today: stages may share a date, and the period (1–M月 of this year) then holds them all.
    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    public ValueTask InitializeAsync()
    {
        var gateway = Repository.FreePort().ToString();
        var apiPort = Repository.FreePort();
        _silo["Storage__Provider"] = "Sqlite";
        _silo["Storage__Sqlite__Path"] = Path.Combine(_directory, "promotion.db");
        _silo["Cluster__SiloPort"] = Repository.FreePort().ToString();
        _silo["Cluster__GatewayPort"] = gateway;
        _silo["Demo__Load"] = "false";
        _silo["Accounts__Bootstrap__Username"] = "promotion.admin";
        _silo["Accounts__Bootstrap__Password"] = "promotion-test-password";
        _silo["Accounts__Bootstrap__CityCode"] = City;
        _client["Auth__KeyFile"] = Path.Combine(_directory, "auth", "signing.key");
        _silo["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}";
        _client["Cluster__GatewayPort"] = gateway;
        _client["Urls"] = $"http://127.0.0.1:{apiPort}";
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AcknowledgedLeadStepsSurviveSigkillAndPromotionTotalsComeBackAtEveryLevel()
    {
        var silo = Start("Silo", _silo);
        Start("Client", _client);
        await WaitUntilAsync(SignInAsync, TimeSpan.FromSeconds(90), "the API never answered");
        await Ok(_http.PutAsJsonAsync($"/api/v1/cities/{City}", new { name = "招商崩溃测试市" }));
        await Ok(_http.PutAsJsonAsync($"/api/v1/counties/{County}", new { name = "甲县", cityCode = City }));
        foreach (var town in Towns)
        {
            await Ok(_http.PutAsJsonAsync($"/api/v1/towns/{town}", new { name = "镇" + town[^1], countyCode = County }));
        }

        // Six leads: two stay county-level in contact, two signed (20,000 万元 each), two registered and converted
        // into projects of each town, one of them started with 5,000 万元 of funds in.
        var ids = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            var created = await Json(_http.PostAsJsonAsync("/api/v1/leads", new
            {
                countyCode = County, name = $"崩溃测试线索{i}", investor = $"测试投资方{i}", industryChain = "食品", plannedInvestment = 20000,
                channel = "industryChain", receivedDate = Day(0),
            }));
            ids.Add(created["id"]!.GetValue<string>());
        }

        for (var i = 2; i < 6; i++)
        {
            await Ok(_http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/stage", new { stage = "negotiating", date = Day(0) }));
            await Ok(_http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/stage", new { stage = "signed", date = Day(0), signedAmount = 20000 }));
        }

        for (var i = 4; i < 6; i++)
        {
            await Ok(_http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/stage", new { stage = "registered", date = Day(0) }));
            await Ok(_http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/convert", new
            {
                townCode = Towns[i - 4], category = "industry", stage = "newStart", totalInvestment = 20000,
                annualPlans = new[] { new { year = Today.Year, amount = 5000 } }, startDate = Day(0),
            }));
        }

        await Ok(_http.PostAsJsonAsync($"/api/v1/leads/{ids[5]}/stage", new { stage = "started", date = Day(0), fundsArrived = 5000 }));
        silo.Kill();

        _processes.Remove(silo);
        Start("Silo", _silo);
        await WaitUntilAsync(async () => (await _http.GetAsync($"/api/v1/leads/{ids[0]}")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(120), "the API never recovered after the silo restarted");

        var period = $"year={Today.Year}&month={Today.Month}";
        await WaitForPromotionAsync($"/api/v1/towns/{Towns[0]}?{period}", new(1, 1, 20000m, 1, 0, 0m));
        await WaitForPromotionAsync($"/api/v1/towns/{Towns[1]}?{period}", new(1, 1, 20000m, 1, 1, 5000m));
        await WaitForPromotionAsync($"/api/v1/counties/{County}?{period}", new(6, 4, 80000m, 2, 1, 5000m));
        await WaitForPromotionAsync($"/api/v1/cities/{City}?{period}", new(6, 4, 80000m, 2, 1, 5000m));
        var county = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/counties/{County}?{period}");
        Assert.Equal(Towns, county!["towns"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
    }

    private sealed record Expected(int Leads, int Signed, decimal SignedAmount, int Registered, int Started, decimal FundsArrived);

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
        var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new { username = "promotion.admin", password = "promotion-test-password" });
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return true;
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonObject> Json(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task WaitForPromotionAsync(string url, Expected expected)
    {
        Expected? actual = null;
        await WaitUntilAsync(async () =>
        {
            var p = (await _http.GetFromJsonAsync<JsonObject>(url))!["totals"]!["promotion"]!;
            actual = new Expected(p["leads"]!.GetValue<int>(), p["signed"]!.GetValue<int>(), p["signedAmount"]!.GetValue<decimal>(),
                p["registered"]!.GetValue<int>(), p["started"]!.GetValue<int>(), p["fundsArrived"]!.GetValue<decimal>());
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
