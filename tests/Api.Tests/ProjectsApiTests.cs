using System.Net;

namespace Liandong.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProjectsApiTests(ApiFixture fixture)
{
    private HttpClient? _http;

    /// <summary>The API as the command office of the city the test works in (440800 until a test makes its own).</summary>
    private HttpClient Http => _http ??= fixture.AdminOf("440800");

    [Fact]
    public async Task CreatingAProjectAnswers201WithLocation()
    {
        var h = await NewHierarchyAsync();
        using var response = await Http.PostAsJsonAsyncRaw("/api/v1/projects", h.Project($"P-{h.City}-1"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/projects/P-{h.City}-1", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ProjectWithoutCodeGetsOneAssigned()
    {
        var h = await NewHierarchyAsync();
        var (status, body, _) = await Http.PostJsonAsync("/api/v1/projects", new
        {
            name = "无代码项目", townCode = h.Town, category = "livelihood", stage = "newStart", totalInvestment = 100,
        });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith($"LD-{h.Town}-", body!["code"].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameCodeUnderAnotherTownIsA409()
    {
        var h = await NewHierarchyAsync();
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJsonAsync("/api/v1/projects", h.Project($"P-{h.City}-DUP"))).Status);
        var (status, _, contentType) = await Http.PostJsonAsync("/api/v1/projects", h.Project($"P-{h.City}-DUP", h.OtherTown));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("application/problem+json", contentType);
        var project = await Http.GetJsonAsync($"/api/v1/projects/P-{h.City}-DUP");
        Assert.Equal(h.Town, project.Body!["townCode"].Text());
    }

    [Fact]
    public async Task ReportIsVisibleAtEveryLevelRepeatsChangeNothingAndCorrectionsMoveByTheDifference()
    {
        var h = await NewHierarchyAsync();
        var code = $"P-{h.City}-FLOW";
        await Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        var report = new { investmentCompleted = 1234.5, progressPercent = 40, imageProgress = "主体结构施工", problems = new[] { "用地报批未完成" } };

        var put = await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", report);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(1234.5m, put.Body!["totals"]!["completedYtd"].Decimal());

        foreach (var url in new[] { $"/api/v1/towns/{h.Town}", $"/api/v1/counties/{h.County}", $"/api/v1/cities/{h.City}" })
        {
            var view = await Http.EventuallyAsync($"{url}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 1234.5m, 2000);
            Assert.Equal(1234.5m, view["totals"]!["completedYtd"].Decimal());
        }

        var repeat = await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", report);
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        var reports = await Http.GetJsonAsync($"/api/v1/projects/{code}/reports");
        var only = Assert.Single(reports.Body!.AsArray());
        Assert.Empty(only!["corrections"]!.AsArray());

        await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", report with { });
        var corrected = await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 1000.25 });
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        var city = await Http.EventuallyAsync($"/api/v1/cities/{h.City}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 1000.25m, 2000);
        Assert.Equal(1000.25m, city["totals"]!["completedYtd"].Decimal());
        var county = await Http.GetJsonAsync($"/api/v1/counties/{h.County}?year=2023&month=5");
        Assert.Equal(1000.25m, county.Body!["totals"]!["completedYtd"].Decimal());

        var history = await Http.GetJsonAsync($"/api/v1/projects/{code}/reports");
        var correction = Assert.Single(Assert.Single(history.Body!.AsArray())!["corrections"]!.AsArray());
        Assert.Equal(1234.5m, correction!["investmentCompleted"].Decimal());
    }

    [Theory]
    [InlineData("2023/5", """{"investmentCompleted": -1}""", "investmentCompleted")]
    [InlineData("2023/5", """{"progressPercent": 10}""", "investmentCompleted")]
    [InlineData("2023/5", """{"investmentCompleted": 10, "progressPercent": 101}""", "progressPercent")]
    [InlineData("2023/13", """{"investmentCompleted": 10}""", "month")]
    [InlineData("2023/0", """{"investmentCompleted": 10}""", "month")]
    [InlineData("2099/1", """{"investmentCompleted": 10}""", "month")]
    [InlineData("2022/2", """{"investmentCompleted": 10}""", "month")]
    [InlineData("2023/5", """{"investmentCompleted": "lots"}""", "investmentCompleted")]
    [InlineData("2023/5", """{"investmentCompleted": 10, "problems": [""]}""", "problems")]
    [InlineData("2023/5", """not json""", "body")]
    public async Task BadReportIsA400NamingTheFieldAndChangesNothing(string period, string body, string field)
    {
        var h = await NewHierarchyAsync();
        var code = $"P-{h.City}-BAD";
        await Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/4", new { investmentCompleted = 50 });
        var before = await Http.GetJsonAsync($"/api/v1/projects/{code}");
        var cityBefore = await Http.EventuallyAsync($"/api/v1/cities/{h.City}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 50m);

        var (status, json, contentType) = await Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/projects/{code}/reports/{period}", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), $"errors do not name {field}: {json.Json()}");
        var after = await Http.GetJsonAsync($"/api/v1/projects/{code}");
        Assert.Equal(before.Body.Json(), after.Body.Json());
        var cityAfter = await Http.GetJsonAsync($"/api/v1/cities/{h.City}?year=2023&month=5");
        Assert.Equal(cityBefore.Json(), cityAfter.Body.Json());
    }

    [Theory]
    [InlineData("townCode", "44088310")]
    [InlineData("category", "roads")]
    [InlineData("stage", "3")]
    [InlineData("totalInvestment", "-5")]
    [InlineData("code", "bad code!")]
    public async Task BadProjectIsA400NamingTheFieldAndCreatesNothing(string field, string value)
    {
        var h = await NewHierarchyAsync();
        var body = new Dictionary<string, object?>
        {
            ["code"] = $"P-{h.City}-NEW", ["name"] = "新项目", ["townCode"] = h.Town, ["category"] = "industry", ["stage"] = "newStart",
            ["totalInvestment"] = 100,
        };
        body[field] = field is "stage" ? int.Parse(value) : field is "totalInvestment" ? decimal.Parse(value) : value;
        var (status, json, _) = await Http.PostJsonAsync("/api/v1/projects", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), $"errors do not name {field}: {json.Json()}");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync($"/api/v1/projects/P-{h.City}-NEW")).Status);
        var town = await Http.GetJsonAsync($"/api/v1/towns/{h.Town}");
        Assert.Empty(town.Body!["projects"]!.AsArray());
    }

    [Fact]
    public async Task UnknownProjectIs404()
    {
        var (status, _, contentType) = await Http.GetJsonAsync("/api/v1/projects/NO-SUCH-PROJECT");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PutJsonAsync("/api/v1/projects/NO-SUCH-PROJECT/reports/2023/1", new { investmentCompleted = 1 })).Status);
    }

    [Fact]
    public async Task TownListsItsProjectsWithLightAndFigures()
    {
        var h = await NewHierarchyAsync();
        var code = $"P-{h.City}-ROW";
        await Http.PostJsonAsync("/api/v1/projects", h.Project(code));
        for (var m = 1; m <= 5; m++)
        {
            await Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/{m}", new { investmentCompleted = 1000 });
        }

        var town = await Http.EventuallyAsync($"/api/v1/towns/{h.Town}?year=2023&month=5", b => b["totals"]!["completedYtd"].Decimal() == 5000m);
        var row = Assert.Single(town["projects"]!.AsArray())!;
        Assert.Equal(code, row["code"].Text());
        Assert.Equal("infrastructure", row["category"].Text());
        Assert.Equal("continuing", row["stage"].Text());
        Assert.Equal("green", row["light"].Text());
        Assert.Equal(5000m, row["completedYtd"].Decimal());
        Assert.Equal(12000m, row["annualPlan"].Decimal());
    }

    /// <summary>A fresh city for this test; from here on the test acts as its command office.</summary>
    private async Task<Hierarchy> NewHierarchyAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        _http = h.Http;
        return h;
    }
}

internal static class RawPost
{
    public static Task<HttpResponseMessage> PostAsJsonAsyncRaw(this HttpClient http, string url, object body) =>
        System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, url, body);
}
