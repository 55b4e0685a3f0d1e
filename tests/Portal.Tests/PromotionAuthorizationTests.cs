extern alias silo;

using System.Net.Http.Json;
using Liandong.Promotion;
using PromotionDemo = silo::Liandong.Silo.Demo.PromotionDemo;

namespace Liandong.Portal.Tests;

/// <summary>
/// The investment-promotion routes by role, on the demo's Wuchuan pipeline: the command office reads the whole
/// city; a county officer its county; the responsible leader reads its leads and records follow-ups but does not
/// move stages; a town officer reads the leads converted into its town. A refusal is a 403 and changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PromotionAuthorizationTests(PlatformFixture platform)
{
    public static TheoryData<string, string, int> Reads => new()
    {
        { "city.admin", "/api/v1/cities/440800/leads", 200 },
        { "city.admin", $"/api/v1/leads/{PromotionDemo.ShoeFactory}", 200 },
        { "city.admin", $"/api/v1/referrers/{PromotionDemo.ChenXiangxian}", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/leads", 403 },
        { "wuchuan.officer", "/api/v1/counties/440883/leads", 200 },
        { "wuchuan.officer", $"/api/v1/leads/{PromotionDemo.ShoeFactory}", 200 },
        { "wuchuan.officer", $"/api/v1/referrers/{PromotionDemo.ShenzhenChamber}", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/leads", 403 },
        { "lianjiang.officer", $"/api/v1/leads/{PromotionDemo.ShoeFactory}", 403 },
        { "lianjiang.officer", "/api/v1/counties/440883/leads", 403 },
        { "lianjiang.officer", $"/api/v1/referrers/{PromotionDemo.ChenXiangxian}", 403 },
        { "tangzhui.officer", $"/api/v1/leads/{PromotionDemo.DownBase}", 200 },
        { "tangzhui.officer", $"/api/v1/leads/{PromotionDemo.ShoeFactory}", 403 },
        { "tangzhui.officer", "/api/v1/counties/440883/leads", 403 },
        { "leader.secretary", $"/api/v1/leads/{PromotionDemo.AirFreight}", 200 },
        { "inspector.demo", "/api/v1/cities/440800/leads", 200 },
        { "ops.demo", "/api/v1/cities/440800/leads", 403 },
        { "bank.icbc", $"/api/v1/leads/{PromotionDemo.ShoeFactory}", 403 },
        { "owner.demo", "/api/v1/counties/440883/leads", 403 },
        { "wuchuan.officer", $"/api/v1/projects/{PromotionDemo.ShoePark}/list-applications/{PromotionDemo.ShoeParkApplication}", 200 },
        { "lianjiang.officer", $"/api/v1/projects/{PromotionDemo.ShoePark}/list-applications/{PromotionDemo.ShoeParkApplication}", 403 },
        { "city.admin", "/api/v1/cities/440800/promotion-rules", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/promotion-rules", 200 },
        { "tangzhui.officer", "/api/v1/cities/440800/promotion-rules", 200 },
        { "leader.secretary", "/api/v1/cities/440800/promotion-rules", 200 },
        { "dept.zrzyj", "/api/v1/cities/440800/promotion-rules", 200 },
        { "inspector.demo", "/api/v1/cities/440800/promotion-rules", 200 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/promotion-rules", 403 },
        { "ops.demo", "/api/v1/cities/440800/promotion-rules", 403 },
        { "bank.icbc", "/api/v1/cities/440800/promotion-rules", 403 },
        { "owner.demo", "/api/v1/cities/440800/promotion-rules", 403 },
        { "city.admin", "/api/v1/cities/440800/referrers", 200 },
        { "leader.secretary", "/api/v1/cities/440800/referrers", 200 },
        { "dept.zrzyj", "/api/v1/cities/440800/referrers", 200 },
        { "inspector.demo", "/api/v1/cities/440800/referrers", 200 },
        { "wuchuan.officer", "/api/v1/cities/440800/referrers", 403 },
        { "tangzhui.officer", "/api/v1/cities/440800/referrers", 403 },
        { "city.admin", $"/api/v1/cities/{PlatformFixture.OtherCity}/referrers", 403 },
        { "ops.demo", "/api/v1/cities/440800/referrers", 403 },
        { "bank.icbc", "/api/v1/cities/440800/referrers", 403 },
        { "owner.demo", "/api/v1/cities/440800/referrers", 403 },
    };

    /// <summary>The deployment's defaults, which the tests that may set the demo city's rules set again (changing no deadline).</summary>
    private static object DefaultRules => new
    {
        respondDays = 1, assessDays = 3, assessDaysLarge = 7, largeLeadThreshold = 50000, feedbackDays = 7, progressDays = 14, startWithinMonths = 6,
    };

    [Theory]
    [InlineData("wuchuan.officer", 403)]
    [InlineData("tangzhui.officer", 403)]
    [InlineData("leader.secretary", 403)]
    [InlineData("dept.zrzyj", 403)]
    [InlineData("inspector.demo", 403)]
    [InlineData("owner.demo", 403)]
    [InlineData("city.admin", 200)]
    public async Task OnlyTheCommandOfficeSetsTheCitysPromotionDeadlines(string username, int expected)
    {
        var rules = platform.Grains.GetGrain<IPromotionRulesGrain>("440800");
        var before = await rules.GetAsync();
        using var client = await platform.SignedInAsync(username);

        var response = await client.PutAsJsonAsync("/api/v1/cities/440800/promotion-rules", DefaultRules);

        Assert.Equal(expected, (int)response.StatusCode);
        var after = await rules.GetAsync();
        Assert.Equal(PromotionRules.Default, after.Rules);
        if (expected != 200)
        {
            Assert.Equal(before.Version, after.Version);
        }
    }

    [Theory]
    [InlineData("leader.secretary", PromotionDemo.AirFreight, true)]
    [InlineData("leader.secretary", PromotionDemo.JizhaoCamp, false)]
    [InlineData("wuchuan.officer", PromotionDemo.AirFreight, true)]
    [InlineData("wuchuan.officer", PromotionDemo.JizhaoCamp, true)]
    [InlineData("lianjiang.officer", PromotionDemo.AirFreight, false)]
    [InlineData("city.admin", PromotionDemo.AirFreight, false)]
    public async Task AnOverdueLeadWaitsInItsCountysAndItsLeadersWorkListsOnly(string username, string leadId, bool listed)
    {
        using var client = await platform.SignedInAsync(username);

        var tasks = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/me/tasks");

        var found = tasks!["tasks"]!.AsArray().Any(t => t!["kind"]!.GetValue<string>() == "lead.followup" && t["id"]!.GetValue<string>() == leadId);
        Assert.Equal(listed, found);
    }

    [Fact]
    public async Task OnlyTheCommandOfficeRecordsACityLevelLeadAndACountyOfficerCannotReadIt()
    {
        var lead = new
        {
            countyCode = "440800", name = "空港经济区航空食品配餐中心（测试）", investor = "某航空配餐有限公司", industryChain = "空港经济区",
            plannedInvestment = 20000, channel = "stationed", receivedDate = "2023-06-10",
        };
        using var county = await platform.SignedInAsync("wuchuan.officer");
        Assert.Equal(403, (int)(await county.PostAsJsonAsync("/api/v1/leads", lead)).StatusCode);

        using var admin = await platform.SignedInAsync("city.admin");
        var created = await admin.PostAsJsonAsync("/api/v1/leads", lead);
        Assert.Equal(201, (int)created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();

        Assert.Equal(403, (int)(await county.GetAsync($"/api/v1/leads/{id}")).StatusCode);
        Assert.Equal(403, (int)(await county.PostAsJsonAsync($"/api/v1/leads/{id}/followups",
            new { kind = "response", date = "2023-06-10", note = "越权" })).StatusCode);
        using var leader = await platform.SignedInAsync("leader.secretary");
        Assert.Equal(200, (int)(await leader.GetAsync($"/api/v1/leads/{id}")).StatusCode);

        // Overdue from the start (received long ago): it waits on the command office's work list, not the county's.
        var mine = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/me/tasks");
        Assert.Contains(mine!["tasks"]!.AsArray(), t => t!["id"]!.GetValue<string>() == id);
        var theirs = await county.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/me/tasks");
        Assert.DoesNotContain(theirs!["tasks"]!.AsArray(), t => t!["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [InlineData("wuchuan.officer", 403)]
    [InlineData("tangzhui.officer", 403)]
    [InlineData("lianjiang.officer", 403)]
    public async Task OnlyTheCityRecordsAKeyListDecision(string username, int expected)
    {
        var application = platform.Grains.GetGrain<IListApplicationGrain>(PromotionDemo.DownListApplication);
        var before = await application.GetAsync();
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync(
            $"/api/v1/projects/{PromotionDemo.DownProject}/list-applications/{PromotionDemo.DownListApplication}/decision",
            new { included = false, date = "2023-06-20", note = "越权" });

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(before.Version, (await application.GetAsync()).Version);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task APromotionReadAnswersAsTheRolesJurisdictionAllows(string username, string path, int expected)
    {
        using var client = await platform.SignedInAsync(username);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("lianjiang.officer", 403)]
    [InlineData("leader.secretary", 403)]
    [InlineData("tangzhui.officer", 403)]
    [InlineData("inspector.demo", 403)]
    public async Task OnlyTheCountyOrTheCityMovesALeadsStage(string username, int expected)
    {
        var lead = platform.Grains.GetGrain<ILeadGrain>(PromotionDemo.AirFreight);
        var before = await lead.GetAsync();
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync($"/api/v1/leads/{PromotionDemo.AirFreight}/stage",
            new { stage = "negotiating", date = "2023-06-10" });

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(before.Version, (await lead.GetAsync()).Version);
    }

    [Theory]
    [InlineData("leader.secretary", PromotionDemo.AirFreight, 201)]
    [InlineData("leader.secretary", PromotionDemo.ShoeFactory, 403)]
    [InlineData("lianjiang.officer", PromotionDemo.AirFreight, 403)]
    public async Task TheResponsibleLeaderRecordsFollowUpsOnItsOwnLeadsOnly(string username, string leadId, int expected)
    {
        var lead = platform.Grains.GetGrain<ILeadGrain>(leadId);
        var before = await lead.GetAsync();
        using var client = await platform.SignedInAsync(username);

        var response = await client.PostAsJsonAsync($"/api/v1/leads/{leadId}/followups",
            new { kind = "progress", date = "2023-06-10", note = "市领导调度（测试）" });

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(expected == 201 ? before.Version + 1 : before.Version, (await lead.GetAsync()).Version);
    }

    [Fact]
    public async Task ACountyOfficerCannotRecordALeadForAnotherCounty()
    {
        using var client = await platform.SignedInAsync("lianjiang.officer");

        var response = await client.PostAsJsonAsync("/api/v1/leads", new
        {
            countyCode = "440883", name = "越权线索", investor = "某公司", industryChain = "食品", plannedInvestment = 100,
            channel = "other", receivedDate = "2023-06-10",
        });

        Assert.Equal(403, (int)response.StatusCode);
        using var admin = await platform.SignedInAsync("city.admin");
        var list = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/counties/440883/leads");
        Assert.DoesNotContain("越权线索", list!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoPipelineRollsUpWithTwoOverdueLeadsAndTheConvertedProjectKnowsItsLead()
    {
        using var client = await platform.SignedInAsync("city.admin");
        var county = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/counties/440883?year=2023&month=6");
        var promotion = county!["totals"]!["promotion"]!;
        Assert.Equal(8, promotion["leads"]!.GetValue<int>());
        Assert.Equal(2, promotion["overdue"]!.GetValue<int>());
        Assert.Equal(1, promotion["producing"]!.GetValue<int>());
        Assert.Equal(1, promotion["dropped"]!.GetValue<int>());
        Assert.Equal(1, county["totals"]!["lists"]!["city"]!.GetValue<int>());

        var project = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/projects/{PromotionDemo.DownProject}");
        Assert.Equal(PromotionDemo.DownBase, project!["leadId"]!.GetValue<string>());
        Assert.Equal(PromotionDemo.ShenzhenChamber, project["referrerId"]!.GetValue<string>());
        Assert.Equal("included", project["listApplications"]![0]!["status"]!.GetValue<string>());

        var shoePark = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/projects/{PromotionDemo.ShoePark}");
        var checks = shoePark!["listApplications"]![0]!["checks"]!.AsArray();
        Assert.Equal(["land"], checks.Where(c => !c!["ok"]!.GetValue<bool>()).Select(c => c!["check"]!.GetValue<string>()));
    }
}
