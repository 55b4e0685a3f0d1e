using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Liandong.Api.Tests;

/// <summary>Tender supervision routes of API.md over HTTP: processes, OCDS import, alerts and their review.</summary>
[Collection(ApiCollection.Name)]
public sealed class TendersApiTests(ApiFixture fixture)
{
    private static object Tender(int windowDays = 20, decimal budget = 800m, object? kind = null) => new
    {
        title = "测试道路施工",
        kind = kind ?? "works",
        method = "open",
        budget,
        stateFunded = true,
        noticeDate = "2023-03-01",
        documentsFrom = "2023-03-02",
        documentsTo = "2023-03-08",
        bidDeadline = new DateOnly(2023, 3, 2).AddDays(windowDays).ToString("yyyy-MM-dd"),
        bidBondPercent = 2,
        bidders = new object[]
        {
            new { id = "A", name = "甲公司", contactPhone = "0759-1", price = 700, status = "valid" },
            new { id = "B", name = "乙公司", contactPhone = "0759-2", price = 730, status = "valid" },
            new { id = "C", name = "丙公司", contactPhone = "0759-3", price = 760, status = "valid" },
        },
        awardDate = "2023-04-01",
        winnerId = "A",
        awardPrice = 700,
        contractDate = "2023-04-15",
        performanceBondPercent = 5,
    };

