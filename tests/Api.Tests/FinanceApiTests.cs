using System.Net;
using System.Text.Json.Nodes;
using Liandong.Finance;

namespace Liandong.Api.Tests;

/// <summary>The government–bank–enterprise and factor-supply routes of API.md, over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class FinanceApiTests(ApiFixture fixture)
{
    private static int _next;

    private HttpClient? _http;

    /// <summary>The API as the command office of the city the test works in (440800 until a test makes its own).</summary>
    private HttpClient Http => _http ??= fixture.AdminOf("440800");

    private static string NewCreditCode(string county)
    {
        var body = $"MB{Interlocked.Increment(ref _next):D6}";
        return CreditCodes.Complete("91" + county + body + CreditCodes.OrganizationCheckCharacter(body));
    }

    /// <summary>A hierarchy, two banks, an enterprise and a project it owns, all through the API.</summary>
    private async Task<(Hierarchy H, string Enterprise, string Project, string[] Banks)> OwnedProjectAsync(string suffix)
    {
        var h = await NewHierarchyAsync();
        var enterprise = NewCreditCode(h.County);
        Assert.Equal(HttpStatusCode.Created, (await Http.PutJsonAsync($"/api/v1/enterprises/{enterprise}", new { name = "测试实业有限公司", countyCode = h.County })).Status);
        string[] banks = [$"bank-{h.City}-a", $"bank-{h.City}-b", $"bank-{h.City}-c"];
        foreach (var bank in banks)
        {
            Assert.Equal(HttpStatusCode.Created, (await Http.PutJsonAsync($"/api/v1/banks/{bank}", new { name = "测试银行" + bank, cityCode = h.City })).Status);
        }

        var project = $"P-{h.City}-{suffix}";
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync("/api/v1/projects", h.Project(project))).Status);
        var owner = await Http.PutJsonAsync($"/api/v1/projects/{project}/owner", new { creditCode = enterprise });
        Assert.Equal(HttpStatusCode.OK, owner.Status);
        Assert.Equal(enterprise, owner.Body!["owner"]!["creditCode"].Text());
        return (h, enterprise, project, banks);
    }

    [Fact]
    public async Task EnterpriseWithAWrongCheckCharacterIsA400NamingCreditCodeAndIsNotCreated()
    {
        var h = await NewHierarchyAsync();
        var good = NewCreditCode(h.County);
        var bad = good[..17] + (good[17] == '1' ? '2' : '1');

        var (status, body, contentType) = await Http.PutJsonAsync($"/api/v1/enterprises/{bad}", new { name = "错码公司", countyCode = h.County });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("check character", body!["errors"]!["creditCode"]![0].Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync($"/api/v1/enterprises/{good}")).Status);
    }

    [Fact]
    public async Task EnterpriseIsCreatedThenUpdatedAndFoundInAnyCase()
    {
        var h = await NewHierarchyAsync();
        var code = NewCreditCode(h.County);
        var created = await Http.PutJsonAsync($"/api/v1/enterprises/{code.ToLowerInvariant()}", new { name = "旧名", countyCode = h.County });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(code, created.Body!["creditCode"].Text());
        Assert.True(created.Body!["organizationCodeChecks"]!.GetValue<bool>());

        var renamed = await Http.PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "新名", countyCode = h.County });
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        var read = await Http.GetJsonAsync($"/api/v1/enterprises/{code}");
        Assert.Equal("新名", read.Body!["name"].Text());
        Assert.Equal(0, read.Body!["totals"]!["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Bad_Slug", "code")]
    [InlineData("ok-bank", "cityCode")]
    public async Task BadBankIsA400NamingTheField(string code, string field)
    {
        var (status, body, _) = await Http.PutJsonAsync($"/api/v1/banks/{code}", new { name = "x", cityCode = field == "cityCode" ? "4408" : "440800" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body!["errors"]!.AsObject().ContainsKey(field), body.Json());
    }

    [Fact]
    public async Task FinancingTravelsFromSubmissionToDisbursementAndTotalsMatchAtEveryLevel()
    {
        var (h, enterprise, project, banks) = await OwnedProjectAsync("FIN");

        var submit = await Http.PostJsonAsync("/api/v1/financing", new { projectCode = project, creditCode = enterprise, amount = 20000, purpose = "厂房建设", termMonths = 60 });
        Assert.Equal(HttpStatusCode.Created, submit.Status);
        Assert.Equal("submitted", submit.Body!["status"].Text());
        var id = submit.Body!["id"].Text();
        var url = $"/api/v1/financing/{id}";

        var recommend = await Http.PostJsonAsync($"{url}/recommend", new { bankCodes = new[] { banks[0], banks[1] }, note = "优先对接" });
        Assert.Equal(HttpStatusCode.OK, recommend.Status);
        Assert.Equal("recommended", recommend.Body!["status"].Text());
        var inbox = await Http.GetJsonAsync($"/api/v1/banks/{banks[0]}/financing?status=recommended");
        Assert.Equal(id, Assert.Single(inbox.Body!["requests"]!.AsArray())!["id"].Text());

        var offer = await Http.PostJsonAsync($"{url}/offers", new { bankCode = banks[0], amount = 15000, ratePercent = 3.45, termMonths = 60 });
        Assert.Equal(HttpStatusCode.Created, offer.Status);
        Assert.Equal(("O1", "open", "offered"), (offer.Body!["id"].Text(), offer.Body!["status"].Text(), offer.Body!["requestStatus"].Text()));
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync($"{url}/offers", new { bankCode = banks[1], amount = 12000, ratePercent = 3.3, termMonths = 60 })).Status);

        var stranger = await Http.PostJsonAsync($"{url}/offers", new { bankCode = banks[2], amount = 1000, ratePercent = 3.0, termMonths = 12 });
        Assert.Equal(HttpStatusCode.Conflict, stranger.Status);
        Assert.Contains("was not sent to", stranger.Body!["detail"].Text(), StringComparison.Ordinal);

        var accept = await Http.PostJsonAsync($"{url}/accept", new { offerId = "O1" });
        Assert.Equal(HttpStatusCode.OK, accept.Status);
        Assert.Equal("accepted", accept.Body!["status"].Text());
        Assert.Equal(["accepted", "closed"], accept.Body!["offers"]!.AsArray().Select(o => o!["status"].Text()));

        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync($"{url}/disbursements", new { amount = 5000, date = "2023-06-01" })).Status);
        var before = await Http.GetJsonAsync(url);
        var tooMuch = await Http.PostJsonAsync($"{url}/disbursements", new { amount = 10000.5, date = "2023-06-02" });
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.Status);
        Assert.Equal(before.Body.Json(), (await Http.GetJsonAsync(url)).Body.Json());
        var last = await Http.PostJsonAsync($"{url}/disbursements", new { amount = 10000, date = "2023-06-15" });
        Assert.Equal(HttpStatusCode.Created, last.Status);
        Assert.Equal("disbursed", last.Body!["status"].Text());

        var full = await Http.GetJsonAsync(url);
        Assert.Equal(2, full.Body!["disbursements"]!.AsArray().Count);
        Assert.Equal(7, full.Body!["history"]!.AsArray().Count);
        Assert.Equal(0m, full.Body!["totals"]!["remaining"].Decimal());

        var expected = new { requested = 20000m, offered = 27000m, accepted = 15000m, disbursed = 15000m };
        foreach (var level in new[] { $"/api/v1/counties/{h.County}/financing", $"/api/v1/cities/{h.City}/financing" })
        {
            var view = await Http.EventuallyAsync(level, b => b["totals"]!["disbursed"].Decimal() == 15000m);
            var totals = view["totals"]!;
            Assert.Equal(expected, new { requested = totals["requested"].Decimal(), offered = totals["offered"].Decimal(), accepted = totals["accepted"].Decimal(), disbursed = totals["disbursed"].Decimal() });
            Assert.Equal(1, totals["count"]!.GetValue<int>());
            Assert.Equal(id, Assert.Single(view["requests"]!.AsArray())!["id"].Text());
        }

        var bank = await Http.GetJsonAsync($"/api/v1/banks/{banks[0]}");
        Assert.Equal(15000m, bank.Body!["totals"]!["disbursed"].Decimal());
        var enterpriseView = await Http.GetJsonAsync($"/api/v1/enterprises/{enterprise}");
        Assert.Equal(project, Assert.Single(enterpriseView.Body!["projects"]!.AsArray())!["code"].Text());
        Assert.Equal(15000m, enterpriseView.Body!["totals"]!["disbursed"].Decimal());
    }

    [Fact]
    public async Task FinancingByAnEnterpriseThatDoesNotOwnTheProjectIsA409()
    {
        var (h, _, project, _) = await OwnedProjectAsync("NOTOWN");
        var other = NewCreditCode(h.County);
        await Http.PutJsonAsync($"/api/v1/enterprises/{other}", new { name = "别家", countyCode = h.County });

        var (status, _, _) = await Http.PostJsonAsync("/api/v1/financing", new { projectCode = project, creditCode = other, amount = 100, purpose = "x", termMonths = 12 });

        Assert.Equal(HttpStatusCode.Conflict, status);
        var county = await Http.GetJsonAsync($"/api/v1/counties/{h.County}/financing");
        Assert.Empty(county.Body!["requests"]!.AsArray());
    }

    [Theory]
    [InlineData("creditCode")]
    [InlineData("amount")]
    [InlineData("purpose")]
    [InlineData("termMonths")]
    [InlineData("projectCode")]
    public async Task BadFinancingBodyIsA400NamingTheFieldAndCreatesNothing(string field)
    {
        var (h, enterprise, project, _) = await OwnedProjectAsync("BAD" + field);
        var body = new JsonObject
        {
            ["projectCode"] = project, ["creditCode"] = enterprise, ["amount"] = 100, ["purpose"] = "流动资金", ["termMonths"] = 12,
        };
        body[field] = field switch
        {
            "creditCode" => enterprise[..17] + (enterprise[17] == '0' ? '1' : '0'),
            "amount" => -1,
            "termMonths" => 0,
            "projectCode" => "bad code!",
            _ => " ",
        };

        var (status, json, _) = await Http.PostJsonAsync("/api/v1/financing", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), json.Json());
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/counties/{h.County}/financing")).Body!["requests"]!.AsArray());
    }

    [Fact]
    public async Task StepsOutOfOrderAre409AndUnknownRequestsAre404()
    {
        var (_, enterprise, project, banks) = await OwnedProjectAsync("ORDER");
        var id = (await Http.PostJsonAsync("/api/v1/financing", new { projectCode = project, creditCode = enterprise, amount = 500, purpose = "x", termMonths = 12 })).Body!["id"].Text();
        var url = $"/api/v1/financing/{id}";

        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostJsonAsync($"{url}/offers", new { bankCode = banks[0], amount = 100, ratePercent = 3.0, termMonths = 12 })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostJsonAsync($"{url}/accept", new { offerId = "O1" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostJsonAsync($"{url}/disbursements", new { amount = 100, date = "2023-06-01" })).Status);
        Assert.Equal("submitted", (await Http.GetJsonAsync(url)).Body!["status"].Text());

        await Http.PostJsonAsync($"{url}/recommend", new { bankCodes = new[] { banks[0] } });
        var decline = await Http.PostJsonAsync($"{url}/decline", new { bankCode = banks[0], reason = "额度不足" });
        Assert.Equal(HttpStatusCode.OK, decline.Status);
        Assert.Equal("declined", decline.Body!["status"].Text());
        Assert.Equal("额度不足", Assert.Single(decline.Body!["declines"]!.AsArray())!["reason"].Text());

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync("/api/v1/financing/FR-NOSUCH-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetJsonAsync($"/api/v1/banks/{banks[0]}/financing?status=pending")).Status);
    }

    [Fact]
    public async Task FactorNeedsAreCountedByKindAndDepartmentAtTownCountyAndCity()
    {
        var (h, _, project, _) = await OwnedProjectAsync("FACT");
        var land = await Http.PostJsonAsync($"/api/v1/projects/{project}/factors",
            new { kind = "land", detail = "用地报批", quantity = 120, unit = "亩", departmentId = $"{h.City}-zrzyj", dueDate = "2099-08-31" });
        Assert.Equal(HttpStatusCode.Created, land.Status);
        Assert.Equal(("F1", "open"), (land.Body!["id"].Text(), land.Body!["status"].Text()));
        await Http.PostJsonAsync($"/api/v1/projects/{project}/factors",
            new { kind = "energy", detail = "专线接电", departmentId = $"{h.City}-gdj", dueDate = "2099-09-30" });

        foreach (var level in new[] { $"/api/v1/towns/{h.Town}/factors", $"/api/v1/counties/{h.County}/factors", $"/api/v1/cities/{h.City}/factors" })
        {
            var view = await Http.EventuallyAsync(level, b => b["open"]!.GetValue<int>() == 2);
            Assert.Equal(1, view["byKind"]!["land"]!.GetValue<int>());
            Assert.Equal(0, view["byKind"]!["water"]!.GetValue<int>());
            Assert.Equal(1, view["byDepartment"]![$"{h.City}-gdj"]!.GetValue<int>());
            Assert.Equal(2, view["needs"]!.AsArray().Count);
        }

        var met = await Http.PutJsonAsync($"/api/v1/projects/{project}/factors/F1", new { status = "met", note = "已批复" });
        Assert.Equal(HttpStatusCode.OK, met.Status);
        var city = await Http.EventuallyAsync($"/api/v1/cities/{h.City}/factors", b => b["open"]!.GetValue<int>() == 1);
        Assert.Equal(0, city["byKind"]!["land"]!.GetValue<int>());
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/towns/{h.OtherTown}/factors")).Body!["needs"]!.AsArray());
    }

    [Theory]
    [InlineData("kind", "\"gold\"")]
    [InlineData("departmentId", "\"440100-zrzyj\"")]
    [InlineData("departmentId", "\"zrzyj\"")]
    [InlineData("dueDate", "\"2023-02-30\"")]
    [InlineData("detail", "\"\"")]
    public async Task BadFactorNeedIsA400NamingTheFieldAndChangesNothing(string field, string value)
    {
        var (h, _, project, _) = await OwnedProjectAsync("FBAD" + field + value.Length);
        var body = new JsonObject
        {
            ["kind"] = "land", ["detail"] = "用地", ["departmentId"] = $"{h.City}-zrzyj", ["dueDate"] = "2099-08-31",
        };
        body[field] = JsonNode.Parse(value);
        var before = await Http.GetJsonAsync($"/api/v1/projects/{project}");

        var (status, json, _) = await Http.PostJsonAsync($"/api/v1/projects/{project}/factors", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), json.Json());
        Assert.Equal(before.Body.Json(), (await Http.GetJsonAsync($"/api/v1/projects/{project}")).Body.Json());
    }

    [Fact]
    public async Task UpdatingAnUnknownFactorNeedIs404()
    {
        var (_, _, project, _) = await OwnedProjectAsync("F404");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PutJsonAsync($"/api/v1/projects/{project}/factors/F7", new { status = "met" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PutJsonAsync($"/api/v1/projects/{project}/factors/F7", new { note = "x" })).Status);
    }


    /// <summary>A fresh city for this test; from here on the test acts as its command office.</summary>
    private async Task<Hierarchy> NewHierarchyAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        _http = h.Http;
        return h;
    }}
