using System.Net;

namespace Liandong.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HierarchyApiTests(ApiFixture fixture)
{
    private HttpClient? _http;

    /// <summary>The API as the command office of the city the test works in (440800 until a test makes its own).</summary>
    private HttpClient Http => _http ??= fixture.AdminOf("440800");

    [Fact]
    public async Task RegisteringTwiceAnswersCreatedThenOk()
    {
        _http = fixture.AdminOf("449800");
        var first = await Http.PutJsonAsync("/api/v1/cities/449800", new { name = "一市" });
        var second = await Http.PutJsonAsync("/api/v1/cities/449800", new { name = "一市" });
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("449800", second.Body!["code"].Text());
    }

    [Fact]
    public async Task CityOverviewHasTheContractShape()
    {
        var h = await NewHierarchyAsync();
        var (status, body, _) = await Http.GetJsonAsync($"/api/v1/cities/{h.City}?year=2023&month=5");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(h.City, body!["code"].Text());
        var totals = body["totals"]!;
        foreach (var field in new[] { "year", "month", "projectCount", "totalInvestment", "annualPlan", "completedYtd", "completionRate",
                     "lastYearSamePeriod", "growthRate", "byStage", "lights" })
        {
            Assert.True(totals.AsObject().ContainsKey(field), $"totals lacks {field}");
        }

        Assert.Equal(2023, totals["year"]!.GetValue<int>());
        Assert.Equal(5, totals["month"]!.GetValue<int>());
        Assert.Null(totals["completionRate"]);
        Assert.Equal(0, totals["byStage"]!["continuing"]!.GetValue<int>());
        Assert.Equal(0, totals["lights"]!["red"]!.GetValue<int>());
        var county = Assert.Single(body["counties"]!.AsArray());
        Assert.Equal(h.County, county!["code"].Text());

        var countyView = await Http.GetJsonAsync($"/api/v1/counties/{h.County}?year=2023&month=5");
        Assert.Equal(h.City, countyView.Body!["cityCode"].Text());
        Assert.Equal(2, countyView.Body["towns"]!.AsArray().Count);
        var townView = await Http.GetJsonAsync($"/api/v1/towns/{h.Town}?year=2023&month=5");
        Assert.Equal(h.County, townView.Body!["countyCode"].Text());
        Assert.Empty(townView.Body["projects"]!.AsArray());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/cities/4408", """{"name":"x"}""", "code")]
    [InlineData("PUT", "/api/v1/cities/440800", """{"name":""}""", "name")]
    [InlineData("PUT", "/api/v1/counties/450883", """{"name":"x","cityCode":"440800"}""", "cityCode")]
    [InlineData("PUT", "/api/v1/counties/440883", """{"name":"x","cityCode":"44080"}""", "cityCode")]
    [InlineData("PUT", "/api/v1/towns/44088310", """{"name":"x","countyCode":"440883"}""", "code")]
    [InlineData("PUT", "/api/v1/towns/440884101", """{"name":"x","countyCode":"440883"}""", "countyCode")]
    [InlineData("PUT", "/api/v1/cities/440800", """{"name": 12}""", "name")]
    [InlineData("PUT", "/api/v1/cities/440800", """{"name": "x" """, "body")]
    [InlineData("GET", "/api/v1/cities/440800?year=2023&month=13", null, "month")]
    [InlineData("GET", "/api/v1/counties/44088?year=2023&month=5", null, "code")]
    [InlineData("GET", "/api/v1/towns/440883101?month=5", null, "year")]
    public async Task BadInputIsA400NamingTheField(string method, string url, string? body, string field)
    {
        var (status, json, contentType) = await Http.SendJsonAsync(new HttpMethod(method), url, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), $"errors do not name {field}: {json.Json()}");
    }

    [Fact]
    public async Task RejectedRegistrationChangesNothing()
    {
        var h = await NewHierarchyAsync();
        var before = await Http.GetJsonAsync($"/api/v1/counties/{h.County}");
        var rejected = await Http.PutJsonAsync($"/api/v1/towns/{h.County}201", new { name = "", countyCode = h.County });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        var after = await Http.GetJsonAsync($"/api/v1/counties/{h.County}");
        Assert.Equal(before.Body.Json(), after.Body.Json());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync($"/api/v1/towns/{h.County}201")).Status);
    }

    [Fact]
    public async Task UnknownDivisionsAre404()
    {
        _http = fixture.AdminOf("459900");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync("/api/v1/cities/459900")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync("/api/v1/counties/459901")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetJsonAsync("/api/v1/towns/459901101")).Status);
        var (status, _, contentType) = await Http.PutJsonAsync("/api/v1/counties/459902", new { name = "无市之县", cityCode = "459900" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
    }

    [Fact]
    public async Task OpenApiDocumentIsPublished()
    {
        var (status, body, _) = await Http.GetJsonAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body!["paths"]!["/api/v1/projects/{code}/reports/{year}/{month}"]);
    }


    /// <summary>A fresh city for this test; from here on the test acts as its command office.</summary>
    private async Task<Hierarchy> NewHierarchyAsync()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        _http = h.Http;
        return h;
    }}