    private async Task<(Hierarchy H, string Project)> ProjectAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var project = $"P-{h.City}-T";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(project))).Status);
        return (h, project);
    }

    [Fact]
    public async Task AProcessIsEnteredCorrectedAndItsHistoryKept()
    {
        var (h, project) = await ProjectAsync();
        var created = await h.Http.PostJsonAsync($"/api/v1/projects/{project}/tenders", Tender());
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body!["id"].Text();

        var corrected = await h.Http.PutJsonAsync($"/api/v1/projects/{project}/tenders/{id}", Tender(windowDays: 25));
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        Assert.Equal(2, corrected.Body!["version"]!.GetValue<int>());

        var detail = await h.Http.GetJsonAsync($"/api/v1/tenders/{id}");
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal(3, detail.Body!["tender"]!["bidders"]!.AsArray().Count);
        Assert.Equal("2023-03-22", detail.Body!["corrections"]![0]!["before"]!["bidDeadline"].Text());

        var list = await h.Http.GetJsonAsync($"/api/v1/projects/{project}/tenders");
        var row = Assert.Single(list.Body!["tenders"]!.AsArray());
        Assert.Null(row!["bidders"]);
        Assert.Equal(3, row["bidderCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("budget")]
    [InlineData("kind")]
    [InlineData("bidders[0].status")]
    [InlineData("documentsTo")]
    [InlineData("bidDeadline")]
    public async Task BadInputIsA400NamingTheFieldAndEntersNothing(string field)
    {
        var (h, project) = await ProjectAsync();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Tender()))!.AsObject();
        switch (field)
        {
            case "budget": body["budget"] = 10_000_001; break;
            case "kind": body.Remove("kind"); break;
            case "bidders[0].status": body["bidders"]![0]!.AsObject().Remove("status"); break;
            case "documentsTo": body["documentsTo"] = "2023-03-01"; break;
            case "bidDeadline": body["bidDeadline"] = "2023-02-30"; break;
        }

        var (status, problem, contentType) = await h.Http.PostJsonAsync($"/api/v1/projects/{project}/tenders", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.NotNull(problem!["errors"]![field]);
        Assert.Empty((await h.Http.GetJsonAsync($"/api/v1/projects/{project}/tenders")).Body!["tenders"]!.AsArray());
    }

    [Fact]
    public async Task OcdsImportReportsEachMalformedLineAndImportsTheRest()
    {
        var (h, project) = await ProjectAsync();
        const string release = """{"ocid":"OCID","tender":{"title":"设备","mainProcurementCategory":"goods","procurementMethod":"open","value":{"amount":2500000,"currency":"CNY"}},"planning":{"project":{"id":"PROJECT"}}}""";
        var body = string.Join('\n',
            release.Replace("OCID", $"ocds-{h.City}-1").Replace("PROJECT", project),
            "this is not json",
            """{"ocid":42}""",
            release.Replace("OCID", $"ocds-{h.City}-2").Replace("PROJECT", "NO-SUCH-PROJECT"));
        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");

        using var response = await h.Http.PostAsync($"/api/v1/cities/{h.City}/tenders/ocds", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, result["imported"]!.GetValue<int>());
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal([2, 3], rejected.Select(r => r!["line"]!.GetValue<int>()));
        Assert.Contains("ocid", rejected[1]!["error"].Text(), StringComparison.Ordinal);
        var onProject = (await h.Http.GetJsonAsync($"/api/v1/projects/{project}/tenders")).Body!["tenders"]!.AsArray();
        Assert.Equal(250m, Assert.Single(onProject)!["budget"].Decimal());
    }

    [Fact]
    public async Task AShortWindowIsAnAlertTheInspectorReviewsAndTheCommandOfficeOnlyReads()
    {
        var (h, project) = await ProjectAsync();
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync($"/api/v1/projects/{project}/tenders", Tender(windowDays: 19))).Status);

        var flags = await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/integrity/flags?indicator=CN-window");
        Assert.Equal(HttpStatusCode.OK, flags.Status);
        var flag = Assert.Single(flags.Body!["flags"]!.AsArray())!;
        Assert.Equal(19, flag["value"]!.GetValue<double>());
        Assert.Equal(h.County, flag["countyCode"].Text());
        Assert.Contains("第二十四条", flag["basis"].Text(), StringComparison.Ordinal);
        var id = flag["id"].Text();

        var byOffice = await h.Http.PostJsonAsync($"/api/v1/integrity/flags/{id}/review", new { outcome = "confirmed", note = "越权" });
        Assert.Equal(HttpStatusCode.Forbidden, byOffice.Status);

        using var inspector = fixture.InspectorOf(h.County, h.City);
        Assert.Equal(HttpStatusCode.BadRequest, (await inspector.PostJsonAsync($"/api/v1/integrity/flags/{id}/review", new { outcome = "confirmed" })).Status);
        var reviewed = await inspector.PostJsonAsync($"/api/v1/integrity/flags/{id}/review", new { outcome = "confirmed", note = "已约谈招标人" });
        Assert.Equal(HttpStatusCode.OK, reviewed.Status);
        Assert.Equal("confirmed", reviewed.Body!["status"].Text());
        Assert.Equal("api-tests.inspector." + h.County, reviewed.Body!["reviews"]![0]!["by"].Text());

        // More data: recomputed, the reviewed alert neither duplicated nor reopened.
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync($"/api/v1/projects/{project}/tenders", Tender(windowDays: 30))).Status);
        var after = await inspector.GetJsonAsync($"/api/v1/cities/{h.City}/integrity/flags?indicator=CN-window");
        Assert.Equal("confirmed", Assert.Single(after.Body!["flags"]!.AsArray())!["status"].Text());

        var summary = await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/integrity/summary");
        var county = Assert.Single(summary.Body!["counties"]!.AsArray(), c => c!["countyCode"]?.GetValue<string>() == h.County)!;
        Assert.True(county["confirmed"]!.GetValue<int>() >= 1);

        var coverage = await inspector.GetJsonAsync($"/api/v1/cities/{h.City}/integrity/coverage");
        var perfbond = coverage.Body!["indicators"]!.AsArray().Single(r => r!["indicator"].Text() == "CN-perfbond")!;
        Assert.Equal(2, perfbond["evaluated"]!.GetValue<int>());
        var r030 = coverage.Body!["indicators"]!.AsArray().Single(r => r!["indicator"].Text() == "R030")!;
        Assert.Equal(2, r030["missing"]!["receivedAt"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownFiltersAreA400NamingThem()
    {
        var (h, _) = await ProjectAsync();
        var (status, problem, _) = await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}/integrity/flags?indicator=R999&status=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["indicator"]);
        Assert.NotNull(problem!["errors"]!["status"]);
    }
}
