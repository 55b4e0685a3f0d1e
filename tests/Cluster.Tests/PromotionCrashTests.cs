using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Cluster.Tests;

/// <summary>
/// Investment promotion on the embedded deployment, as processes: leads moved, followed up and converted, each
/// step acknowledged, then SIGKILL of the silo at once (the divisions still hold the newest figures in memory);
/// after the restart every level's promotion totals come back equal to what was acknowledged.
/// </summary>
public sealed class PromotionCrashTests() : EmbeddedDeploymentTests("promotion", City)
{
    private const string City = "449700";
    private const string County = "449701";
    private static readonly string[] Towns = ["449701101", "449701102"];

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    // Every step dated today: stages may share a date, and the period (1–M月 of this year) then holds them all.
    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task AcknowledgedLeadStepsSurviveSigkillAndPromotionTotalsComeBackAtEveryLevel()
    {
        var silo = await StartAsync();
        await Ok(Http.PutAsJsonAsync($"/api/v1/cities/{City}", new { name = "招商崩溃测试市" }));
        await Ok(Http.PutAsJsonAsync($"/api/v1/counties/{County}", new { name = "甲县", cityCode = City }));
        foreach (var town in Towns)
        {
            await Ok(Http.PutAsJsonAsync($"/api/v1/towns/{town}", new { name = "镇" + town[^1], countyCode = County }));
        }

        // Six leads: two stay county-level in contact, two signed (20,000 万元 each), two registered and converted
        // into projects of each town, one of them started with 5,000 万元 of funds in.
        var ids = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            var created = await Json(Http.PostAsJsonAsync("/api/v1/leads", new
            {
                countyCode = County, name = $"崩溃测试线索{i}", investor = $"测试投资方{i}", industryChain = "食品", plannedInvestment = 20000,
                channel = "industryChain", receivedDate = Day(0),
            }));
            ids.Add(created["id"]!.GetValue<string>());
        }

        for (var i = 2; i < 6; i++)
        {
            await Ok(Http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/stage", new { stage = "negotiating", date = Day(0) }));
            await Ok(Http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/stage", new { stage = "signed", date = Day(0), signedAmount = 20000 }));
        }

        for (var i = 4; i < 6; i++)
        {
            await Ok(Http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/stage", new { stage = "registered", date = Day(0) }));
            await Ok(Http.PostAsJsonAsync($"/api/v1/leads/{ids[i]}/convert", new
            {
                townCode = Towns[i - 4], category = "industry", stage = "newStart", totalInvestment = 20000,
                annualPlans = new[] { new { year = Today.Year, amount = 5000 } }, startDate = Day(0),
            }));
        }

        await Ok(Http.PostAsJsonAsync($"/api/v1/leads/{ids[5]}/stage", new { stage = "started", date = Day(0), fundsArrived = 5000 }));
        silo.Kill();

        RestartSilo(silo);
        await WaitUntilAsync(async () => (await Http.GetAsync($"/api/v1/leads/{ids[0]}")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(120), "the API never recovered after the silo restarted");

        var period = $"year={Today.Year}&month={Today.Month}";
        await WaitForPromotionAsync($"/api/v1/towns/{Towns[0]}?{period}", new(1, 1, 20000m, 1, 0, 0m));
        await WaitForPromotionAsync($"/api/v1/towns/{Towns[1]}?{period}", new(1, 1, 20000m, 1, 1, 5000m));
        await WaitForPromotionAsync($"/api/v1/counties/{County}?{period}", new(6, 4, 80000m, 2, 1, 5000m));
        await WaitForPromotionAsync($"/api/v1/cities/{City}?{period}", new(6, 4, 80000m, 2, 1, 5000m));
        var county = await Http.GetFromJsonAsync<JsonObject>($"/api/v1/counties/{County}?{period}");
        Assert.Equal(Towns, county!["towns"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
    }

    private sealed record Expected(int Leads, int Signed, decimal SignedAmount, int Registered, int Started, decimal FundsArrived);

    private async Task WaitForPromotionAsync(string url, Expected expected)
    {
        Expected? actual = null;
        await WaitUntilAsync(async () =>
        {
            var p = (await Http.GetFromJsonAsync<JsonObject>(url))!["totals"]!["promotion"]!;
            actual = new Expected(p["leads"]!.GetValue<int>(), p["signed"]!.GetValue<int>(), p["signedAmount"]!.GetValue<decimal>(),
                p["registered"]!.GetValue<int>(), p["started"]!.GetValue<int>(), p["fundsArrived"]!.GetValue<decimal>());
            return actual == expected;
        }, TimeSpan.FromSeconds(150), $"{url} never reached {expected}");
        Assert.Equal(expected, actual);
    }
}
