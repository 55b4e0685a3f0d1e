using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// The embedded deployment of ./run.sh (one silo on SQLite, one front tier), as processes: a report
/// acknowledged with 200 must survive SIGKILL of the silo, and every total must come back consistent.
/// </summary>
public sealed class SiloCrashTests() : EmbeddedDeploymentTests("crash", "449900")
{
    [Fact]
    public async Task AcknowledgedReportsSurviveSigkillOfTheSiloAndTotalsComeBackConsistent()
    {
        var silo = await StartAsync();
        await Ok(Http.PutAsJsonAsync("/api/v1/cities/449900", new { name = "崩溃测试市" }));

        await Ok(Http.PutAsJsonAsync("/api/v1/counties/449901", new { name = "甲县", cityCode = "449900" }));
        string[] towns = ["449901101", "449901102"];
        foreach (var town in towns)
        {
            await Ok(Http.PutAsJsonAsync($"/api/v1/towns/{town}", new { name = "镇" + town[^1], countyCode = "449901" }));
        }

        var projects = Enumerable.Range(1, 6).Select(i => $"CRASH-{i}").ToList();
        foreach (var (code, i) in projects.Select((c, i) => (c, i)))
        {
            await Ok(Http.PostAsJsonAsync("/api/v1/projects", new
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
                var response = await Http.PutAsJsonAsync($"/api/v1/projects/{code}/reports/2023/{month}", new { investmentCompleted = amount });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[(code, month)] = amount;
                }
            }
        }

        Assert.Equal(24, acknowledged.Count);
        silo.Kill();

        RestartSilo(silo);
        var recovery = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await Http.GetAsync($"/api/v1/projects/{projects[0]}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(120), "the API never recovered after the silo restarted");
        recovery.Stop();

        foreach (var ((code, month), amount) in acknowledged)
        {
            var reports = await Http.GetFromJsonAsync<JsonArray>($"/api/v1/projects/{code}/reports");
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

    private async Task WaitForTotalAsync(string url, decimal expected)
    {
        decimal actual = -1;
        await WaitUntilAsync(async () =>
        {
            var body = await Http.GetFromJsonAsync<JsonObject>(url);
            actual = body!["totals"]!["completedYtd"]!.GetValue<decimal>();
            return actual == expected;
        }, TimeSpan.FromSeconds(150), $"{url} never reached {expected}");
        Assert.Equal(expected, actual);
    }
}
