using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Liandong.Api.Tests;

/// <summary>The coordination routes of API.md against a real silo (real clock: 2023 due dates are long past).</summary>
[Collection(ApiCollection.Name)]
public sealed class CoordinationApiTests(ApiFixture fixture)
{
    private const string Future = "2099-12-31";

    private HttpClient? _http;

    /// <summary>The API as the command office of the city the test works in (440800 until a test makes its own).</summary>
    private HttpClient Http => _http ??= fixture.AdminOf("440800");

    [Fact]
    public async Task RegisteringADepartmentAnswersCreatedThenOk()
    {
        var h = await NewHierarchyAsync();
        var first = await Http.PutJsonAsync($"/api/v1/departments/{h.City}-zrzyj", new { name = "市自然资源局", cityCode = h.City });
        var second = await Http.PutJsonAsync($"/api/v1/departments/{h.City}-zrzyj", new { name = "市自然资源局", cityCode = h.City });

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal($"{h.City}-zrzyj", second.Body!["id"].Text());
        Assert.Equal(h.City, second.Body["cityCode"].Text());
    }

    [Fact]
    public async Task MatterGoesFromRaisedToAnsweredToResolvedWithTheContractShape()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj", "zjj");

        using var created = await Http.PostAsJsonAsync("/api/v1/matters", Matter(h.County, h.City, d, Future));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"].Text();
        Assert.Equal($"/api/v1/matters/{id}", created.Headers.Location!.OriginalString);

        var (_, matter, _) = await Http.GetJsonAsync($"/api/v1/matters/{id}");
        foreach (var field in new[] { "id", "title", "detail", "status", "overdue", "raisedBy", "addressedTo", "projectCode", "meetingId", "dueDate",
                     "departments", "escalations", "history" })
        {
            Assert.True(matter!.AsObject().ContainsKey(field), $"the matter lacks {field}");
        }

        Assert.Equal("open", matter!["status"].Text());
        Assert.Equal(Future, matter["dueDate"].Text());
        var department = matter["departments"]![0]!;
        Assert.Equal(d[0], department["id"].Text());
        Assert.Null(department["answer"]);
        Assert.Null(department["answeredAt"]);

        await Http.PostJsonAsync($"/api/v1/matters/{id}/answers", new { departmentId = d[0], text = "已纳入全市年度用地计划。" });
        var answered = await Http.PostJsonAsync($"/api/v1/matters/{id}/answers", new { departmentId = d[1], text = "配合做好安置。" });
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal("answered", answered.Body!["status"].Text());
        Assert.Equal("已纳入全市年度用地计划。", answered.Body["departments"]![0]!["answer"].Text());
        Assert.NotNull(answered.Body["departments"]![0]!["answeredAt"]);

