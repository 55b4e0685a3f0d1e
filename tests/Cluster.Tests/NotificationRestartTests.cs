using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// The notification outbox across a silo crash, as processes (issue 14): a directive share falls due within three days,
/// the county's work list queues its reminder while the county's WeCom robot (a local receiver) fails, the silo is
/// SIGKILLed with the reminder still waiting, the robot recovers, the silo restarts: the reminder arrives exactly once,
/// and the sweeps that run after it do not send it again.
/// </summary>
public sealed class NotificationRestartTests : IAsyncLifetime
{
    private const string City = "449600";
    private const string County = "449601";

    private readonly string _directory = Directory.CreateTempSubdirectory("liandong-outbox-crash-").FullName;
    private readonly Dictionary<string, string> _silo = new();
    private readonly Dictionary<string, string> _client = new();
    private readonly List<TierProcess> _processes = [];
    private readonly LocalRobot _robot = new(refuseUntilAccepted: true);
    private HttpClient _http = null!;

    public ValueTask InitializeAsync()
    {
        var gateway = Repository.FreePort().ToString();
        var apiPort = Repository.FreePort();
        _silo["Storage__Provider"] = "Sqlite";
        _silo["Storage__Sqlite__Path"] = Path.Combine(_directory, "outbox.db");
        _silo["Cluster__SiloPort"] = Repository.FreePort().ToString();
        _silo["Cluster__GatewayPort"] = gateway;
        _silo["Demo__Load"] = "false";
        _silo["Accounts__Bootstrap__Username"] = "outbox.admin";
        _silo["Accounts__Bootstrap__Password"] = "outbox-test-password";
        _silo["Accounts__Bootstrap__CityCode"] = City;

        // Reminders every 10 s instead of Orleans' one-minute minimum (Rollup:SyncPeriod lowers it), and short back-off.
        _silo["Rollup__SyncPeriod"] = "00:00:10";
        _silo["Notifications__SweepPeriod"] = "00:00:10";
        _silo["Notifications__RetryPeriod"] = "00:00:10";
        _silo["Notifications__RetryBase"] = "00:00:02";
        _silo["Notifications__RetryMax"] = "00:00:05";
        _client["Auth__KeyFile"] = Path.Combine(_directory, "auth", "signing.key");
        _silo["Urls"] = $"http://127.0.0.1:{Repository.FreePort()}";
        _client["Cluster__GatewayPort"] = gateway;
        _client["Urls"] = $"http://127.0.0.1:{apiPort}";
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AReminderQueuedWhileTheRobotFailsArrivesExactlyOnceAfterTheSiloIsKilledAndRestarted()
    {
        var silo = Start("Silo", _silo);
        Start("Client", _client);
        await WaitUntilAsync(SignInAsync, TimeSpan.FromSeconds(90), "the API never answered");
        await Ok(_http.PutAsJsonAsync($"/api/v1/cities/{City}", new { name = "提醒崩溃测试市" }));
        await Ok(_http.PutAsJsonAsync($"/api/v1/counties/{County}", new { name = "甲县", cityCode = City }));
        await Ok(_http.PutAsJsonAsync($"/api/v1/cities/{City}/notifications/webhooks", new { webhooks = new Dictionary<string, string> { [County] = _robot.Url } }));

        // A directive due in two days: the county's share waits to be split, and its work list reminds it.
        var due = DateOnly.FromDateTime(DateTime.Now).AddDays(2).ToString("yyyy-MM-dd");
        await Ok(_http.PostAsJsonAsync("/api/v1/directives", new { cityCode = City, title = "重点项目用地报批攻坚", dueDate = due, countyCodes = new[] { County } }));

        // The first sweep runs a minute after the task appears; the robot refuses every attempt so far.
        string? key = null;
        await WaitUntilAsync(async () =>
        {
            var outbox = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/cities/{City}/notifications");
            var waiting = outbox!["pending"]!.AsArray().FirstOrDefault(m => m!["target"]!.GetValue<string>() == County && m["attempts"]!.GetValue<int>() >= 2);
            key = waiting?["key"]!.GetValue<string>();
            return key is not null;
        }, TimeSpan.FromSeconds(180), "the reminder was never queued and tried");
        Assert.Equal(0, _robot.Accepted);
        Assert.True(_robot.Refused >= 2);

        silo.Kill();
        _processes.Remove(silo);
        _robot.Accept();
        Assert.Equal(0, _robot.Accepted);

        Start("Silo", _silo);
        await WaitUntilAsync(async () =>
        {
            var outbox = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/cities/{City}/notifications");
            return outbox!["sent"]!.AsArray().Any(k => k!.GetValue<string>() == key) && outbox["pending"]!.AsArray().Count == 0;
        }, TimeSpan.FromSeconds(180), "the reminder was never delivered after the restart");

        // Several sweeps later (the task is still open and still due soon) nothing more has been sent.
        await Task.Delay(TimeSpan.FromSeconds(35));
        var after = await _http.GetFromJsonAsync<JsonObject>($"/api/v1/cities/{City}/notifications");
        Assert.Empty(after!["pending"]!.AsArray());
        Assert.Single(after["sent"]!.AsArray(), k => k!.GetValue<string>() == key);
        var delivered = Assert.Single(_robot.AcceptedBodies);
        var content = JsonNode.Parse(delivered)!;
        Assert.Equal("markdown", content["msgtype"]!.GetValue<string>());
        Assert.Contains("重点项目用地报批攻坚", content["markdown"]!["content"]!.GetValue<string>());
        Repository.Record($"Outbox: reminder refused {_robot.Refused} times before SIGKILL, delivered once after the restart");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _robot.Dispose();
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
        var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new { username = "outbox.admin", password = "outbox-test-password" });
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

    private Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message) =>
        Polling.UntilAsync(condition, timeout, message, () => Polling.Tails(_processes));
}
