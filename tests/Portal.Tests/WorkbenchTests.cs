extern alias silo;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liandong.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using silo::Liandong.Silo.Hosting;

namespace Liandong.Portal.Tests;

/// <summary>The work list through the API, password changes and resets, and start-up readiness (issue 14).</summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkbenchTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=plain", 400)]
    [InlineData("ftp://qyapi.weixin.qq.com/robot", 400)]
    [InlineData("not a url", 400)]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=rule-test", 200)]
    [InlineData("http://127.0.0.1:9/cgi-bin/webhook/send?key=local", 200)]
    public async Task ARobotAddressIsHttpsOrALocalReceiverAndARefusalNamesItsTargetAndChangesNothing(string url, int expected)
    {
        const string Target = "440800-robotrule"; // a department id no task ever targets: nothing waits to be sent to it
        using var admin = await platform.SignedInAsync("city.admin");
        var outbox = platform.Grains.GetGrain<INotificationOutboxGrain>("440800");
        var response = await admin.PutAsJsonAsync("/api/v1/cities/440800/notifications/webhooks", new { webhooks = new Dictionary<string, string> { [Target] = url } });
        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 400)
        {
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.StartsWith("The robot's webhook address", errors.GetProperty($"webhooks.{Target}")[0].GetString());
            Assert.False((await outbox.GetAsync()).Webhooks.ContainsKey(Target));
            return;
        }

        Assert.Equal(url, (await outbox.GetAsync()).Webhooks[Target]);
        var removed = await admin.PutAsJsonAsync("/api/v1/cities/440800/notifications/webhooks", new { webhooks = new Dictionary<string, string> { [Target] = "" } });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False((await outbox.GetAsync()).Webhooks.ContainsKey(Target));
    }

    [Fact]
    public async Task AMatterAppearsOnTheDepartmentsWorkListAndLeavesItOnceAnsweredThenWaitsOnTheRaiserUntilResolved()
    {
        using var wuchuan = await platform.SignedInAsync("wuchuan.officer");
        using var department = await platform.SignedInAsync("dept.zrzyj");
        var raised = await wuchuan.PostAsJsonAsync("/api/v1/matters", new
        {
            title = "工作清单测试：园区排水接入",
            raisedBy = "440883",
            addressedTo = "440800",
            departments = new[] { "440800-zrzyj" },
            dueDate = "2099-12-31",
        });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var task = Assert.Single(await TasksAsync(department), t => t.Id == id);
        Assert.Equal(TaskKinds.AnswerMatter, task.Kind);
        Assert.Equal($"/matters/{id}", task.Link);
        Assert.Equal("2099-12-31", task.DueDate);
        Assert.False(task.Overdue);
        Assert.DoesNotContain(await TasksAsync(wuchuan), t => t.Id == id);

        var answered = await department.PostAsJsonAsync($"/api/v1/matters/{id}/answers", new { departmentId = "440800-zrzyj", text = "已安排接入。" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        Assert.DoesNotContain(await TasksAsync(department), t => t.Id == id);
        Assert.Equal(TaskKinds.ConfirmMatter, Assert.Single(await TasksAsync(wuchuan), t => t.Id == id).Kind);

        Assert.Equal(HttpStatusCode.OK, (await wuchuan.PostAsJsonAsync($"/api/v1/matters/{id}/resolve", new { note = "办结" })).StatusCode);
        Assert.DoesNotContain(await TasksAsync(wuchuan), t => t.Id == id);
    }

    [Fact]
    public async Task AnAccountWithoutWorkGetsAnEmptyListAndNoTokenGets401()
    {
        using var ops = await platform.SignedInAsync("ops.demo");
        Assert.Empty(await TasksAsync(ops));

        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/tasks")).StatusCode);
    }

    [Fact]
    public async Task AnAccountChangesItsOwnPasswordOnlyWithTheCurrentOneAndTheCommandOfficeResetsIt()
    {
        var name = "pw." + Guid.NewGuid().ToString("N")[..8];
        using (var admin = await platform.SignedInAsync("city.admin"))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/users",
                new { username = name, displayName = "密码测试", role = "townOfficer", jurisdiction = "440883107", password = "first-pass-1" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var user = await platform.SignedInAsync(name, "first-pass-1"))
        {
            var wrong = await user.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = "not-it-at-all", newPassword = "second-pass-2" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("currentPassword", out _));

            var tooShort = await user.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = "first-pass-1", newPassword = "short" });
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.True((await tooShort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));

            var changed = await user.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = "first-pass-1", newPassword = "second-pass-2" });
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(name, "first-pass-1"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(name, "second-pass-2"));

        using (var town = await platform.SignedInAsync("tangzhui.officer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await town.PutAsJsonAsync($"/api/v1/users/{name}/password", new { password = "third-pass-3" })).StatusCode);
        }

        using (var admin = await platform.SignedInAsync("city.admin"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/users/{name}/password", new { password = "third-pass-3" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(name, "second-pass-2"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(name, "third-pass-3"));
    }

    [Fact]
    public async Task TheSiloIsNotReadyUntilBothTheDemoAndTheBootstrapAccountsAreDone()
    {
        var accounts = new StartupAccounts();
        Assert.Equal(HealthStatus.Unhealthy, await CheckAsync(accounts));

        accounts.DemoDone();
        Assert.Equal(HealthStatus.Unhealthy, await CheckAsync(accounts));

        accounts.BootstrapDone();
        Assert.Equal(HealthStatus.Healthy, await CheckAsync(accounts));

        accounts.DemoDone("the demo scenario could not be loaded");
        Assert.Equal(HealthStatus.Unhealthy, await CheckAsync(accounts));
    }

    [Fact]
    public async Task TheRunningSiloIsReadyOnceTheDemoAccountsCanSignIn()
    {
        var report = await platform.SiloServices.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Healthy, report.Entries["accounts"].Status);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync("city.admin", "demo"));
    }

    private static async Task<HealthStatus> CheckAsync(StartupAccounts accounts) =>
        (await new StartupAccountsHealthCheck(accounts).CheckHealthAsync(new HealthCheckContext())).Status;

    private async Task<HttpStatusCode> TokenStatusAsync(string username, string password)
    {
        using var anonymous = platform.Anonymous();
        return (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password })).StatusCode;
    }

    private static async Task<List<TaskRow>> TasksAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/me/tasks");
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. json.GetProperty("tasks").EnumerateArray().Select(t => new TaskRow(
            t.GetProperty("kind").GetString()!, t.GetProperty("id").GetString()!, t.GetProperty("title").GetString()!,
            t.GetProperty("dueDate").ValueKind == JsonValueKind.Null ? null : t.GetProperty("dueDate").GetString(),
            t.GetProperty("overdue").GetBoolean(), t.GetProperty("link").GetString()!))];
    }

    private sealed record TaskRow(string Kind, string Id, string Title, string? DueDate, bool Overdue, string Link);
}