        var resolved = await Http.PostJsonAsync($"/api/v1/matters/{id}/resolve", new { note = "已解决" });
        Assert.Equal("resolved", resolved.Body!["status"].Text());
        var reopened = await Http.PostJsonAsync($"/api/v1/matters/{id}/reopen", new { reason = "二期指标仍未落实" });
        Assert.Equal("reopened", reopened.Body!["status"].Text());
        Assert.Equal(5, reopened.Body["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task ActorIsTheSignedInUserNotTheClaimedHeader()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/matters") { Content = JsonContent.Create(Matter(h.County, h.City, d, Future)) };
        request.Headers.Add("X-Liandong-Actor", "吴川市重点项目办");

        using var response = await Http.SendAsync(request);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"api-tests.{h.City}", body["history"]![0]!["actor"].Text());
    }

    [Fact]
    public async Task AnsweringForAnUnassignedDepartmentIs409AndChangesNothing()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj", "zjj");
        var id = await RaiseAsync(Matter(h.County, h.City, [d[0]], Future));
        var before = await Http.GetJsonAsync($"/api/v1/matters/{id}");

        var (status, _, contentType) = await Http.PostJsonAsync($"/api/v1/matters/{id}/answers", new { departmentId = d[1], text = "不属于本单位" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(before.Body.Json(), (await Http.GetJsonAsync($"/api/v1/matters/{id}")).Body.Json());
    }

    [Fact]
    public async Task ResolvingAResolvedMatterIs409AndChangesNothing()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        var id = await RaiseAsync(Matter(h.County, h.City, d, Future));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/matters/{id}/resolve")).Status);
        var before = await Http.GetJsonAsync($"/api/v1/matters/{id}");

        var (status, _, _) = await Http.PostJsonAsync($"/api/v1/matters/{id}/resolve", new { note = "再确认" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(before.Body.Json(), (await Http.GetJsonAsync($"/api/v1/matters/{id}")).Body.Json());
    }

    [Theory]
    [InlineData("title", "\"\"")]
    [InlineData("raisedBy", "\"4408\"")]
    [InlineData("addressedTo", "\"x\"")]
    [InlineData("departments", "[]")]
    [InlineData("departments[0]", "[\"zrzyj\"]")]
    [InlineData("dueDate", "null")]
    [InlineData("dueDate", "\"2023-13-01\"")]
    [InlineData("meetingId", "\"no such id!\"")]
    public async Task BadMatterIsA400NamingTheFieldAndCreatesNothing(string field, string value)
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Matter(h.Town, h.County, d, Future)))!.AsObject();
        body[field.Split('[')[0]] = JsonNode.Parse(value);

        var (status, json, contentType) = await Http.SendJsonAsync(HttpMethod.Post, "/api/v1/matters", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), $"errors do not name {field}: {json.Json()}");
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/cities/{h.City}/matters")).Body!.AsArray());
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/departments/{d[0]}/matters")).Body!.AsArray());
    }

    [Fact]
    public async Task TownToCountyMatterThatMatchesNoRuleOfTheGrainIsA400ThatChangesNothing()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");

        // Well-formed codes, but a town raises to its county or the city, never to another town.
        var (status, json, _) = await Http.PostJsonAsync("/api/v1/matters", Matter(h.Town, h.OtherTown, d, Future));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey("addressedTo"));
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/counties/{h.County}/matters")).Body!.AsArray());
    }

    [Fact]
    public async Task JurisdictionsListWhatWasRaisedBelowThemAndFilterByStatus()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        var id = await RaiseAsync(Matter(h.Town, h.County, d, Future));

        foreach (var url in new[] { $"/api/v1/towns/{h.Town}/matters", $"/api/v1/counties/{h.County}/matters", $"/api/v1/cities/{h.City}/matters",
                     $"/api/v1/departments/{d[0]}/matters?status=open" })
        {
            Assert.Equal(id, Assert.Single((await Http.GetJsonAsync(url)).Body!.AsArray())!["id"].Text());
        }

        Assert.Empty((await Http.GetJsonAsync($"/api/v1/towns/{h.OtherTown}/matters")).Body!.AsArray());
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/counties/{h.County}/matters?status=resolved")).Body!.AsArray());
        var bad = await Http.GetJsonAsync($"/api/v1/counties/{h.County}/matters?status=closed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Body!["errors"]!.AsObject().ContainsKey("status"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetJsonAsync("/api/v1/towns/4408/matters")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync($"/api/v1/towns/{h.County}999/matters")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync("/api/v1/matters/M-NOSUCHMATTER")).Status);
    }

    [Fact]
    public async Task OverdueMatterShowsItsEscalationFromCountyToCity()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        var id = await RaiseAsync(Matter(h.Town, h.County, d, "2023-06-30"));

        var (_, matter, _) = await Http.GetJsonAsync($"/api/v1/matters/{id}");

        Assert.True(matter!["overdue"]!.GetValue<bool>());
        var escalation = Assert.Single(matter["escalations"]!.AsArray())!;
        Assert.Equal((h.County, h.City), (escalation["from"].Text(), escalation["to"].Text()));
        Assert.NotNull(escalation["at"]);
        Assert.Contains(matter["history"]!.AsArray(), e => e!["action"].Text().StartsWith("escalated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeetingFreezesTheReportListsItsMattersAndWritesMinutes()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        var code = $"P-{h.City}-MTG";
        await Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 3000 });
        await Http.EventuallyAsync($"/api/v1/counties/{h.County}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 3000m);

        var opened = await Http.PostJsonAsync("/api/v1/meetings", new
        {
            cityCode = h.City, countyCode = h.County, date = "2023-06-08", title = "市委书记到测试县现场办公会", host = "市委书记",
            attendees = new[] { "市领导" }, year = 2023, month = 5,
        });
        Assert.Equal(HttpStatusCode.Created, opened.Status);
        var meeting = opened.Body!["id"].Text();
        Assert.Equal(3000m, opened.Body["countyReport"]!["completedYtd"].Decimal());

        var raised = await Http.PostJsonAsync($"/api/v1/meetings/{meeting}/matters", Matter(h.County, h.City, d, Future));
        Assert.Equal(HttpStatusCode.Created, raised.Status);
        Assert.Equal(meeting, raised.Body!["meetingId"].Text());
        await Http.PostJsonAsync($"/api/v1/matters/{raised.Body["id"].Text()}/answers", new { departmentId = d[0], text = "已统筹安排用地指标。" });
        await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 9999 });
        await Http.EventuallyAsync($"/api/v1/counties/{h.County}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 9999m);

        var (_, view, _) = await Http.GetJsonAsync($"/api/v1/meetings/{meeting}");
        Assert.Equal(3000m, view!["countyReport"]!["completedYtd"].Decimal());
        var listed = Assert.Single(view["matters"]!.AsArray())!;
        Assert.Equal("answered", listed["status"].Text());
        Assert.Equal(d[0], listed["departments"]![0]!["id"].Text());
        Assert.Equal(meeting, Assert.Single((await Http.GetJsonAsync($"/api/v1/cities/{h.City}/meetings")).Body!.AsArray())!["id"].Text());

        using var minutes = await Http.GetAsync($"/api/v1/meetings/{meeting}/minutes");
        Assert.Equal("text/markdown", minutes.Content.Headers.ContentType!.MediaType);
        var text = await minutes.Content.ReadAsStringAsync();
        Assert.Contains("# 市委书记到测试县现场办公会纪要", text, StringComparison.Ordinal);
        Assert.Contains("**市自然资源局**：已统筹安排用地指标。", text, StringComparison.Ordinal);
        Assert.Contains("3000万元", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MeetingMatterNamingAnotherMeetingIsA400AndCreatesNothing()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "zrzyj");
        var opened = await Http.PostJsonAsync("/api/v1/meetings", new
        {
            cityCode = h.City, countyCode = h.County, date = "2023-06-08", title = "现场办公会", host = "市委书记", year = 2023, month = 5,
        });
        var meeting = opened.Body!["id"].Text();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Matter(h.County, h.City, d, Future)))!.AsObject();
        body["meetingId"] = "MT-SOMEOTHER";

        var (status, json, _) = await Http.SendJsonAsync(HttpMethod.Post, $"/api/v1/meetings/{meeting}/matters", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey("meetingId"));
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/meetings/{meeting}")).Body!["matters"]!.AsArray());
    }

    [Fact]
    public async Task DirectiveCascadesAndRefusesWhatItDoesNotReach()
    {
        var h = await NewHierarchyAsync();
        var issued = await Http.PostJsonAsync("/api/v1/directives", new
        {
            cityCode = h.City, title = "百县千镇万村高质量发展工程", detail = "典型镇培育", dueDate = Future, countyCodes = new[] { h.County },
        });
        Assert.Equal(HttpStatusCode.Created, issued.Status);
        var id = issued.Body!["id"].Text();

        var split = await Http.PostJsonAsync($"/api/v1/directives/{id}/counties/{h.County}/towns", new { townCodes = new[] { h.Town } });
        Assert.Equal(HttpStatusCode.OK, split.Status);
        var before = await Http.GetJsonAsync($"/api/v1/directives/{id}");

        var outside = await Http.PostJsonAsync($"/api/v1/directives/{id}/counties/{h.County}/towns", new { townCodes = new[] { h.City[..4] + "99101" } });
        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        Assert.True(outside.Body!["errors"]!.AsObject().ContainsKey("townCodes[0]"));
        var unreached = await Http.PutJsonAsync($"/api/v1/directives/{id}/progress/{h.OtherTown}", new { percent = 50 });
        Assert.Equal(HttpStatusCode.Conflict, unreached.Status);
        var badPercent = await Http.PutJsonAsync($"/api/v1/directives/{id}/progress/{h.Town}", new { percent = 150 });
        Assert.True(badPercent.Body!["errors"]!.AsObject().ContainsKey("percent"));
        Assert.Equal(before.Body.Json(), (await Http.GetJsonAsync($"/api/v1/directives/{id}")).Body.Json());

        var progress = await Http.PutJsonAsync($"/api/v1/directives/{id}/progress/{h.Town}", new { percent = 60, note = "圩镇改造过半" });
        Assert.Equal(HttpStatusCode.OK, progress.Status);
        var (_, view, _) = await Http.GetJsonAsync($"/api/v1/directives/{id}");
        Assert.Equal(60m, view!["percent"].Decimal());
        Assert.False(view["overdue"]!.GetValue<bool>());
        var county = Assert.Single(view["counties"]!.AsArray())!;
        Assert.Equal((h.County, 60m), (county["code"].Text(), county["percent"].Decimal()));
        Assert.Equal(h.Town, Assert.Single(county["towns"]!.AsArray())!["code"].Text());
        Assert.Equal(60m, Assert.Single((await Http.GetJsonAsync($"/api/v1/towns/{h.Town}/directives")).Body!.AsArray())!["percent"].Decimal());
        Assert.Single((await Http.GetJsonAsync($"/api/v1/cities/{h.City}/directives")).Body!.AsArray());
        Assert.Empty((await Http.GetJsonAsync($"/api/v1/towns/{h.OtherTown}/directives")).Body!.AsArray());
    }

    [Fact]
    public async Task LeaderIsLinkedToAProjectThatShowsItAndVisitsGiveRiseToMatters()
    {
        var h = await NewHierarchyAsync();
        var d = await DepartmentsAsync(h, "jtysj");
        var code = $"P-{h.City}-LEAD";
        await Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        var leader = $"{h.City}-swsj";
        Assert.Equal(HttpStatusCode.Created, (await Http.PutJsonAsync($"/api/v1/leaders/{leader}", new { title = "市委书记", body = "partyCommittee", cityCode = h.City })).Status);
        var wrongBody = await Http.PutJsonAsync($"/api/v1/leaders/{h.City}-x", new { title = "市长", body = "mayor", cityCode = h.City });
        Assert.True(wrongBody.Body!["errors"]!.AsObject().ContainsKey("body"));

        var linked = await Http.PutJsonAsync($"/api/v1/projects/{code}/leader", new { leaderId = leader });
        Assert.Equal(HttpStatusCode.OK, linked.Status);
        Assert.Equal(leader, (await Http.GetJsonAsync($"/api/v1/projects/{code}")).Body!["leaderId"].Text());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PutJsonAsync($"/api/v1/projects/{code}/leader", new { leaderId = $"{h.City}-nobody" })).Status);
        Assert.Equal(leader, (await Http.GetJsonAsync($"/api/v1/projects/{code}")).Body!["leaderId"].Text());

        var visit = await Http.PostJsonAsync("/api/v1/visits", new { leaderId = leader, date = "2023-06-08", projectCodes = new[] { code }, findings = "路网衔接不畅。" });
        Assert.Equal(HttpStatusCode.Created, visit.Status);
        var visitId = visit.Body!["id"].Text();
        var matter = await RaiseAsync(new
        {
            title = "关于道路衔接的事项", detail = "起步区路网未贯通", raisedBy = h.County, projectCode = code, addressedTo = h.City,
            departments = d, dueDate = Future, visitId,
        });

        var (_, page, _) = await Http.GetJsonAsync($"/api/v1/leaders/{leader}");
        var row = Assert.Single(page!["projects"]!.AsArray())!;
        Assert.Equal(code, row["code"].Text());
        Assert.Equal(1, row["openMatters"]!.GetValue<int>());
        Assert.True(row.AsObject().ContainsKey("light"));
        Assert.Equal(visitId, Assert.Single(page["visits"]!.AsArray())!["id"].Text());
        Assert.Equal(matter, Assert.Single((await Http.GetJsonAsync($"/api/v1/visits/{visitId}")).Body!["matters"]!.AsArray())!["id"].Text());
        Assert.Equal(leader, Assert.Single((await Http.GetJsonAsync($"/api/v1/cities/{h.City}/leaders")).Body!.AsArray())!["id"].Text());
    }

    [Fact]
    public async Task OpenApiDocumentListsTheCoordinationRoutes()
    {
        var document = await Http.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[]
        {
            "/api/v1/departments/{id}", "/api/v1/matters", "/api/v1/matters/{id}/answers", "/api/v1/matters/{id}/resolve", "/api/v1/matters/{id}/reopen",
            "/api/v1/departments/{id}/matters", "/api/v1/counties/{code}/matters", "/api/v1/meetings", "/api/v1/meetings/{id}/matters",
            "/api/v1/meetings/{id}/minutes", "/api/v1/cities/{code}/meetings", "/api/v1/directives", "/api/v1/directives/{id}/counties/{countyCode}/towns",
            "/api/v1/directives/{id}/progress/{code}", "/api/v1/towns/{code}/directives", "/api/v1/leaders/{id}", "/api/v1/projects/{code}/leader",
            "/api/v1/cities/{code}/leaders", "/api/v1/visits",
        })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    private async Task<string[]> DepartmentsAsync(Hierarchy h, params string[] slugs)
    {
        var names = new Dictionary<string, string> { ["zrzyj"] = "市自然资源局", ["zjj"] = "市住房和城乡建设局", ["jtysj"] = "市交通运输局" };
        foreach (var slug in slugs)
        {
            var (status, body, _) = await Http.PutJsonAsync($"/api/v1/departments/{h.City}-{slug}", new { name = names[slug], cityCode = h.City });
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.Json());
        }

        return slugs.Select(s => $"{h.City}-{s}").ToArray();
    }

    private static object Matter(string raisedBy, string addressedTo, string[] departments, string dueDate) => new
    {
        title = "关于园区新增用地指标的事项",
        detail = "二期用地指标不足。",
        raisedBy,
        projectCode = (string?)null,
        addressedTo,
        departments,
        dueDate,
        meetingId = (string?)null,
    };

    private async Task<string> RaiseAsync(object body)
    {
        var (status, json, _) = await Http.PostJsonAsync("/api/v1/matters", body);
        Assert.True(status == HttpStatusCode.Created, json.Json());
        return json!["id"].Text();
    }

    [Fact]
    public async Task JurisdictionListsCheckAccessFirstThenThatTheDivisionIsRegistered()
    {
        // 99xx00 is never one of Hierarchy's cities: its command office may read it, but nothing is registered there.
        var own = fixture.AdminOf("999900");
        foreach (var url in new[]
                 {
                     "/api/v1/cities/999900/matters", "/api/v1/cities/999900/meetings", "/api/v1/cities/999900/directives",
                     "/api/v1/cities/999900/leaders", "/api/v1/counties/999901/matters", "/api/v1/counties/999901/meetings",
                     "/api/v1/counties/999901/directives", "/api/v1/towns/999901101/matters", "/api/v1/towns/999901101/directives",
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await own.GetJsonAsync(url)).Status);

            // Another city's office learns nothing, not even whether the division exists.
            Assert.Equal(HttpStatusCode.Forbidden, (await fixture.AdminOf("440800").GetJsonAsync(url)).Status);
        }
    }

    /// <summary>A fresh city for this test; from here on the test acts as its command office.</summary>
    private async Task<Hierarchy> NewHierarchyAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        _http = h.Http;
        return h;
    }
}
