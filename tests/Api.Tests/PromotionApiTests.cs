using System.Net;
using System.Text.Json.Nodes;

namespace Liandong.Api.Tests;

/// <summary>The investment-promotion routes of API.md, over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class PromotionApiTests(ApiFixture fixture)
{
    /// <summary>Today as the silo reads it: the real clock in the machine's time zone (China Standard Time in production).</summary>
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    private static object Lead(Hierarchy h, string name = "年产300万件羽绒服项目", string investor = "某某羽绒制品有限公司", string? referrer = null,
        int receivedOffset = -1) => new
    {
        countyCode = h.County,
        name,
        investor,
        industryChain = "羽绒",
        plannedInvestment = 80000,
        channel = referrer is null ? "industryChain" : "xiangxian",
        referrerId = referrer,
        receivedDate = Day(receivedOffset),
        landMu = 150,
        expectedOutput = 120000,
        expectedTax = 3000,
    };

    private async Task<(Hierarchy H, string Id, JsonNode Body)> CreatedLeadAsync(string? referrer = null, string name = "年产300万件羽绒服项目", Hierarchy? h = null)
    {
        h ??= await Hierarchy.CreateAsync(fixture);
        var (status, body, _) = await h.Http.PostJsonAsync("/api/v1/leads", Lead(h, name, referrer: referrer));
        Assert.True(status == HttpStatusCode.Created, body.Json());
        return (h, body!["id"].Text(), body!);
    }

    [Fact]
    public async Task LeadIsCreatedAt201InContactAndReadBack()
    {
        var (h, id, body) = await CreatedLeadAsync();
        Assert.Equal("contact", body["stage"].Text());
        Assert.StartsWith($"ZS{h.County}-", id, StringComparison.Ordinal);

        var read = await h.Http.GetJsonAsync($"/api/v1/leads/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("某某羽绒制品有限公司", read.Body!["investor"].Text());
        Assert.Equal(2, read.Body!["deadlines"]!.AsArray().Count); // response and assessment; no referrer, not negotiating
        Assert.False(read.Body!["overdue"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("plannedInvestment", -5)]
    [InlineData("plannedInvestment", 10000001)]
    [InlineData("landMu", -1)]
    [InlineData("countyCode", "44088")]
    [InlineData("channel", "telepathy")]
    [InlineData("receivedDate", "2099-01-01")]
    [InlineData("receivedDate", "1999-12-31")]
    [InlineData("fixedAssetInvestment", 80001)]
    [InlineData("landMu", 1000001)]
    [InlineData("energy", -1)]
    [InlineData("expectedTax", -1)]
    [InlineData("responsibleLeaderId", "市长 办公室")]
    public async Task BadLeadIsA400NamingTheFieldAndRecordsNothing(string field, object value)
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Lead(h)))!.AsObject();
        body[field] = JsonValue.Create(value);

        var (status, problem, contentType) = await h.Http.PostJsonAsync("/api/v1/leads", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.NotNull(problem!["errors"]![field]);
        var list = await h.Http.GetJsonAsync($"/api/v1/counties/{h.County}/leads");
        Assert.Empty(list.Body!["leads"]!.AsArray());
    }

    [Fact]
    public async Task TheLeadFiguresRulesAnswerInEnglishWithTheirUnits()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Lead(h)))!.AsObject();
        body["fixedAssetInvestment"] = 90000;
        body["landMu"] = 2000000;
        body["energy"] = 20000000;

        var (status, problem, _) = await h.Http.PostJsonAsync("/api/v1/leads", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Fixed-asset investment cannot exceed the planned investment.", problem!["errors"]!["fixedAssetInvestment"]![0].Text());
        Assert.Equal("At most 1000000 亩.", problem["errors"]!["landMu"]![0].Text());
        Assert.Equal("At most 10000000 吨标准煤/年.", problem["errors"]!["energy"]![0].Text());
    }

    [Fact]
    public async Task DuplicateLeadIsA409NamingTheLeadItMatches()
    {
        var (h, id, _) = await CreatedLeadAsync();
        var (status, problem, _) = await h.Http.PostJsonAsync("/api/v1/leads", Lead(h, "年产300万件 羽绒服项目", "某某羽绒制品有限责任公司"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains(id, problem!["detail"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StagesMoveInOrderSkippedIs409EarlierDateIs400()
    {
        var (h, id, _) = await CreatedLeadAsync();
        var url = $"/api/v1/leads/{id}/stage";

        Assert.Equal(HttpStatusCode.Conflict, (await h.Http.PostJsonAsync(url, new { stage = "signed", date = Day(0), signedAmount = 100 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PostJsonAsync(url, new { stage = "negotiating", date = Day(0) })).Status);
        var early = await h.Http.PostJsonAsync(url, new { stage = "signed", date = Day(-1), signedAmount = 60000 });
        Assert.Equal(HttpStatusCode.BadRequest, early.Status);
        Assert.NotNull(early.Body!["errors"]!["date"]);
        var noAmount = await h.Http.PostJsonAsync(url, new { stage = "signed", date = Day(0) });
        Assert.NotNull(noAmount.Body!["errors"]!["signedAmount"]);

        var signed = await h.Http.PostJsonAsync(url, new { stage = "signed", date = Day(0), signedAmount = 60000 });
        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Equal(60000m, signed.Body!["signedAmount"].Decimal());
        Assert.Equal(3, signed.Body!["stages"]!.AsArray().Count);
        Assert.Equal("api-tests." + h.City, signed.Body!["stages"]![2]!["by"].Text());

        var followUp = await h.Http.PostJsonAsync($"/api/v1/leads/{id}/followups", new { kind = "progress", date = Day(0), note = "签约后跟进" });
        Assert.Equal(HttpStatusCode.Created, followUp.Status);
        var badFollowUp = await h.Http.PostJsonAsync($"/api/v1/leads/{id}/followups", new { kind = "feedback", date = Day(0), note = "x" });
        Assert.NotNull(badFollowUp.Body!["errors"]!["kind"]); // no referrer to feed back to
    }

    [Fact]
    public async Task RegisteredLeadConvertsIntoAProjectLinkedBothWaysAndTheTotalsCountIt()
    {
        var hh = await Hierarchy.CreateAsync(fixture);
        var referrer = $"{hh.City}-wu-xiangxian";
        var put = await hh.Http.PutJsonAsync($"/api/v1/referrers/{referrer}", new { name = "吴先生", kind = "xiangxian", cityCode = hh.City, hometownCode = hh.Town });
        Assert.Equal(HttpStatusCode.Created, put.Status);
        var (h, id, _) = await CreatedLeadAsync(referrer, h: hh);
        var url = $"/api/v1/leads/{id}/stage";
        await h.Http.PostJsonAsync(url, new { stage = "negotiating", date = Day(-1) });
        var convert = new
        {
            townCode = h.Town,
            projectCode = $"{Today.Year}-{h.County}-18-03-000777",
            category = "industry",
            stage = "newStart",
            totalInvestment = 80000,
            annualPlans = new[] { new { year = Today.Year, amount = 10000 } },
            startDate = Day(0),
        };
        Assert.Equal(HttpStatusCode.Conflict, (await h.Http.PostJsonAsync($"/api/v1/leads/{id}/convert", convert)).Status);
        await h.Http.PostJsonAsync(url, new { stage = "signed", date = Day(-1), signedAmount = 80000 });
        await h.Http.PostJsonAsync(url, new { stage = "registered", date = Day(0) });

        var badCode = await h.Http.PostJsonAsync($"/api/v1/leads/{id}/convert", new
        {
            townCode = h.Town, projectCode = $"{Today.Year}-110100-18-03-000777", category = "industry", stage = "newStart", totalInvestment = 80000,
        });
        Assert.Equal(HttpStatusCode.BadRequest, badCode.Status);
        Assert.NotNull(badCode.Body!["errors"]!["projectCode"]);

        var created = await h.Http.PostJsonAsync($"/api/v1/leads/{id}/convert", convert);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(id, created.Body!["leadId"].Text());
        Assert.Equal(referrer, created.Body!["referrerId"].Text());
        var lead = await h.Http.GetJsonAsync($"/api/v1/leads/{id}");
        Assert.Equal(convert.projectCode, lead.Body!["projectCode"].Text());

        var town = await h.Http.EventuallyAsync($"/api/v1/towns/{h.Town}?year={Today.Year}&month={Today.Month}",
            b => b["totals"]!["promotion"]!["signed"]!.GetValue<int>() == 1);
        Assert.Equal(80000m, town["totals"]!["promotion"]!["signedAmount"].Decimal());
        var city = await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}?year={Today.Year}&month={Today.Month}",
            b => b["totals"]!["promotion"]!["registered"]!.GetValue<int>() == 1);
        Assert.Equal(1, city["totals"]!["promotion"]!["leads"]!.GetValue<int>());
        Assert.Equal(1m, city["totals"]!["promotion"]!["signingRate"].Decimal());
        Assert.Equal(0m, city["totals"]!["promotion"]!["startRate"].Decimal());
        Assert.Null(city["totals"]!["promotion"]!["productionRate"]); // nothing started: no base

        var r = await h.Http.EventuallyAsync($"/api/v1/referrers/{referrer}", b => b["projects"]!.GetValue<int>() == 1);
        Assert.Equal(80000m, r["projectInvestment"].Decimal());
    }

    [Fact]
    public async Task CityReferrerListShowsWhatEachReferrersPageShowsLargestSignedAmountFirstWithinTheCityOnly()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var wu = $"{h.City}-wu-xiangxian";
        var chamber = $"{h.City}-sz-chamber";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/referrers/{chamber}",
            new { name = "深圳某商会", kind = "chamber", cityCode = h.City })).Status);
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/referrers/{wu}",
            new { name = "吴先生", kind = "xiangxian", cityCode = h.City, hometownCode = h.Town })).Status);
        var (_, id, _) = await CreatedLeadAsync(wu, h: h);
        await h.Http.PostJsonAsync($"/api/v1/leads/{id}/stage", new { stage = "negotiating", date = Day(-1) });
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PostJsonAsync($"/api/v1/leads/{id}/stage", new { stage = "signed", date = Day(0), signedAmount = 30000 })).Status);

        var list = await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}/referrers",
            b => b["referrers"]!.AsArray().Count == 2 && b["referrers"]![0]!["signedAmount"].Decimal() == 30000m);
        Assert.Equal(h.City, list["cityCode"].Text());
        Assert.Equal([wu, chamber], list["referrers"]!.AsArray().Select(r => r!["id"].Text()));
        var row = list["referrers"]![0]!;
        Assert.Equal(("吴先生", "xiangxian", h.Town), (row["name"].Text(), row["kind"].Text(), row["hometownCode"].Text()));
        var page = (await h.Http.GetJsonAsync($"/api/v1/referrers/{wu}")).Body!;
        Assert.Equal((page["leads"]!.AsArray().Count, page["signedAmount"].Decimal(), page["projects"]!.GetValue<int>(), page["projectInvestment"].Decimal()),
            (row["leads"]!.GetValue<int>(), row["signedAmount"].Decimal(), row["projects"]!.GetValue<int>(), row["projectInvestment"].Decimal()));
        Assert.Equal((1, 0), (row["leads"]!.GetValue<int>(), list["referrers"]![1]!["leads"]!.GetValue<int>()));

        // A bad city code is a 400 naming it; another city's command office and a county officer of this city may not list it.
        var bad = await h.Http.GetJsonAsync("/api/v1/cities/4408/referrers");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Body!["errors"]!["code"]);
        var stranger = await fixture.AdminOf("990000").GetJsonAsync($"/api/v1/cities/{h.City}/referrers");
        Assert.Equal(HttpStatusCode.Forbidden, stranger.Status);
        var county = fixture.As(new Liandong.Client.Auth.CurrentUser($"api-tests.county.{h.County}", "测试县", Liandong.Accounts.UserRole.CountyOfficer, h.County, h.City));
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetJsonAsync($"/api/v1/cities/{h.City}/referrers")).Status);

        // A registration refused on its field (a home town of another city) registers nothing.
        var refused = await h.Http.PutJsonAsync($"/api/v1/referrers/{h.City}-li", new { name = "李女士", kind = "xiangxian", cityCode = h.City, hometownCode = "440883" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Body!["errors"]!["hometownCode"]);
        Assert.Equal(2, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/referrers")).Body!["referrers"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Http.GetJsonAsync($"/api/v1/referrers/{h.City}-li")).Status);
    }

    [Fact]
    public async Task CityListFiltersByStageAndCountyAndRefusesAnUnknownStage()
    {
        var (h, id, _) = await CreatedLeadAsync();
        await h.Http.PostJsonAsync($"/api/v1/leads/{id}/stage", new { stage = "negotiating", date = Day(0) });
        var listed = await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}/leads?stage=negotiating&county={h.County}",
            b => b["leads"]!.AsArray().Count == 1);
        Assert.Equal(id, listed["leads"]![0]!["id"].Text());
        Assert.Equal(HttpStatusCode.BadRequest, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/leads?stage=maybe")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await h.Http.GetJsonAsync($"/api/v1/leads/ZS{h.County}-20230101-AAAAAA")).Status);
    }

    [Fact]
    public async Task KeyListApplicationIsCheckedSubmittedAndDecidedAndTheTotalsCountTheInclusion()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"2022-{h.County}-48-01-000555";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        var apps = $"/api/v1/projects/{code}/list-applications";

        var draft = await h.Http.PostJsonAsync(apps, new { list = "provincial", year = Today.Year, kind = "continuing" });
        Assert.Equal(HttpStatusCode.Created, draft.Status);
        Assert.Equal("draft", draft.Body!["status"].Text());
        var id = draft.Body!["id"].Text();
        var checks = draft.Body!["checks"]!.AsArray();
        Assert.True(checks.Single(c => c!["check"].Text() == "projectCode")!["ok"]!.GetValue<bool>());
        Assert.False(checks.Single(c => c!["check"].Text() == "land")!["ok"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await h.Http.PostJsonAsync(apps, new { list = "provincial", year = Today.Year, kind = "continuing" })).Status);
        Assert.NotNull((await h.Http.PostJsonAsync(apps, new { list = "county", year = Today.Year, kind = "continuing" })).Body!["errors"]!["list"]);

        // Not ready: the submission is a 409 naming the failed checks; the land gap becomes a factor need in one call.
        var refused = await h.Http.PostJsonAsync($"{apps}/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("land", refused.Body!["detail"].Text(), StringComparison.Ordinal);
        var need = await h.Http.PostJsonAsync($"{apps}/{id}/checks/land/factor-need", new { departmentId = $"{h.City}-zrzyj", dueDate = Day(30) });
        Assert.Equal(HttpStatusCode.Created, need.Status);
        Assert.Equal("land", need.Body!["kind"].Text());
        Assert.Equal(HttpStatusCode.Conflict, (await h.Http.PostJsonAsync($"{apps}/{id}/checks/projectCode/factor-need",
            new { departmentId = $"{h.City}-zrzyj", dueDate = Day(30) })).Status);

        var prep = await h.Http.PutJsonAsync($"/api/v1/projects/{code}/preparation",
            new { approval = "filed", landSecured = true, environmentalAssessment = true, fundsSecured = 50000 });
        Assert.Equal(HttpStatusCode.OK, prep.Status);
        Assert.NotNull((await h.Http.PutJsonAsync($"/api/v1/projects/{code}/preparation",
            new { approval = "filed", landSecured = true, environmentalAssessment = true, fundsSecured = -1 })).Body!["errors"]!["fundsSecured"]);

        var submitted = await h.Http.PostJsonAsync($"{apps}/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.All(submitted.Body!["checks"]!.AsArray(), c => Assert.True(c!["ok"]!.GetValue<bool>(), c.Json()));
        var decided = await h.Http.PostJsonAsync($"{apps}/{id}/decision", new { included = true, date = Day(0), note = "列入省重点项目" });
        Assert.Equal("included", decided.Body!["status"].Text());
        Assert.Equal(HttpStatusCode.Conflict, (await h.Http.PostJsonAsync($"{apps}/{id}/decision", new { included = false, date = Day(0) })).Status);

        var project = await h.Http.GetJsonAsync($"/api/v1/projects/{code}");
        Assert.Equal("included", project.Body!["listApplications"]![0]!["status"].Text());
        var county = await h.Http.EventuallyAsync($"/api/v1/counties/{h.County}", b => b["totals"]!["lists"]!["provincial"]!.GetValue<int>() == 1);
        Assert.Equal(0, county["totals"]!["lists"]!["national"]!.GetValue<int>());
        var city = await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}", b => b["totals"]!["lists"]!["provincial"]!.GetValue<int>() == 1);
        Assert.Equal(1, city["totals"]!["lists"]!["provincial"]!.GetValue<int>());
    }

    private static object Rules(int respond = 1, int assess = 3, int assessLarge = 7, decimal threshold = 50000, int feedback = 7, int progress = 14,
        int months = 6) => new
    {
        respondDays = respond, assessDays = assess, assessDaysLarge = assessLarge, largeLeadThreshold = threshold, feedbackDays = feedback,
        progressDays = progress, startWithinMonths = months,
    };

    [Fact]
    public async Task CityLevelLeadIsAcceptedCountsInTheCityAndWaitsOnTheCommandOfficesWorkListUntilFollowedUp()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Lead(h, name: "空港经济区冷链物流项目", receivedOffset: -10)))!.AsObject();
        body["countyCode"] = h.City;
        var (status, lead, _) = await h.Http.PostJsonAsync("/api/v1/leads", body.ToJsonString());
        Assert.True(status == HttpStatusCode.Created, lead.Json());
        var id = lead!["id"].Text();
        Assert.StartsWith($"ZS{h.City}-", id, StringComparison.Ordinal);
        Assert.True(lead["cityLevel"]!.GetValue<bool>());
        Assert.True(lead["overdue"]!.GetValue<bool>());

        var city = await h.Http.EventuallyAsync($"/api/v1/cities/{h.City}", b => b["totals"]!["promotion"]!["leads"]!.GetValue<int>() == 1);
        Assert.Equal(1, city["totals"]!["promotion"]!["overdue"]!.GetValue<int>());
        var county = await h.Http.GetJsonAsync($"/api/v1/counties/{h.County}");
        Assert.Equal(0, county.Body!["totals"]!["promotion"]!["leads"]!.GetValue<int>());
        Assert.Contains((await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/leads")).Body!["leads"]!.AsArray(), l => l!["id"].Text() == id);

        var tasks = await h.Http.GetJsonAsync("/api/v1/me/tasks");
        var task = tasks.Body!["tasks"]!.AsArray().Single(t => t!["id"].Text() == id && t["kind"].Text() == "lead.followup");
        Assert.Equal($"/leads/{id}#followup", task!["link"].Text());

        await h.Http.PostJsonAsync($"/api/v1/leads/{id}/followups", new { kind = "response", date = Day(0), note = "已对接" });
        var done = await h.Http.PostJsonAsync($"/api/v1/leads/{id}/followups", new { kind = "assessment", date = Day(0), note = "已研判" });
        Assert.False(done.Body!["overdue"]!.GetValue<bool>());
        Assert.DoesNotContain((await h.Http.GetJsonAsync("/api/v1/me/tasks")).Body!["tasks"]!.AsArray(), t => t!["id"].Text() == id && t["kind"].Text() == "lead.followup");
    }

    [Theory]
    [InlineData("respondDays", 0)]
    [InlineData("assessDaysLarge", 2)]
    [InlineData("largeLeadThreshold", 0)]
    [InlineData("startWithinMonths", 61)]
    [InlineData("progressDays", null)]
    public async Task BadPromotionRulesAreA400NamingTheFieldAndChangeNothing(string field, object? value)
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Rules()))!.AsObject();
        body[field] = value is null ? null : JsonValue.Create(value);

        var (status, problem, contentType) = await h.Http.PutJsonAsync($"/api/v1/cities/{h.City}/promotion-rules", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.NotNull(problem!["errors"]![field]);
        Assert.Equal(0, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/promotion-rules")).Body!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task CityChangesItsDeadlinesAsANewVersionAndLeadsJudgeByThem()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var (_, id, created) = await CreatedLeadAsync(h: h);
        Assert.False(created["overdue"]!.GetValue<bool>()); // received yesterday: the response is due today
        var before = await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/promotion-rules");
        Assert.Equal((0, 1), (before.Body!["version"]!.GetValue<int>(), before.Body!["rules"]!["respondDays"]!.GetValue<int>()));

        // The command office tightens assessment to 1 day (large leads too): the lead received yesterday must be assessed today.
        var set = await h.Http.PutJsonAsync($"/api/v1/cities/{h.City}/promotion-rules", Rules(assess: 1, assessLarge: 1, feedback: 5, progress: 10, months: 3));
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(1, set.Body!["version"]!.GetValue<int>());
        var version = set.Body!["history"]![0]!;
        Assert.Equal(1, version["rules"]!["assessDays"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(version["by"].Text()));

        var lead = await h.Http.GetJsonAsync($"/api/v1/leads/{id}");
        Assert.Equal(Day(0), lead.Body!["deadlines"]!.AsArray().Single(d => d!["kind"].Text() == "assessment")!["due"].Text());
    }
}
